import type { ApiRequest } from '../api-request.cjs';
import { jsonResponse, type ApiResponse } from '../api-response.cjs';
import { paymentDto } from '../dto.cjs';
import { badRequest, notFound } from '../errors.cjs';
import { isUuid } from '../ids.cjs';
import { isPaging, parsePaging, slicePage } from '../paging.cjs';
import type { Route, RouteContext } from './route.cjs';

function listPayments(request: ApiRequest, context: RouteContext): ApiResponse {
	const paging = parsePaging(request);
	if (!isPaging(paging)) return paging;
	const ordered = context.store.orderedPayments(context.paymentOrder);
	const { page, items } = slicePage(ordered, paging);
	return jsonResponse(200, {
		page,
		payments: items.map((p) => paymentDto(context.store, p, 'naive')),
	});
}

function getPayment(id: string, context: RouteContext): ApiResponse {
	if (!isUuid(id)) return badRequest('The payment ID must be a GUID.', 'InvalidId');
	const payment = context.store.findPayment(id);
	return payment
		? jsonResponse(200, paymentDto(context.store, payment, 'naive'))
		: notFound('Payment not found.');
}

/** Every payment on one case, unpaginated, oldest registration first. */
function listCasePayments(caseId: string, context: RouteContext): ApiResponse {
	if (!isUuid(caseId)) return badRequest('The case ID must be a GUID.', 'InvalidId');
	const owningCase = context.store.findCase(caseId);
	if (!owningCase) return notFound('Case not found.');
	return jsonResponse(
		200,
		context.store.paymentsOfCase(owningCase.id).map((p) => paymentDto(context.store, p, 'naive')),
	);
}

export const paymentRoutes: Route[] = [
	{
		method: 'GET',
		path: '/Payments',
		handle: (request, _params, context) => listPayments(request, context),
	},
	{
		method: 'GET',
		path: '/Payments/:id',
		handle: (_r, params, context) => getPayment(params.id, context),
	},
	{
		method: 'GET',
		path: '/cases/:id/payments',
		handle: (_r, params, context) => listCasePayments(params.id, context),
	},
];
