import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { debituraBaseUrlFor, debituraRequest } from '../../shared/transport';

const PAGE_SIZE = 100;

interface UserList {
	page?: { totalPages?: number };
	users?: Array<{ id: string; name?: string | null; email?: string | null }>;
}

/**
 * "From List" for a team member (`GET /users`), by email: Debitura identifies the assigned user of
 * a case by email address. Filtered by name or email.
 */
export async function searchTeamMembers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const list = await debituraRequest<UserList>(
		this,
		{ method: 'GET', baseURL: await debituraBaseUrlFor(this), url: '/users', qs: { Page: page, PageSize: PAGE_SIZE } },
		{ action: 'list the team members' },
	);
	const needle = filter?.trim().toLowerCase();
	const results = (list.users ?? [])
		.filter((user) => typeof user.email === 'string' && user.email !== '')
		.filter((user) => !needle || [user.name, user.email].some((value) => value?.toLowerCase().includes(needle)))
		.map((user) => ({ name: user.name ? `${user.name} (${user.email})` : String(user.email), value: String(user.email) }));
	const totalPages = list.page?.totalPages ?? page;
	return { results, paginationToken: page < totalPages ? String(page + 1) : undefined };
}
