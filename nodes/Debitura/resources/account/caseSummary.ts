import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { itemError } from '../../../common/errors';
import { LIFECYCLE_NAMES, lifecycleName } from '../../../common/lifecycle';
import { checkListPage, ListRead, MALFORMED_PAGE_HELP } from '../../../common/listPage';
import { handleDebituraResponse, sendToDebitura } from '../../../common/transport';
import { MAX_PAGE_SIZE } from '../../helpers/paging';
import { totalResults } from '../case/count';

/**
 * Account → Get Case Summary: cases per lifecycle, the dashboard figure Debitura's own MCP server
 * offers. `GET /cases` filters by lifecycle but not by test or live, so there are two ways to it:
 *
 * - test and live apart (the default): one read of every case, 100 a request, counted by
 *   `lifecycle` and `isTestCase`;
 * - together: one request per lifecycle with the smallest page, read off the paging totals
 *   (ten requests, whatever the number of cases).
 */

const ENDPOINT = 'GET /cases';

type Counts = Record<string, number>;

const zeroCounts = (): Counts => Object.fromEntries(LIFECYCLE_NAMES.map((name) => [name, 0]));
const sum = (counts: Counts) => Object.values(counts).reduce((total, count) => total + count, 0);

async function countPerLifecycle(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<IDataObject> {
	const lifecycles = zeroCounts();
	for (const name of LIFECYCLE_NAMES) {
		requestData.options.qs = { Statuses: name, Page: 1, PageSize: 1 };
		const [answer] = await sendToDebitura.call(this, requestData);
		lifecycles[name] = totalResults(this, answer?.json, ENDPOINT);
	}
	return { total: sum(lifecycles), lifecycles, testCasesIncluded: true };
}

async function countEveryCase(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<IDataObject> {
	const source = { endpoint: ENDPOINT, root: 'cases' };
	const read = new ListRead(source);
	const itemIndex = this.getItemIndex();
	const stop = (message: string) =>
		itemError(this, itemIndex, message, `Nothing was output. ${MALFORMED_PAGE_HELP}`);
	const live = zeroCounts();
	const test = zeroCounts();
	for (let page = 1; ; page++) {
		const tooFar = read.before(page);
		if (tooFar) throw stop(tooFar);
		requestData.options.qs = { Page: page, PageSize: MAX_PAGE_SIZE };
		const [answer] = await sendToDebitura.call(this, requestData);
		const checked = checkListPage<IDataObject>(answer?.json, source, page);
		if (typeof checked === 'string') throw stop(checked);
		if (checked.problems.length) throw stop(checked.problems[0].message);
		const repeated = read.after(
			page,
			checked.rows.map((row) => row.id as string),
			checked.totalPages,
		);
		if (repeated) throw stop(repeated);
		for (const row of checked.rows) {
			const counts = row.isTestCase === true ? test : live;
			// A label Debitura has not documented is counted under itself rather than lost.
			const name = lifecycleName(row.lifecycle) ?? String(row.lifecycle ?? 'Unknown');
			counts[name] = (counts[name] ?? 0) + 1;
		}
		if (page >= checked.totalPages || checked.count === 0) break;
	}
	const lifecycles: Counts = {};
	for (const name of new Set([...Object.keys(live), ...Object.keys(test)]))
		lifecycles[name] = (live[name] ?? 0) + (test[name] ?? 0);
	return {
		total: sum(lifecycles),
		lifecycles,
		live: { total: sum(live), lifecycles: live },
		test: { total: sum(test), lifecycles: test },
	};
}

/** Declarative pagination that sends the summary's requests and outputs the one summary item. */
async function caseSummary(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const apart = this.getNodeParameter('testAndLiveApart', true) as boolean;
	const json = apart
		? await countEveryCase.call(this, requestData)
		: await countPerLifecycle.call(this, requestData);
	return [{ json }];
}

export const getCaseSummaryOperation: INodePropertyOptions = {
	name: 'Get Case Summary',
	value: 'getCaseSummary',
	action: 'Get a summary of the cases',
	description:
		'How many cases the account has in each lifecycle stage (Active, Paused, Closed, …), test and live cases apart: one node for a dashboard or a daily report',
	routing: {
		request: { method: 'GET', url: '/cases' },
		operations: { pagination: caseSummary },
		output: { postReceive: [handleDebituraResponse({ action: 'count the cases' })] },
	},
};

export const getCaseSummaryToolDescription =
	'Counts the cases of the Debitura account in each lifecycle stage (Active, Paused, Closed and so on). Use it for an overview before listing cases. Needs no input; returns one object of counts.';

export const getCaseSummaryDescription: INodeProperties[] = [
	{
		displayName: 'Test and Live Apart',
		name: 'testAndLiveApart',
		type: 'boolean',
		default: true,
		description:
			"Whether to count test and live cases apart. Debitura's case list cannot be filtered by test or live, so this reads every case (100 per request). Off: one request per lifecycle (ten in all, however many cases), test cases included in the counts.",
		displayOptions: { show: { resource: ['account'], operation: ['getCaseSummary'] } },
	},
];
