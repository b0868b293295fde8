import type { Sandbox } from '../../sandbox/index.cjs';
import type { WebhookTriggerUnderTest } from '../harness/webhook-trigger.cjs';
import { n8nCoreLogger } from '../harness/poll-trigger.cjs';
import { call, validCaseBody } from '../sandbox/helpers.cjs';
import { quiet, startPair } from './fixtures.cjs';

/**
 * Each Debitura event runs once, also when deliveries overlap, n8n restarts in a new process, and
 * the workflow is re-published while deliveries are in flight. The harness saves static data the
 * way n8n does (whole object, only when changed, last save wins) and `restartProcess()` loads the
 * package again in a fresh module registry, so nothing kept in module memory survives it.
 */

async function newTestCase(sandbox: Sandbox): Promise<string> {
	const created = await call(sandbox, '/cases', {
		method: 'POST',
		body: validCaseBody({ isTest: true, amountToRecover: 800 }),
	});
	expect(created.status).toBe(200);
	return created.json.id;
}

/** Seven payment.created events of one case, emitted in one go: seven deliveries in flight together. */
async function sevenPayments(
	sandbox: Sandbox,
	trigger: WebhookTriggerUnderTest,
	caseId: string,
): Promise<string[]> {
	const before = new Set(sandbox.webhooks.events().map((e) => e.id));
	for (let i = 1; i <= 7; i++) sandbox.addPayment({ caseId, grossAmount: 10 * i });
	await quiet(sandbox, trigger);
	return sandbox.webhooks
		.events()
		.filter((e) => !before.has(e.id) && e.eventType === 'payment.created')
		.map((e) => e.id);
}

async function replay(sandbox: Sandbox, eventId: string): Promise<void> {
	expect(
		(await call(sandbox, `/webhooks/events/${eventId}/replay`, { method: 'POST' })).status,
	).toBe(200);
}

describe('Debitura Trigger: each event once', () => {
	let sandbox: Sandbox;
	let trigger: WebhookTriggerUnderTest;

	beforeEach(async () => {
		({ sandbox, trigger } = await startPair({ events: ['case.created', 'payment.created'] }));
		await trigger.activate();
		// Wide enough that the seven deliveries certainly overlap between load and save.
		trigger.saveDelayMs = 300;
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		await trigger.close();
		await sandbox.close();
	});

	it("a delivery leaves the workflow's static data as activation saved it", async () => {
		const afterActivation = JSON.parse(JSON.stringify(trigger.savedStaticData));
		const caseId = await newTestCase(sandbox);
		await quiet(sandbox, trigger);
		const ids = await sevenPayments(sandbox, trigger, caseId);
		expect(ids).toHaveLength(7);
		expect(trigger.executions).toHaveLength(8);
		expect(trigger.served.map((s) => s.savedStaticData)).toEqual(Array(8).fill(false));
		expect(trigger.savedStaticData).toEqual(afterActivation);
	});

	it('a restart removes the delivered-ids list an older version kept in static data, and keeps the subscription', async () => {
		trigger.editStaticData((saved) => {
			(saved['node:Debitura Trigger'] as Record<string, unknown>).deliveredEventIds = ['a', 'b'];
		});
		expect(await trigger.restart()).toEqual({ created: false });
		expect(Object.keys(trigger.savedStaticData['node:Debitura Trigger'] as object)).toEqual([
			'subscriptions',
		]);
	});

	it('seven overlapping deliveries, n8n restarted in a new process, then Debitura replays each: no new execution', async () => {
		const caseId = await newTestCase(sandbox);
		await quiet(sandbox, trigger);
		const ids = await sevenPayments(sandbox, trigger, caseId);
		expect(
			trigger.executions
				.map(([item]) => item.json.id)
				.slice(1)
				.sort(),
		).toEqual([...ids].sort());

		expect(await trigger.restartProcess()).toEqual({ created: false });
		const before = trigger.executions.length;
		sandbox.requests.length = 0;
		for (const id of ids) await replay(sandbox, id);
		await quiet(sandbox, trigger);

		expect(trigger.executions.length - before).toBe(0);
		// The new process did not know them: each replay was checked against Debitura's delivery log.
		expect(
			sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/webhooks/events'),
		).toHaveLength(7);
		// Each replay was acknowledged (200), so Debitura does not retry it.
		const replays = sandbox.webhooks.attempts().filter((a) => a.kind === 'replay');
		expect(replays.map((a) => a.status)).toEqual(Array(7).fill(200));
	});

	it('after a restart, a replay of an event Debitura never saw acknowledged runs once, marked isReplay', async () => {
		const caseId = await newTestCase(sandbox);
		await quiet(sandbox, trigger);
		// The first attempt fails (n8n answered 503), then the user replays before Debitura's own retry.
		sandbox.webhooks.setRetryScale(1000);
		trigger.failNext = 503;
		sandbox.addPayment({ caseId, grossAmount: 55 });
		await until(() => sandbox.webhooks.attempts().some((a) => a.status === 503));
		const [event] = sandbox.webhooks.events().filter((e) => e.eventType === 'payment.created');
		expect(event.deliveredAt).toBeNull();

		await trigger.restartProcess();
		const before = trigger.executions.length;
		await replay(sandbox, event.id);
		await until(() =>
			sandbox.webhooks.attempts().some((a) => a.kind === 'replay' && a.status !== null),
		);
		await trigger.settled();
		expect(
			trigger.executions.slice(before).map(([item]) => [item.json.id, item.json.isReplay]),
		).toEqual([[event.id, true]]);
	});

	it("after a restart, a replay runs (isReplay) with a warning when Debitura's delivery log cannot be read", async () => {
		const caseId = await newTestCase(sandbox);
		await quiet(sandbox, trigger);
		const [id] = (await sevenPayments(sandbox, trigger, caseId)).slice(0, 1);
		await trigger.restartProcess();
		const warn = jest.spyOn(n8nCoreLogger(), 'warn');
		sandbox.injectFault({
			method: 'GET',
			path: '/webhooks/events',
			kind: 'server-error',
			status: 503,
		});
		const before = trigger.executions.length;
		await replay(sandbox, id);
		await quiet(sandbox, trigger);
		expect(
			trigger.executions.slice(before).map(([item]) => [item.json.id, item.json.isReplay]),
		).toEqual([[id, true]]);
		expect(
			sandbox.webhooks
				.attempts()
				.filter((a) => a.kind === 'replay')
				.map((a) => a.status),
		).toEqual([200]);
		expect(warn).toHaveBeenCalledWith(expect.stringContaining(id), expect.anything());
	});

	it('a re-publish while deliveries are in flight: the next genuine delivery is accepted', async () => {
		const caseId = await newTestCase(sandbox);
		await quiet(sandbox, trigger);
		const release = trigger.holdSaves();
		for (let i = 1; i <= 3; i++) sandbox.addPayment({ caseId, grossAmount: i });
		await until(() => trigger.served.length === 4);
		// Re-publishing: n8n removes the webhooks of the old version and adds those of the new one.
		await trigger.deactivate();
		await trigger.activate();
		const [current] = sandbox.webhooks.subscriptions();
		release();
		await quiet(sandbox, trigger);
		// Let the held deliveries finish their saves.

		const before = trigger.executions.length;
		sandbox.addPayment({ caseId, grossAmount: 99 });
		await quiet(sandbox, trigger);
		const latest = sandbox.webhooks.attempts().at(-1)!;
		expect(latest).toMatchObject({ subscriptionId: current.id, status: 200 });
		expect(trigger.executions.length - before).toBe(1);
	});
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
