import { jsonResponse } from '../api-response.cjs';
import { SANDBOX_CREDITOR } from '../creditor.cjs';
import type { Route } from './route.cjs';

export const meRoutes: Route[] = [
	{
		method: 'GET',
		path: '/me',
		handle: () => jsonResponse(200, { ...SANDBOX_CREDITOR }),
	},
];
