import type { IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeApiError } from '../../shared/errors';

/**
 * postReceive, before the transport's error handling: one status an operation explains in its own
 * words. The message keeps Debitura's reason (worded by errors.ts); the description says what the
 * operation's rule is and what to do, where the generic wording would mislead (a 400 on a delete
 * did not "fail to create" anything; a 404 on a webhook ID is not a wrong Base URL).
 */
export function explainStatus(status: number, action: string, description: (this: IExecuteSingleFunctions) => string) {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) {
		if (response.statusCode !== status) return items;
		const { message } = describeApiError(status, response.body, { action });
		const body = response.body && typeof response.body === 'object' ? (response.body as JsonObject) : {};
		throw new NodeApiError(this.getNode(), body, {
			message: status === 404 ? `Debitura answered "not found" when trying to ${action}` : message,
			description: description.call(this),
			httpCode: String(status),
			itemIndex: this.getItemIndex(),
		});
	};
}

/** postReceive for deletes: Debitura answers 204 with no body; n8n's convention is one `{ deleted: true }` item. */
export async function answerDeleted(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true } }];
}
