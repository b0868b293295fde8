/**
 * Both polling triggers under n8n's durable scheduler, through the harness's model of it
 * (`TriggerUnderTest.durableTask`): every poll works on its own copies of the cursor row and the
 * workflow's static data, read when its task starts, and several tasks of one trigger may start
 * before any of them has committed — every late Poll Time at once after a restart does that.
 */
import { useSandbox } from '../harness/fixtures.cjs';
import type { TriggerUnderTest } from '../harness/poll-trigger.cjs';
import { caseTrigger, emittedCaseIds, sorted } from '../case-trigger/case-fixtures.cjs';
import { addHistory, addNew, emittedIds, paymentTrigger } from './trigger-fixtures.cjs';

const env = useSandbox({ paymentOrder: 'unsorted' });

describe('Payment Trigger under the durable scheduler', () => {
	let caseId: string;
	let trigger: TriggerUnderTest;
	beforeEach(async () => {
		caseId = env.sandbox.createCase({ isTest: true, creditorReference: 'DURABLE-1' }).id;
		addHistory(env.sandbox, [caseId], 230);
		trigger = await paymentTrigger(env, {}, { pollBudgetMs: 40_000 });
		expect(await trigger.durableTask({ activation: true }).run()).toBeNull();
	});

	test('two tasks that read the state before either polled report each payment once (seen in CI after a restart)', async () => {
		const paid = addNew(env.sandbox, [caseId], 3);
		const first = trigger.durableTask();
		const second = trigger.durableTask();
		await first.run();
		await second.run();
		expect(sorted(emittedIds(trigger))).toEqual(sorted(paid));
	});

	test('a task that read the cursor row before an emitting poll committed, and the workflow after, loses nothing', async () => {
		const rowBefore = trigger.durableCursorRow;
		const paid = addNew(env.sandbox, [caseId], 2);
		await trigger.durableTask().run();
		const late = addNew(env.sandbox, [caseId], 1);
		await trigger.durableTask({ cursorRowAsOf: rowBefore }).run();
		await trigger.durableTask().run();
		expect(sorted(emittedIds(trigger))).toEqual(sorted([...paid, ...late]));
	});

	test('tasks running at once report each payment once, later ones too', async () => {
		const paid = addNew(env.sandbox, [caseId], 3);
		const tasks = [trigger.durableTask(), trigger.durableTask(), trigger.durableTask()];
		await Promise.all(tasks.map(async (task) => await task.run()));
		const later = addNew(env.sandbox, [caseId], 2);
		const again = [trigger.durableTask(), trigger.durableTask()];
		await Promise.all(again.map(async (task) => await task.run()));
		expect(sorted(emittedIds(trigger))).toEqual(sorted([...paid, ...later]));
	});

	// A timer left behind holds the process that runs the poll (and keeps Jest from exiting).
	test('tasks that waited for their turn leave no timer running once they are done', async () => {
		const timers = () =>
			process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
		const before = timers();
		addNew(env.sandbox, [caseId], 2);
		const tasks = [trigger.durableTask(), trigger.durableTask(), trigger.durableTask()];
		await Promise.all(tasks.map(async (task) => await task.run()));
		expect(timers()).toBe(before);
	});

	test('a new activation starts afresh: payments recorded while the workflow was off are history', async () => {
		await trigger.durableTask().run();
		addNew(env.sandbox, [caseId], 2);
		// Unpublished (n8n deletes the cursor row with the jobs) and published again.
		const fresh = await paymentTrigger(env, {}, { pollBudgetMs: 40_000 });
		expect(await fresh.durableTask({ activation: true }).run()).toBeNull();
		const paid = addNew(env.sandbox, [caseId], 1);
		await fresh.durableTask().run();
		expect(emittedIds(fresh)).toEqual(paid);
	});
});

describe('Case Trigger under the durable scheduler', () => {
	test('two tasks that read the state before either polled report each new case once', async () => {
		for (let index = 0; index < 5; index++) env.sandbox.createCase({ isTest: true });
		const trigger = await caseTrigger(env, {}, { pollBudgetMs: 40_000 });
		expect(await trigger.durableTask({ activation: true }).run()).toBeNull();
		const created = [
			env.sandbox.createCase({ isTest: true }).id,
			env.sandbox.createCase({ isTest: true }).id,
		];
		const first = trigger.durableTask();
		const second = trigger.durableTask();
		await first.run();
		await second.run();
		expect(sorted(emittedCaseIds(trigger))).toEqual(sorted(created));
	});

	test("the activation seed survives n8n dropping the activation poll's cursor", async () => {
		const trigger = await caseTrigger(env, {}, { pollBudgetMs: 40_000 });
		env.sandbox.createCase({ isTest: true });
		expect(await trigger.durableTask({ activation: true }).run()).toBeNull();
		const created = env.sandbox.createCase({ isTest: true }).id;
		await trigger.durableTask().run();
		expect(emittedCaseIds(trigger)).toEqual([created]);
	});
});
