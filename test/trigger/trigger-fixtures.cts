/** Shared set-up for the Payment Trigger tests: cases, history, and a trigger wired to the sandbox. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/index.cjs';
import type { SandboxFixture } from '../harness/fixtures.cjs';
import { TriggerUnderTest, type TriggerOptions } from '../harness/poll-trigger.cjs';

const HOUR = 3_600_000;

export interface HistoryOptions {
	/** When the newest one was registered, epoch ms; an hour ago by default. */
	end?: number;
	/**
	 * 'scattered' (default): value dates 1–5 days before registration, in no order of their own, as
	 * real accounts have them. 'as-registered': value dates in registration order, so a list sorted
	 * by value date cannot be told apart from one sorted by registration.
	 */
	valueDates?: 'scattered' | 'as-registered';
}

/** `count` payments spread evenly over `spanHours` before `end` (an hour ago), on the given cases. */
export function addHistory(
	sandbox: Sandbox,
	caseIds: string[],
	count: number,
	spanHours = 24 * 365,
	options: HistoryOptions = {},
): string[] {
	const end = options.end ?? Date.now() - HOUR;
	const ids: string[] = [];
	for (let index = 0; index < count; index++) {
		const created = end - ((count - index) * spanHours * HOUR) / count;
		const date =
			options.valueDates === 'as-registered'
				? created
				: created - (((index * 7) % 5) + 1) * 24 * HOUR;
		ids.push(
			sandbox.addPayment({
				caseId: caseIds[index % caseIds.length],
				grossAmount: 10 + index,
				dateCreated: new Date(created).toISOString(),
				date: new Date(date).toISOString(),
			}).id,
		);
	}
	return ids;
}

export function addNew(sandbox: Sandbox, caseIds: string[], count: number): string[] {
	return Array.from(
		{ length: count },
		(_, index) =>
			sandbox.addPayment({ caseId: caseIds[index % caseIds.length], grossAmount: 1000 + index }).id,
	);
}

export async function paymentTrigger(
	env: SandboxFixture,
	parameters: INodeParameters = {},
	options: Partial<TriggerOptions> = {},
): Promise<TriggerUnderTest> {
	return await TriggerUnderTest.create({
		credentials: env.credentials,
		parameters: { event: 'created', cases: 'test', ...parameters },
		...options,
	});
}

/** Every payment id the trigger emitted so far, in emission order, duplicates kept. */
export function emittedIds(trigger: TriggerUnderTest): string[] {
	return trigger.emitted.flat().map((item: INodeExecutionData) => String(item.json.paymentId));
}

/** The ids `GET /Payments` serves, in its order (read in-process, not recorded as the trigger's requests). */
export function listingIds(sandbox: Sandbox): string[] {
	return sandbox.orderedPaymentIds();
}

/** How many `GET /Payments` requests the sandbox has answered so far. */
export function paymentRequests(sandbox: Sandbox): number {
	return sandbox.requests.filter((request) => request.path === '/Payments').length;
}

/** Polls until `done` or `maxPolls`, swallowing nothing: errors stay on `trigger.errors`. */
export async function pollUntil(
	trigger: TriggerUnderTest,
	done: () => boolean,
	maxPolls: number,
): Promise<number> {
	let polls = 0;
	while (!done() && polls < maxPolls) {
		await trigger.poll();
		polls++;
	}
	return polls;
}
