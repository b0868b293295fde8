/** Shared set-up for the Case Trigger tests: case history, case events, and a trigger wired to the sandbox. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/index.cjs';
import type { SandboxFixture } from '../harness/fixtures.cjs';
import { NODE } from '../harness/node-types.cjs';
import { TriggerUnderTest, type TriggerOptions } from '../harness/poll-trigger.cjs';

const HOUR = 3_600_000;

export type CaseEvent = 'created' | 'updated' | 'closed';
export const CASE_EVENTS: readonly CaseEvent[] = ['created', 'updated', 'closed'];

/**
 * `count` test cases created evenly over the last year (the newest an hour ago). Every third was
 * never changed (`dateUpdated` null), every fifth is already closed; the rest were changed 1-5
 * days after creation. Returns the ids of the open ones, oldest first.
 */
export function addCaseHistory(
	sandbox: Sandbox,
	count: number,
	isTest = true,
	changes: 'scattered' | 'in-creation-order' = 'scattered',
): string[] {
	const end = Date.now() - HOUR;
	const open: string[] = [];
	for (let index = 0; index < count; index++) {
		const created = end - ((count - index) * 24 * 365 * HOUR) / count;
		const closed = index % 5 === 4;
		// Changed 1-5 days after creation, in no order of their own, as real accounts have them.
		// 'in-creation-order': each a day after creation, so a list in creation order is also in change order.
		const delay = changes === 'scattered' ? ((index * 7) % 5) + 1 : 1;
		const updated = closed || index % 3 !== 0 ? Math.min(created + delay * 24 * HOUR, end) : null;
		const item = sandbox.createCase({
			isTest,
			lifecycle: closed ? 'Closed' : 'Active',
			closeCode: closed ? 'Paid' : undefined,
			dateCreated: new Date(created).toISOString(),
			dateUpdated: updated === null ? null : new Date(updated).toISOString(),
		});
		if (!closed) open.push(item.id);
	}
	return open;
}

/**
 * Makes `count` events of the kind the trigger follows, now: new test cases, changes on open
 * cases, or closes of open cases (taken from `open`, which loses them). Returns the case ids.
 */
export function makeEvents(
	sandbox: Sandbox,
	event: CaseEvent,
	count: number,
	open: string[],
): string[] {
	if (event === 'created')
		return Array.from({ length: count }, () => sandbox.createCase({ isTest: true }).id);
	if (event === 'updated') {
		const ids = open.slice(0, count);
		for (const id of ids) sandbox.updateCase(id, { lifecycle: 'Paused' });
		return ids;
	}
	const ids = open.splice(0, count);
	for (const id of ids) sandbox.updateCase(id, { lifecycle: 'Closed', closeCode: 'Paid' });
	return ids;
}

/**
 * One event of the kind `event` that shows up late, dated `ago` ms back: a test case created then;
 * or an older case (created ten days before) last changed, or closed, then. Returns the case id.
 */
export function makeLateEvent(sandbox: Sandbox, event: CaseEvent, ago: number): string {
	const at = new Date(Date.now() - ago).toISOString();
	if (event === 'created') return sandbox.createCase({ isTest: true, dateCreated: at }).id;
	const old = {
		isTest: true,
		dateCreated: new Date(Date.now() - 240 * HOUR).toISOString(),
		dateUpdated: at,
	};
	if (event === 'updated') return sandbox.createCase({ ...old, lifecycle: 'Active' }).id;
	return sandbox.createCase({ ...old, lifecycle: 'Closed', closeCode: 'Paid' }).id;
}

export async function caseTrigger(
	env: SandboxFixture,
	parameters: INodeParameters = {},
	options: Partial<TriggerOptions> = {},
): Promise<TriggerUnderTest> {
	return await TriggerUnderTest.create({
		credentials: env.credentials,
		parameters: { event: 'created', cases: 'test', ...parameters },
		nodeType: NODE.caseTrigger,
		...options,
	});
}

/** Every case id the trigger emitted so far, in emission order, duplicates kept. */
export function emittedCaseIds(trigger: TriggerUnderTest): string[] {
	return trigger.emitted.flat().map((item: INodeExecutionData) => String(item.json.id));
}

/** How many `GET /cases` requests the sandbox has answered so far. */
export function caseRequests(sandbox: Sandbox): number {
	return sandbox.requests.filter((request) => request.path === '/cases').length;
}

/** Ids as a multiset: cases recorded in the same millisecond have no order of their own. */
export const sorted = (ids: string[]) => [...ids].sort();
