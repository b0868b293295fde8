import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { debituraBaseUrlFor, debituraRequest } from '../../common/transport';
import { searchPage, searchPosition } from './paged';

const PAGE_SIZE = 100;

/**
 * A team-member picker (From List by `GET /users`, or By Email): Create Case's Assigned User and
 * Message → Send's Sender Email. Name, label, description and routing differ per use.
 */
export function teamMemberLocator(
	use: Pick<INodeProperties, 'displayName' | 'name' | 'description'> & Partial<INodeProperties>,
): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...use,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a team member…',
				typeOptions: { searchListMethod: 'searchTeamMembers', searchable: true },
			},
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. name@email.com',
			},
		],
	};
}

interface User {
	id: string;
	name?: string | null;
	email?: string | null;
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
	const { page } = searchPosition(paginationToken);
	const list = await debituraRequest<unknown>(
		this,
		{
			method: 'GET',
			baseURL: await debituraBaseUrlFor(this),
			url: '/users',
			qs: { Page: page, PageSize: PAGE_SIZE },
		},
		{ action: 'list the team members' },
	);
	const { rows, paginationToken: next } = searchPage<User>(
		this,
		list,
		{ endpoint: 'GET /users', root: 'users' },
		paginationToken,
	);
	const needle = filter?.trim().toLowerCase();
	const results = rows
		.filter((user) => typeof user.email === 'string' && user.email !== '')
		.filter(
			(user) =>
				!needle ||
				[user.name, user.email].some(
					(value) => typeof value === 'string' && value.toLowerCase().includes(needle),
				),
		)
		.map((user) => ({
			name: user.name ? `${user.name} (${user.email})` : String(user.email),
			value: String(user.email),
		}));
	return { results, paginationToken: next };
}
