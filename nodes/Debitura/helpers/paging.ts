import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { itemError } from '../../common/errors';
import { checkListPage, ListRead, MALFORMED_PAGE_HELP } from '../../common/listPage';
import { sendToDebitura } from '../../common/transport';

/** Debitura's largest page (`PageSize` 1..100 on /cases, /Payments and /tasks). */
export const MAX_PAGE_SIZE = 100;

/** Turns the collected entries into output items (Simplify, UTC timestamps); runs once, after the last page. */
type FinishEntries = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

/**
 * Declarative pagination for Debitura's paged lists (`{ page: PageData, <rootProperty>: [...] }`).
 * Pages are read with `Page`/`PageSize` until Return All has every entry or Limit is reached, and
 * stop at the last page Debitura reports (`totalPages`), so 100 results at 100 a page is one
 * request, not two. Each page is sent by `sendToDebitura` with the page number on its request, so a
 * 429 on page 3 is retried as page 3. `names` are the query parameters as the spec spells them
 * (`/divisions` has `page`/`pageSize`). A read that cannot end (the API ignores `Page`, or keeps
 * reporting more pages) or a malformed page stops the item with a sentence naming the endpoint
 * (listPage.ts); nothing of a half-read list is output.
 */
export function pagedList(
	rootProperty: string,
	finish?: FinishEntries,
	names = { page: 'Page', pageSize: 'PageSize' },
) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll
			? Infinity
			: Math.max(1, Math.floor(this.getNodeParameter('limit', 50) as number));
		const pageSize = Math.min(MAX_PAGE_SIZE, limit);
		const qs = (requestData.options.qs ??= {});
		const source = { endpoint: `GET ${String(requestData.options.url ?? '')}`, root: rootProperty };
		const read = new ListRead(source);
		const itemIndex = this.getItemIndex();
		const stop = (message: string, description: string) =>
			itemError(this, itemIndex, message, description);
		const entries: IDataObject[] = [];
		for (let page = 1; ; page++) {
			const tooFar = read.before(page);
			if (tooFar)
				throw stop(tooFar, `Nothing was output: the list did not end. ${MALFORMED_PAGE_HELP}`);
			qs[names.page] = page;
			qs[names.pageSize] = pageSize;
			const [answer] = await sendToDebitura.call(this, requestData);
			const checked = checkListPage<IDataObject>(answer?.json, source, page);
			if (typeof checked === 'string') throw stop(checked, MALFORMED_PAGE_HELP);
			if (checked.problems.length) throw stop(checked.problems[0].message, MALFORMED_PAGE_HELP);
			const repeated = read.after(
				page,
				checked.rows.map((row) => row.id as string),
				checked.totalPages,
			);
			if (repeated)
				throw stop(
					repeated,
					`Nothing was output: every record on this page was on an earlier one, so reading on would never end. ${MALFORMED_PAGE_HELP}`,
				);
			entries.push(...checked.rows);
			if (entries.length >= limit || page >= checked.totalPages || checked.count === 0) break;
		}
		const items = entries.slice(0, limit).map((json) => ({ json }));
		return finish ? await finish.call(this, items) : items;
	};
}

/** Return All and Limit (default 50) for a Get Many operation. */
export function returnAllOrLimit(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** One output item per entry of `list`; `otherwise` when it is no list. */
function itemPerEntry(list: unknown, otherwise: INodeExecutionData[]): INodeExecutionData[] {
	return Array.isArray(list) ? (list as IDataObject[]).map((json) => ({ json })) : otherwise;
}

/** postReceive for list answers (`[...]`): one output item per entry. */
export async function splitList(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return itemPerEntry(items[0]?.json, items);
}

/** postReceive: one output item per entry of the answer's `property` list (`{ quotes: [...] }`). */
export function splitProperty(property: string) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		return itemPerEntry((items[0]?.json as IDataObject | undefined)?.[property], []);
	};
}

/** postReceive for unpaged lists: Limit applied unless Return All is on. */
export async function limitUnlessReturnAll(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('returnAll', false) as boolean) return items;
	return items.slice(0, Math.max(1, Math.floor(this.getNodeParameter('limit', 50) as number)));
}
