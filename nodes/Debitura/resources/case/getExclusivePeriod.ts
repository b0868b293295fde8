import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { answerError } from '../../../common/errors';
import { debituraBaseUrlFor, debituraRequest } from '../../../common/transport';
import { caseIdPath, caseResourceErrorContext } from '../../helpers/caseLocator';
import { caseReadOperation } from './caseRead';

const DOING = 'get the exclusive period';

/**
 * Debitura answers 404 both for an unknown case and for a case without an exclusive period. On a
 * 404 the case itself is read (one more request, only then): if it exists, the error says the
 * period is missing, not the case.
 */
async function explainMissingPeriod(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode !== 404) return items;
	const baseURL = await debituraBaseUrlFor(this);
	const path = await caseIdPath(this, baseURL, DOING);
	const found = await debituraRequest<{ id?: string; lifecycle?: string }>(
		this,
		{ method: 'GET', url: path, baseURL },
		caseResourceErrorContext(DOING).call(this, { url: path }),
		this.getItemIndex(),
	);
	throw answerError(this, {
		message: 'The case has no exclusive period',
		description: `Debitura found the case (ID ${String(found.id)}, lifecycle "${found.lifecycle ?? 'unknown'}") but it has no exclusive collection period: one starts when a collection partner takes the case on. Nothing is wrong with the case.`,
		httpCode: '404',
		itemIndex: this.getItemIndex(),
	});
}

/** GET /cases/{id}/exclusive-period: start, current end, days remaining, status and the extensions. */
export const getCaseExclusivePeriod = caseReadOperation({
	name: 'Get Exclusive Period',
	value: 'getExclusivePeriod',
	action: 'Get the exclusive period of a case',
	description:
		"Get the collection partner's exclusive period on a case: when it started, when it ends, days remaining, its status (Active, Expired, Terminated) and the extensions payments or promises triggered. A case no partner has taken on yet has none.",
	toolDescription:
		"Returns the collection partner's exclusive period on a case: start, end, days remaining, status (Active, Expired, Terminated) and extensions. A case no partner has taken on yet has none. Needs the case.",
	path: '/cases/{case}/exclusive-period',
	doing: DOING,
	before: [explainMissingPeriod],
});
