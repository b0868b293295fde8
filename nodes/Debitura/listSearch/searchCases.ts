import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { debituraBaseUrlFor, debituraRequest } from '../../common/transport';
import type { Case } from '../../common/types';
import { searchPage, searchPosition } from './paged';

const PAGE_SIZE = 100;

/**
 * "From List" for the Case field: newest cases first, a page at a time. Debitura has no text
 * search on cases, so the filter matches the loaded page on reference, creditor reference and
 * debtor name; scrolling loads the next page.
 */
export async function searchCases(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { page } = searchPosition(paginationToken);
	const baseURL = await debituraBaseUrlFor(this);
	const list = await debituraRequest<unknown>(
		this,
		{
			method: 'GET',
			baseURL,
			url: '/cases',
			qs: { Sort: 'DateCreated:desc', Page: page, PageSize: PAGE_SIZE },
		},
		{ action: 'list cases' },
	);
	const { rows, paginationToken: next } = searchPage<Case>(
		this,
		list,
		{ endpoint: 'GET /cases', root: 'cases' },
		paginationToken,
	);
	const needle = filter?.trim().toLowerCase();
	const results = rows
		.filter(
			(item) =>
				!needle ||
				[item.reference, item.creditorReference, item.debtor?.name].some(
					(value) => typeof value === 'string' && value.toLowerCase().includes(needle),
				),
		)
		.map((item) => ({
			name: [
				item.reference,
				item.creditorReference,
				item.debtor?.name,
				item.isTestCase ? '(test)' : '',
			]
				.filter(Boolean)
				.join(' · '),
			value: item.id,
		}));
	return { results, paginationToken: next };
}
