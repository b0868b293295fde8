import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** Debitura's largest page (`PageSize` 1..100 on /cases, /Payments and /tasks). */
export const MAX_PAGE_SIZE = 100;

/** Turns the collected entries into output items (Simplify, UTC timestamps); runs once, after the last page. */
export type FinishEntries = (this: IExecuteSingleFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/**
 * Declarative pagination for Debitura's paged lists (`{ page: PageData, <rootProperty>: [...] }`).
 * Pages are read with `Page`/`PageSize` until Return All has every entry or Limit is reached, and
 * stop at the last page Debitura reports (`totalPages`), so 100 results at 100 a page is one
 * request, not two. The page number is set on the request object the transport remembers, so a
 * 429 on page 3 is retried as page 3. `names` are the query parameters as the spec spells them
 * (`/divisions` has `page`/`pageSize`).
 */
export function pagedList(rootProperty: string, finish?: FinishEntries, names = { page: 'Page', pageSize: 'PageSize' }) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : Math.max(1, Math.floor(this.getNodeParameter('limit', 50) as number));
		const pageSize = Math.min(MAX_PAGE_SIZE, limit);
		const qs = (requestData.options.qs ??= {});
		const entries: IDataObject[] = [];
		for (let page = 1; ; page++) {
			qs[names.page] = page;
			qs[names.pageSize] = pageSize;
			const [answer] = await this.makeRoutingRequest(requestData);
			const body = (answer?.json ?? {}) as IDataObject;
			const pageEntries = Array.isArray(body[rootProperty]) ? (body[rootProperty] as IDataObject[]) : [];
			entries.push(...pageEntries);
			const totalPages = Number((body.page as IDataObject | undefined)?.totalPages);
			const lastPage = Number.isFinite(totalPages) ? page >= totalPages : pageEntries.length < pageSize;
			if (entries.length >= limit || lastPage || pageEntries.length === 0) break;
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

/** postReceive for list answers (`[...]`): one output item per entry. */
export async function splitList(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const list = items[0]?.json;
	return Array.isArray(list) ? (list as IDataObject[]).map((json) => ({ json })) : items;
}

/** postReceive for unpaged lists: Limit applied unless Return All is on. */
export async function limitUnlessReturnAll(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('returnAll', false) as boolean) return items;
	return items.slice(0, Math.max(1, Math.floor(this.getNodeParameter('limit', 50) as number)));
}
