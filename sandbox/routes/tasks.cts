import { firstQueryValue, queryList, type ApiRequest } from '../api-request.cjs';
import { jsonResponse, type ApiResponse } from '../api-response.cjs';
import { badRequest, notFound } from '../errors.cjs';
import { isUuid } from '../ids.cjs';
import { isPaging, parsePaging, slicePage } from '../paging.cjs';
import type { CaseRecord } from '../records.cjs';
import { formatTimestamp } from '../time.cjs';
import { chatsOf } from './case-details.cjs';
import type { Route, RouteContext } from './route.cjs';

/**
 * Tasks, derived from the sandbox's state the way Debitura's live work queue behaves: a partner's
 * message not yet answered is a ReplyToChat task (solved by replying), a case in More Info
 * Required a MoreInfoNeeded task, unsigned contracts an account-level SignContract task.
 */

export const TASK_TYPES = [
	'Generic',
	'ReplyToChat',
	'SelectQuoteWinner',
	'ReviewPartner',
	'ClientInputRequired',
	'SignContract',
	'MoreInfoNeeded',
	'AssignBankAccount',
	'CaseValidationNeedsInfo',
];

const APP = 'https://app.debitura.com';
const CHAT_ACTION = { method: 'POST', path: '/cases/{caseId}/chats' };

interface Task {
	id: string;
	type: string;
	typeLabel: string;
	title: string;
	description: string | null;
	status: 'Open' | 'Solved';
	caseId: string | null;
	caseReference: string | null;
	leadId: null;
	deadline: null;
	dateCreated: string;
	dateSolved: string | null;
	solutionUrl: string;
	action: { method: string; path: string } | null;
}

/** A stable task ID from what the task is about, so a task keeps its ID across reads. */
function taskId(kind: number, source: string): string {
	const hex = source.replace(/-/g, '').padEnd(32, '0').slice(0, 32);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${kind.toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function tasksOfCase(record: CaseRecord, context: RouteContext): Task[] {
	const tasks: Task[] = [];
	for (const chat of chatsOf(context.store, record.id).filter((c) => c.role === 0)) {
		const reply = chatsOf(context.store, record.id).find(
			(c) => c.role === 1 && c.dateCreated >= chat.dateCreated,
		);
		tasks.push({
			id: taskId(1, chat.id),
			type: 'ReplyToChat',
			typeLabel: 'Reply to chat',
			title: `Reply to the partner on case ${record.reference}`,
			description: chat.message.slice(0, 200),
			status: reply ? 'Solved' : 'Open',
			caseId: record.id,
			caseReference: record.creditorReference,
			leadId: null,
			deadline: null,
			dateCreated: formatTimestamp(chat.dateCreated, 'naive'),
			dateSolved: reply ? formatTimestamp(reply.dateCreated, 'naive') : null,
			solutionUrl: `${APP}/cases/${record.id}/chat`,
			action: CHAT_ACTION,
		});
	}
	if (record.lifecycle === 'NeedsAdditionalDetails') {
		tasks.push({
			id: taskId(2, record.id),
			type: 'MoreInfoNeeded',
			typeLabel: 'More info needed',
			title: `Add the missing details to case ${record.reference}`,
			description: 'Debitura needs more information before the case can proceed.',
			status: 'Open',
			caseId: record.id,
			caseReference: record.creditorReference,
			leadId: null,
			deadline: null,
			dateCreated: formatTimestamp(record.dateUpdated ?? record.dateCreated, 'naive'),
			dateSolved: null,
			solutionUrl: `${APP}/cases/${record.id}`,
			action: CHAT_ACTION,
		});
	}
	return tasks;
}

function accountTasks(context: RouteContext): Task[] {
	if (context.store.contractsSigned) return [];
	return [
		{
			id: taskId(3, '00000000000000000000000000000000'),
			type: 'SignContract',
			typeLabel: 'Sign contract',
			title: 'Sign the debt collection agreement',
			description: 'Cases wait in Pending contract signing until it is signed.',
			status: 'Open',
			caseId: null,
			caseReference: null,
			leadId: null,
			deadline: null,
			dateCreated: formatTimestamp(context.now(), 'naive'),
			dateSolved: null,
			solutionUrl: `${APP}/contracts/sign`,
			action: null,
		},
	];
}

/** `status` (Open by default, or Solved) and repeatable `type`; anything else is a 400. */
function taskFilter(request: ApiRequest): ((task: Task) => boolean) | ApiResponse {
	const status = (firstQueryValue(request, 'status') ?? 'Open').trim().toLowerCase();
	if (status !== 'open' && status !== 'solved')
		return badRequest(`Invalid status '${status}'. Use Open or Solved.`, 'InvalidStatus');
	const types = queryList(request, 'type');
	const unknown = types.filter(
		(type) => !TASK_TYPES.some((known) => known.toLowerCase() === type.toLowerCase()),
	);
	if (unknown.length > 0)
		return badRequest(`Invalid task type(s): ${unknown.join(', ')}`, 'InvalidType');
	const wanted = new Set(types.map((type) => type.toLowerCase()));
	return (task) =>
		task.status.toLowerCase() === status &&
		(wanted.size === 0 || wanted.has(task.type.toLowerCase()));
}

function listTasks(request: ApiRequest, context: RouteContext): ApiResponse {
	const paging = parsePaging(request);
	if (!isPaging(paging)) return paging;
	const filter = taskFilter(request);
	if (typeof filter !== 'function') return filter;
	const all = [
		...accountTasks(context),
		...context.store.allCases().flatMap((record) => tasksOfCase(record, context)),
	].filter(filter);
	const { page, items } = slicePage(all, paging);
	return jsonResponse(200, { page, tasks: items });
}

function listCaseTasks(caseId: string, request: ApiRequest, context: RouteContext): ApiResponse {
	if (!isUuid(caseId)) return badRequest('The case ID must be a GUID.', 'InvalidId');
	const record = context.store.findCase(caseId);
	if (!record) return notFound('Case not found.');
	const filter = taskFilter(request);
	if (typeof filter !== 'function') return filter;
	return jsonResponse(200, tasksOfCase(record, context).filter(filter));
}

export const taskRoutes: Route[] = [
	{
		method: 'GET',
		path: '/tasks',
		handle: (request, _params, context) => listTasks(request, context),
	},
	{
		method: 'GET',
		path: '/cases/:id/tasks',
		handle: (request, params, context) => listCaseTasks(params.id, request, context),
	},
];
