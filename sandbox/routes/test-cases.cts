import { firstQueryValue, type ApiRequest } from '../api-request.cjs';
import { emptyResponse, jsonResponse, type ApiResponse } from '../api-response.cjs';
import { badRequest, notFound } from '../errors.cjs';
import { isUuid } from '../ids.cjs';
import { parseJsonBody } from '../json-body.cjs';
import { CLOSE_CODE_NO_PAYMENT, CLOSE_CODE_PAID, isOpenLifecycle } from '../lifecycle.cjs';
import { recordPayment } from '../payment-ops.cjs';
import type { CaseRecord } from '../records.cjs';
import { isPlainObject } from '../validation.cjs';
import type { SandboxEventSink } from '../webhooks-events.cjs';
import type { Route, RouteContext } from './route.cjs';

/** The /test/* endpoints: drive a test case through its life, and clean test cases up. */

type AdvanceTarget = 'Active' | 'Closed:Paid' | 'Closed:NoPayment';

const ADVANCE_TARGETS: AdvanceTarget[] = ['Active', 'Closed:Paid', 'Closed:NoPayment'];

/** The state vocabulary of the advance endpoint, derived from lifecycle and close code. */
function advanceState(record: CaseRecord): string {
	if (record.lifecycle !== 'Closed') return record.lifecycle;
	if (record.closeCode === CLOSE_CODE_PAID) return 'Closed:Paid';
	if (record.closeCode === CLOSE_CODE_NO_PAYMENT) return 'Closed:NoPayment';
	return 'Closed';
}

function activate(record: CaseRecord, now: number, events: SandboxEventSink): void {
	if (record.lifecycle === 'Active' || !isOpenLifecycle(record.lifecycle)) return;
	const from = record.lifecycle;
	record.lifecycle = 'Active';
	events.lifecycleChanged(record, from);
	record.dateCollectionStarted ??= now;
	record.combinedSigningUrl = null;
}

function close(record: CaseRecord, closeCode: string, now: number, events: SandboxEventSink): void {
	const from = record.lifecycle;
	record.lifecycle = 'Closed';
	record.closeCode = closeCode;
	record.dateFinished = now;
	events.lifecycleChanged(record, from);
	events.caseClosed(record);
}

function advance(caseId: string, request: ApiRequest, context: RouteContext): ApiResponse {
	if (!isUuid(caseId)) return badRequest('The case ID must be a GUID.', 'InvalidId');
	const record = context.store.findCase(caseId);
	if (!record) return notFound('Case not found or not owned by you.');
	if (!record.isTest) return badRequest('Only test cases can be advanced.', 'NotATestCase');

	const parsed = parseJsonBody(request);
	if (!parsed.ok) return parsed.response;
	const body = isPlainObject(parsed.value) ? parsed.value : {};
	const to = ADVANCE_TARGETS.find(
		(t) => typeof body.to === 'string' && t.toLowerCase() === body.to.trim().toLowerCase(),
	);
	if (to === undefined)
		return badRequest(`'to' must be one of: ${ADVANCE_TARGETS.join(', ')}.`, 'InvalidTarget');
	const amount = body.amount;
	if (to === 'Closed:Paid' && (typeof amount !== 'number' || !(amount > 0))) {
		return badRequest('Closed:Paid needs a positive amount.', 'AmountRequired');
	}

	const current = advanceState(record);
	if (current === to || (to === 'Active' && record.lifecycle === 'Closed')) {
		return jsonResponse(200, { advanced: false, state: current });
	}
	if (record.lifecycle === 'Closed') {
		return badRequest(`The case is already closed as ${current}.`, 'AlreadyClosed');
	}

	const now = context.now();
	activate(record, now, context.store.events);
	if (to === 'Closed:Paid') {
		recordPayment(
			context.store,
			{ caseId: record.id, grossAmount: amount as number, date: now },
			now,
		);
		close(record, CLOSE_CODE_PAID, now, context.store.events);
	} else if (to === 'Closed:NoPayment') {
		close(record, CLOSE_CODE_NO_PAYMENT, now, context.store.events);
	}
	record.dateUpdated = now;
	return jsonResponse(200, { advanced: true, state: to });
}

/** A hard delete: the case, its children in the store, and its webhook delivery records. */
function hardDelete(record: CaseRecord, context: RouteContext): void {
	context.store.deleteCase(record.id);
	context.webhooks.forgetCase(record.id);
}

function deleteTestCase(caseId: string, context: RouteContext): ApiResponse {
	const { store } = context;
	if (!isUuid(caseId)) return badRequest('The case ID must be a GUID.', 'InvalidId');
	const record = store.findCase(caseId);
	if (!record)
		return store.wasDeleted(caseId)
			? emptyResponse(204)
			: notFound('Case not found or not owned by you.');
	if (!record.isTest)
		return badRequest(
			'This is a production case; only test cases can be deleted.',
			'ProductionCase',
		);
	hardDelete(record, context);
	return emptyResponse(204);
}

/** All or nothing: one production case among the matches rejects the whole deletion. */
function deleteTestCasesByTag(request: ApiRequest, context: RouteContext): ApiResponse {
	const { store } = context;
	const tag = firstQueryValue(request, 'tag');
	if (tag === undefined || tag.trim() === '')
		return badRequest('The tag query parameter is required.', 'TagRequired');
	const matches = store.allCases().filter((c) => c.tag === tag);
	if (matches.some((c) => !c.isTest)) {
		return badRequest('The tag matches production cases; nothing was deleted.', 'ProductionCase');
	}
	for (const match of matches) hardDelete(match, context);
	return emptyResponse(204);
}

export const testCaseRoutes: Route[] = [
	{
		method: 'POST',
		path: '/test/cases/:id/advance',
		handle: (request, params, context) => advance(params.id, request, context),
	},
	{
		method: 'DELETE',
		path: '/test/cases/:id',
		handle: (_r, params, context) => deleteTestCase(params.id, context),
	},
	{
		method: 'DELETE',
		path: '/test/cases',
		handle: (request, _params, context) => deleteTestCasesByTag(request, context),
	},
];
