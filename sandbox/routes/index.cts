import { accountRoutes } from './account.cjs';
import { caseDetailRoutes } from './case-details.cjs';
import { caseReadRoutes } from './cases.cjs';
import { coverageRoutes } from './coverage.cjs';
import { createCaseRoutes } from './create-case.cjs';
import { divisionRoutes } from './divisions.cjs';
import { fileRoutes } from './files.cjs';
import { meRoutes } from './me.cjs';
import { paymentRoutes } from './payments.cjs';
import { quoteRoutes } from './quotes.cjs';
import type { Route } from './route.cjs';
import { taskRoutes } from './tasks.cjs';
import { testCaseRoutes } from './test-cases.cjs';
import { webhookRoutes } from './webhooks.cjs';

/** The API surface. Literal paths (by-creditor-reference, …) come before `:id` paths. */
export const API_ROUTES: readonly Route[] = [
	...meRoutes,
	...accountRoutes,
	...coverageRoutes,
	...divisionRoutes,
	...createCaseRoutes,
	...caseReadRoutes,
	...caseDetailRoutes,
	...taskRoutes,
	...quoteRoutes,
	...paymentRoutes,
	...fileRoutes,
	...testCaseRoutes,
	...webhookRoutes,
];
