import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { debituraBaseUrlFor, debituraRequest } from '../../common/transport';
import { searchPage, searchPosition } from './paged';

const PAGE_SIZE = 100;

interface Division {
	id: string;
	companyName?: string | null;
	city?: string | null;
	country?: IDataObject | null;
}

/** "From List" for a division: the account's divisions (archived ones left out), a page at a time, filtered by name or city. */
export async function searchDivisions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { page } = searchPosition(paginationToken);
	const list = await debituraRequest<unknown>(
		this,
		{
			method: 'GET',
			baseURL: await debituraBaseUrlFor(this),
			url: '/divisions',
			qs: { page, pageSize: PAGE_SIZE },
		},
		{ action: 'list the divisions' },
	);
	const { rows, paginationToken: next } = searchPage<Division>(
		this,
		list,
		{ endpoint: 'GET /divisions', root: 'divisions' },
		paginationToken,
	);
	const needle = filter?.trim().toLowerCase();
	const results = rows
		.filter(
			(division) =>
				!needle ||
				[division.companyName, division.city].some(
					(value) => typeof value === 'string' && value.toLowerCase().includes(needle),
				),
		)
		.map((division) => ({
			name: [division.companyName, division.city, division.country?.alpha2]
				.filter(Boolean)
				.join(' · '),
			value: division.id,
		}));
	return { results, paginationToken: next };
}
