import { firstQueryValue, queryList, type ApiRequest } from '../api-request.cjs';
import { jsonResponse, type ApiResponse } from '../api-response.cjs';
import { filterCases, parseLifecycles, parseSort, sortCases } from '../case-query.cjs';
import { invoiceDto } from '../dto.cjs';
import { badRequest, notFound } from '../errors.cjs';
import { isUuid } from '../ids.cjs';
import { isPaging, parsePaging, slicePage } from '../paging.cjs';
import type { CaseRecord } from '../records.cjs';
import type { Route, RouteContext } from './route.cjs';

/** Case reads: the list and the three single-case lookups. All show zone-less timestamps. */

function listCases(request: ApiRequest, context: RouteContext): ApiResponse {
	const paging = parsePaging(request);
	if (!isPaging(paging)) return paging;

	const { lifecycles, unknown } = parseLifecycles(queryList(request, 'Statuses'));
	if (unknown.length > 0)
		return badRequest(`Invalid status value(s): ${unknown.join(', ')}`, 'InvalidStatus');

	const idLists: Record<string, string[]> = {};
	for (const name of ['Ids', 'DivisionIds', 'DebtorIds']) {
		idLists[name] = queryList(request, name);
		const invalid = idLists[name].filter((id) => !isUuid(id));
		if (invalid.length > 0)
			return badRequest(
				`${name} contains values that are not GUIDs: ${invalid.join(', ')}`,
				'InvalidId',
			);
	}

	const matching = filterCases(context.store.allCases(), {
		lifecycles,
		ids: idLists.Ids,
		divisionIds: idLists.DivisionIds,
		debtorIds: idLists.DebtorIds,
	});
	const sorted = sortCases(
		matching,
		context.caseSort === 'ignored' ? [] : parseSort(firstQueryValue(request, 'Sort')),
		context.store,
		context.caseSort === 'honoured-nulls-first',
	);
	const { page, items } = slicePage(sorted, paging);
	return jsonResponse(200, {
		page,
		cases: items.map((c) => invoiceDto(context.store, c, 'naive')),
	});
}

function caseResponse(
	context: RouteContext,
	record: CaseRecord | undefined,
	notFoundMessage: string,
): ApiResponse {
	return record
		? jsonResponse(200, invoiceDto(context.store, record, 'naive'))
		: notFound(notFoundMessage);
}

function getCaseById(id: string, context: RouteContext): ApiResponse {
	if (!isUuid(id)) return badRequest('The case ID must be a GUID.', 'InvalidId');
	return caseResponse(
		context,
		context.store.findCase(id),
		'Case not found, deleted, or not part of your account.',
	);
}

function getCaseByCreditorReference(reference: string, context: RouteContext): ApiResponse {
	if (reference.trim() === '') return badRequest('Creditor reference is missing.');
	return caseResponse(
		context,
		context.store.findCaseByCreditorReference(reference),
		'No case has this creditor reference.',
	);
}

function getCaseByCaseReference(reference: string, context: RouteContext): ApiResponse {
	if (reference.trim() === '') return badRequest('Case reference is missing.');
	return caseResponse(
		context,
		context.store.findCaseByReference(reference.trim()),
		'No case in your account has this reference.',
	);
}

export const caseReadRoutes: Route[] = [
	{
		method: 'GET',
		path: '/cases',
		handle: (request, _params, context) => listCases(request, context),
	},
	{
		method: 'GET',
		path: '/cases/by-creditor-reference/:reference',
		handle: (_r, params, context) => getCaseByCreditorReference(params.reference, context),
	},
	{
		method: 'GET',
		path: '/cases/case-reference/:reference',
		handle: (_r, params, context) => getCaseByCaseReference(params.reference, context),
	},
	{
		method: 'GET',
		path: '/cases/:id',
		handle: (_r, params, context) => getCaseById(params.id, context),
	},
];
