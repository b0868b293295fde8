import type { IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * postReceive before the transport's: a 404 from a path that names one thing (`/divisions/{id}`,
 * `/coverage/{id}`) means that thing does not exist, and the error should say so, naming the ID,
 * rather than suspect the credential's Base URL.
 */
export function explainNotFound(noun: string, label: string, idOf: (context: IExecuteSingleFunctions) => string) {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) {
		if (response.statusCode !== 404) return items;
		const itemIndex = this.getItemIndex();
		throw new NodeApiError(this.getNode(), {}, {
			message: `Debitura has no ${noun} matching the "${label}" parameter`,
			description: `No ${noun} has ID "${idOf(this)}" in this Debitura account. Pick one from the list, or take the ID from the Get Many operation.`,
			httpCode: '404',
			itemIndex,
		});
	};
}
