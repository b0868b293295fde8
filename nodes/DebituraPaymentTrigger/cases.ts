import type { IPollFunctions } from 'n8n-workflow';

import { nodeError } from '../common/errors';
import { debituraRequest } from '../common/transport';
import { checkListPage } from '../common/listPage';
import { FEED_HELP } from '../common/polling/feed';
import type { Case, CaseList } from '../common/types';

/** Debitura's largest page; also keeps the `Ids` query string well under URL length limits. */
const BATCH = 100;

/**
 * The cases behind a set of payments, fetched in batches through `GET /cases?Ids=…` rather than
 * one request per payment. A case that no longer exists (deleted test cases are hard-deleted) is
 * simply absent from the result.
 */
export async function fetchCases(
	context: IPollFunctions,
	baseURL: string,
	caseIds: string[],
): Promise<Map<string, Case>> {
	const unique = [...new Set(caseIds.filter(Boolean))];
	const cases = new Map<string, Case>();
	for (let start = 0; start < unique.length; start += BATCH) {
		const ids = unique.slice(start, start + BATCH);
		const list = await debituraRequest<CaseList>(
			context,
			{
				method: 'GET',
				baseURL,
				url: '/cases',
				qs: { Ids: ids.join(','), PageSize: BATCH, Page: 1 },
			},
			{ action: 'look up the cases of new payments' },
		);
		const checked = checkListPage<Case>(list, { endpoint: 'GET /cases', root: 'cases' }, 1);
		if (typeof checked === 'string') throw nodeError(context, checked, FEED_HELP);
		// A case that cannot be read is treated like one that no longer exists.
		for (const problem of checked.problems) {
			context.logger.warn(
				`"${context.getNode().name}": ${problem}; its payments are treated as on a case that no longer exists`,
			);
		}
		for (const item of checked.rows) cases.set(item.id, item);
	}
	return cases;
}
