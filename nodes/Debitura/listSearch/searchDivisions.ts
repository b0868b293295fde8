import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { debituraBaseUrlFor, debituraRequest } from '../../shared/transport';

const PAGE_SIZE = 100;

interface DivisionList {
	page?: { totalPages?: number };
	divisions?: Array<{ id: string; companyName?: string | null; city?: string | null; country?: IDataObject | null }>;
}

/** "From List" for a division: the account's divisions (archived ones left out), a page at a time, filtered by name or city. */
export async function searchDivisions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const list = await debituraRequest<DivisionList>(
		this,
		{ method: 'GET', baseURL: await debituraBaseUrlFor(this), url: '/divisions', qs: { page, pageSize: PAGE_SIZE } },
		{ action: 'list the divisions' },
	);
	const needle = filter?.trim().toLowerCase();
	const results = (list.divisions ?? [])
		.filter((division) => !needle || [division.companyName, division.city].some((value) => value?.toLowerCase().includes(needle)))
		.map((division) => ({
			name: [division.companyName, division.city, division.country?.alpha2].filter(Boolean).join(' · '),
			value: division.id,
		}));
	const totalPages = list.page?.totalPages ?? page;
	return { results, paginationToken: page < totalPages ? String(page + 1) : undefined };
}
