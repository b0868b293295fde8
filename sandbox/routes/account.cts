import { jsonResponse } from '../api-response.cjs';
import { signingLinks } from '../coverage.cjs';
import { problemDetails } from '../errors.cjs';
import { isPaging, parsePaging, slicePage } from '../paging.cjs';
import { TEAM } from './case-details.cjs';
import type { Route } from './route.cjs';

/** The account around the cases: its team (`GET /users`) and its debt collection agreement. */

/** `/users` pages 50 by default (spec) and, unlike the case lists, answers errors as ProblemDetails. */
const USERS_DEFAULT_PAGE_SIZE = 50;

export const accountRoutes: Route[] = [
	{
		method: 'GET',
		path: '/users',
		handle: (request) => {
			const paging = parsePaging(request, USERS_DEFAULT_PAGE_SIZE);
			if (!isPaging(paging)) {
				const { message } = paging.json as { message: string };
				return problemDetails(400, 'Invalid pagination parameters', { PageSize: [message] });
			}
			const users = TEAM.map((member) => ({
				id: member.uuid,
				name: `${member.firstName} ${member.lastName}`,
				email: member.email,
			}));
			const { page, items } = slicePage(users, paging);
			return jsonResponse(200, { page, users: items });
		},
	},
	{
		method: 'GET',
		path: '/contracts/debt-collection/status',
		handle: (_request, _params, context) => {
			const signed = context.store.contractsSigned;
			return jsonResponse(200, {
				signed,
				requiresResigning: false,
				invalidationReason: 'None',
				...signingLinks(context.store, context.baseUrl, 'sdca'),
			});
		},
	},
];
