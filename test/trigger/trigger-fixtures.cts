/** Shared set-up for the Payment Trigger tests: cases, history, and a trigger wired to the sandbox. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/index.cjs';
import type { SandboxFixture } from '../harness/fixtures.cjs';
import { TriggerUnderTest, type TriggerOptions } from '../harness/poll-trigger.cjs';

const HOUR = 3_600_000;

/** `count` payments spread evenly over the last `spanHours` before an hour ago, on the given cases. */
export function addHistory(sandbox: Sandbox, caseIds: string[], count: number, spanHours = 24 * 365): string[] {
	const end = Date.now() - HOUR;
	const ids: string[] = [];
	for (let index = 0; index < count; index++) {
		const dateCreated = new Date(end - ((count - index) * spanHours * HOUR) / count).toISOString();
		ids.push(sandbox.addPayment({ caseId: caseIds[index % caseIds.length], grossAmount: 10 + index, dateCreated }).id);
	}
	return ids;
}

export function addNew(sandbox: Sandbox, caseIds: string[], count: number): string[] {
	return Array.from({ length: count }, (_, index) => sandbox.addPayment({ caseId: caseIds[index % caseIds.length], grossAmount: 1000 + index }).id);
}

export async function paymentTrigger(
	env: SandboxFixture,
	parameters: INodeParameters = {},
	options: Partial<TriggerOptions> = {},
): Promise<TriggerUnderTest> {
	return await TriggerUnderTest.create({ credentials: env.credentials, parameters: { event: 'created', cases: 'test', ...parameters }, ...options });
}

/** Every payment id the trigger emitted so far, in emission order, duplicates kept. */
export function emittedIds(trigger: TriggerUnderTest): string[] {
	return trigger.emitted.flat().map((item: INodeExecutionData) => String(item.json.paymentId));
}

/** Polls until `done` or `maxPolls`, swallowing nothing: errors stay on `trigger.errors`. */
export async function pollUntil(trigger: TriggerUnderTest, done: () => boolean, maxPolls: number): Promise<number> {
	let polls = 0;
	while (!done() && polls < maxPolls) {
		await trigger.poll();
		polls++;
	}
	return polls;
}
