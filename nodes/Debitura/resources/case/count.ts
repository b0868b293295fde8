import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

import { itemError } from '../../../common/errors';
import { MALFORMED_PAGE_HELP } from '../../../common/listPage';
import { handleDebituraResponse } from '../../../common/transport';
import { buildCaseFilterQuery } from './getMany';

/**
 * The number of cases a list answer reports in its paging totals (`page.totalResults`); a page
 * without it is named, never read as zero.
 */
export function totalResults(
	context: IExecuteSingleFunctions,
	body: unknown,
	endpoint: string,
): number {
	const paging = (body as IDataObject | undefined)?.page as IDataObject | undefined;
	const total = paging?.totalResults;
	if (typeof total === 'number' && Number.isInteger(total) && total >= 0) return total;
	const itemIndex = context.getItemIndex();
	throw itemError(
		context,
		itemIndex,
		`${endpoint} answered without its paging totals: "page.totalResults" is ${total === undefined ? 'missing' : JSON.stringify(total)}`,
		MALFORMED_PAGE_HELP,
	);
}

/** postReceive of Count: `{ count }` from the paging totals; the one case on the page is not output. */
async function countFromTotals(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return [{ json: { count: totalResults(this, items[0]?.json, 'GET /cases') } }];
}

export const countCasesOperation: INodePropertyOptions = {
	name: 'Count',
	value: 'count',
	action: 'Count cases',
	description:
		"How many cases match the filters of Get Many (lifecycle, division, debtor, ID), in one request whatever the number: Debitura's paging totals, without reading the cases. Test cases are counted too.",
	routing: {
		// The smallest page: only the totals that come with it are used.
		request: { method: 'GET', url: '/cases', qs: { Page: 1, PageSize: 1 } },
		send: { preSend: [buildCaseFilterQuery] },
		output: {
			postReceive: [handleDebituraResponse({ action: 'count the cases' }), countFromTotals],
		},
	},
};

export const countCasesToolDescription =
	'Counts the Debitura cases that match the filters this tool is set up with (lifecycle, division, debtor, ID) without reading them; test cases are counted too. Returns one number.';
