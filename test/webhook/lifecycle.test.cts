import { startSandbox, type Sandbox } from '../../sandbox/index.cjs';
import { n8nCoreLogger } from '../harness/poll-trigger.cjs';
import { WebhookTriggerUnderTest } from '../harness/webhook-trigger.cjs';
import { call, validCaseBody } from '../sandbox/helpers.cjs';
import { quiet, sandboxCredentials, startPair } from './fixtures.cjs';

const ALL_EVENTS = [
	'case.created',
	'case.updated',
	'case.closed',
	'payment.created',
	'payment.deleted',
	'chat.created',
];

async function newCase(sandbox: Sandbox, isTest = true): Promise<string> {
	const created = await call(sandbox, '/cases', {
		method: 'POST',
		body: validCaseBody({ isTest, amountToRecover: 800 }),
	});
	expect(created.status).toBe(200);
	return created.json.id;
}

/** GETs and DELETEs and POSTs on /webhooks the sandbox saw, to count what a lifecycle step did. */
function webhookCalls(sandbox: Sandbox): string[] {
	return sandbox.requests
		.filter((r) => r.path.startsWith('/webhooks'))
		.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, ':id')}`);
}

describe('Debitura Trigger: subscription lifecycle', () => {
	let sandbox: Sandbox;
	let trigger: WebhookTriggerUnderTest;

	afterEach(async () => {
		await trigger?.close();
		await sandbox?.close();
	});

	it('activation subscribes once; a restart checks and keeps it; deactivation deletes it', async () => {
		({ sandbox, trigger } = await startPair({ events: ['payment.created', 'case.closed'] }));
		expect(await trigger.activate()).toEqual({ created: true });
		const [subscription] = sandbox.webhooks.subscriptions();
		expect(sandbox.webhooks.subscriptions()).toHaveLength(1);
		expect(subscription).toMatchObject({ url: trigger.url, isTestMode: true, isActive: true });
		expect(subscription.events.sort()).toEqual(['case.closed', 'payment.created']);
		expect(trigger.savedStaticData['node:Debitura Trigger']).toMatchObject({
			subscriptions: [
				{ id: subscription.id, secret: subscription.secret, url: trigger.url, isTestMode: true },
			],
		});

		sandbox.requests.length = 0;
		expect(await trigger.restart()).toEqual({ created: false });
		// One list of the account's subscriptions checks the node's own and finds strays.
		expect(webhookCalls(sandbox)).toEqual(['GET /webhooks']);
		expect(sandbox.webhooks.subscriptions().map((s) => s.id)).toEqual([subscription.id]);

		expect(await trigger.deactivate()).toBe(true);
		expect(sandbox.webhooks.subscriptions()).toHaveLength(0);
		expect(trigger.savedStaticData['node:Debitura Trigger']).toMatchObject({ subscriptions: [] });
	});

	it('"Test and Live Cases" keeps two subscriptions, each with its own secret, and runs on both kinds of case', async () => {
		({ sandbox, trigger } = await startPair({ events: ['case.created'], cases: 'both' }));
		await trigger.activate();
		const subscriptions = sandbox.webhooks.subscriptions();
		expect(subscriptions.map((s) => s.isTestMode).sort()).toEqual([false, true]);
		expect(subscriptions[0].secret).not.toBe(subscriptions[1].secret);
		await newCase(sandbox, true);
		await newCase(sandbox, false);
		await quiet(sandbox, trigger);
		expect(trigger.executions.map(([item]) => item.json.isTest).sort()).toEqual([false, true]);
	});

	it.each([
		[
			'deleted in Debitura',
			async (s: Sandbox, id: string) => {
				await call(s, `/webhooks/${id}`, { method: 'DELETE' });
			},
		],
		[
			'disabled by Debitura',
			async (s: Sandbox, id: string) => {
				await call(s, `/webhooks/${id}`, { method: 'PATCH', body: { isActive: false } });
			},
		],
		[
			'pointed elsewhere',
			async (s: Sandbox, id: string) => {
				await call(s, `/webhooks/${id}`, {
					method: 'PATCH',
					body: { url: 'https://elsewhere.example.com/hook' },
				});
			},
		],
		[
			'switched to live cases',
			async (s: Sandbox, id: string) => {
				await call(s, `/webhooks/${id}`, { method: 'PATCH', body: { isTestMode: false } });
			},
		],
		[
			'given other events',
			async (s: Sandbox, id: string) => {
				await call(s, `/webhooks/${id}`, { method: 'PATCH', body: { events: ['chat.created'] } });
			},
		],
	])('a restart replaces a subscription that was %s', async (_name, spoil) => {
		({ sandbox, trigger } = await startPair({ events: ['payment.created'] }));
		await trigger.activate();
		const [old] = sandbox.webhooks.subscriptions();
		await spoil(sandbox, old.id);
		expect(await trigger.restart()).toEqual({ created: true });
		const now = sandbox.webhooks.subscriptions();
		expect(now).toHaveLength(1);
		expect(now[0]).toMatchObject({
			url: trigger.url,
			isActive: true,
			isTestMode: true,
			events: ['payment.created'],
		});
		expect(now[0].id).not.toBe(old.id);
	});

	it("re-subscribes when the node's events change", async () => {
		({ sandbox, trigger } = await startPair({ events: ['payment.created'] }));
		await trigger.activate();
		trigger.setParameters({ events: ['payment.created', 'payment.deleted'], cases: 'test' });
		expect(await trigger.restart()).toEqual({ created: true });
		expect(sandbox.webhooks.subscriptions().map((s) => s.events.sort())).toEqual([
			['payment.created', 'payment.deleted'],
		]);
	});

	it('deactivation takes a subscription that is already gone (404) as deleted', async () => {
		({ sandbox, trigger } = await startPair());
		await trigger.activate();
		const [subscription] = sandbox.webhooks.subscriptions();
		await call(sandbox, `/webhooks/${subscription.id}`, { method: 'DELETE' });
		expect(await trigger.deactivate()).toBe(true);
		expect(trigger.savedStaticData['node:Debitura Trigger']).toMatchObject({ subscriptions: [] });
	});

	it('a failed deletion keeps the subscription on record for the next activation', async () => {
		({ sandbox, trigger } = await startPair());
		await trigger.activate();
		const [subscription] = sandbox.webhooks.subscriptions();
		sandbox.injectFault({
			method: 'DELETE',
			path: '/webhooks/*',
			kind: 'server-error',
			status: 503,
			count: 100,
		});
		expect(await trigger.deactivate()).toBe(false);
		sandbox.clearFaults();
		expect(trigger.savedStaticData['node:Debitura Trigger']).toMatchObject({
			subscriptions: [{ id: subscription.id }],
		});
		// Activating again finds it intact and reuses it rather than adding a second one.
		expect(await trigger.activate()).toEqual({ created: false });
		expect(sandbox.webhooks.subscriptions()).toHaveLength(1);
	});

	it('"Listen for test event" subscribes the test URL and leaves the production subscription alone', async () => {
		({ sandbox, trigger } = await startPair());
		await trigger.activate();
		await trigger.activate('manual', true);
		expect(
			sandbox.webhooks
				.subscriptions()
				.map((s) => s.url)
				.sort(),
		).toEqual([trigger.testUrl, trigger.url].sort());
		await trigger.deactivate(true);
		expect(sandbox.webhooks.subscriptions().map((s) => s.url)).toEqual([trigger.url]);
	});
});

describe('Debitura Trigger: no stale subscriptions at Debitura', () => {
	let sandbox: Sandbox;
	let trigger: WebhookTriggerUnderTest;

	afterEach(async () => {
		jest.restoreAllMocks();
		await trigger?.close();
		await sandbox?.close();
	});

	function forUrl(url: string) {
		return sandbox.webhooks.subscriptions().filter((s) => s.url === url);
	}

	it("activation removes a subscription for this workflow's URL that the node does not know, and leaves other URLs alone", async () => {
		({ sandbox, trigger } = await startPair({ events: ['payment.created'] }));
		const unknown = await call(sandbox, '/webhooks', {
			method: 'POST',
			body: { url: trigger.url, events: ['payment.created'], isTestMode: true },
		});
		const elsewhere = await call(sandbox, '/webhooks', {
			method: 'POST',
			body: {
				url: 'http://127.0.0.1:9/other-workflow',
				events: ['payment.created'],
				isTestMode: true,
			},
		});
		expect(await trigger.activate()).toEqual({ created: true });
		const mine = forUrl(trigger.url);
		expect(mine).toHaveLength(1);
		expect(mine[0].id).not.toBe(unknown.json.id);
		expect(trigger.savedStaticData['node:Debitura Trigger']).toMatchObject({
			subscriptions: [{ id: mine[0].id }],
		});
		expect(sandbox.webhooks.subscriptions().map((s) => s.id)).toContain(elsewhere.json.id);
	});

	it("a restart with the node's intact subscription still removes an unknown one for the same URL", async () => {
		({ sandbox, trigger } = await startPair({ events: ['payment.created'] }));
		await trigger.activate();
		const [kept] = sandbox.webhooks.subscriptions();
		await call(sandbox, '/webhooks', {
			method: 'POST',
			body: { url: trigger.url, events: ['payment.created'], isTestMode: true },
		});
		expect(await trigger.restart()).toEqual({ created: false });
		expect(forUrl(trigger.url).map((s) => s.id)).toEqual([kept.id]);
	});

	it('static data wiped: activation leaves exactly one subscription', async () => {
		({ sandbox, trigger } = await startPair({ events: ['payment.created'] }));
		await trigger.activate();
		trigger.wipeStaticData();
		expect(await trigger.restart()).toEqual({ created: true });
		expect(forUrl(trigger.url)).toHaveLength(1);
	});

	it('a delete that keeps failing while re-subscribing is reported, remembered and done at the next activation', async () => {
		({ sandbox, trigger } = await startPair({ events: ['payment.created'] }));
		await trigger.activate();
		const [old] = sandbox.webhooks.subscriptions();
		const warn = jest.spyOn(n8nCoreLogger(), 'warn');
		trigger.setParameters({ events: ['payment.created', 'payment.deleted'], cases: 'test' });
		sandbox.injectFault({
			method: 'DELETE',
			path: `/webhooks/${old.id}`,
			kind: 'server-error',
			status: 503,
			count: 100,
		});
		expect(await trigger.restart()).toEqual({ created: true });
		expect(warn).toHaveBeenCalledWith(expect.stringContaining(old.id), expect.anything());
		expect(forUrl(trigger.url)).toHaveLength(2);

		sandbox.clearFaults();
		expect(await trigger.restart()).toEqual({ created: false });
		expect(forUrl(trigger.url).map((s) => s.events.sort())).toEqual([
			['payment.created', 'payment.deleted'],
		]);
	});

	it('deactivation whose delete keeps failing says so, and the next activation removes the subscription', async () => {
		({ sandbox, trigger } = await startPair({ events: ['payment.created'] }));
		await trigger.activate();
		const [old] = sandbox.webhooks.subscriptions();
		const warn = jest.spyOn(n8nCoreLogger(), 'warn');
		sandbox.injectFault({
			method: 'DELETE',
			path: `/webhooks/${old.id}`,
			kind: 'server-error',
			status: 503,
			count: 100,
		});
		expect(await trigger.deactivate()).toBe(false);
		expect(warn).toHaveBeenCalledWith(expect.stringContaining(old.id), expect.anything());
		sandbox.clearFaults();
		trigger.setParameters({ events: ['case.closed'], cases: 'test' });
		await trigger.activate();
		expect(forUrl(trigger.url).map((s) => s.events)).toEqual([['case.closed']]);
	});

	it('credential switched to another account: the old subscription is reported (id, what to do) and forgotten; one subscription in the new account', async () => {
		({ sandbox, trigger } = await startPair({ events: ['payment.created'] }));
		const other = await startSandbox({ webhookLoopback: true, webhookRetryScale: 0.0005 });
		try {
			await trigger.activate();
			const [old] = sandbox.webhooks.subscriptions();
			const warn = jest.spyOn(n8nCoreLogger(), 'warn');
			trigger.setCredentials(sandboxCredentials(other));
			expect(await trigger.restart()).toEqual({ created: true });
			expect(other.webhooks.subscriptions().filter((s) => s.url === trigger.url)).toHaveLength(1);
			const stored = (
				trigger.savedStaticData['node:Debitura Trigger'] as { subscriptions: Array<{ id: string }> }
			).subscriptions;
			expect(stored.map((s) => s.id)).toEqual([other.webhooks.subscriptions()[0].id]);
			expect(warn).toHaveBeenCalledWith(
				expect.stringMatching(new RegExp(`${old.id}[\\s\\S]*8`)),
				expect.anything(),
			);
			// The old account still holds it: the node could not reach it with the new key.
			expect(sandbox.webhooks.subscriptions().map((s) => s.id)).toEqual([old.id]);
		} finally {
			await other.close();
		}
	});

	it('the same account under a new key or a re-saved credential keeps the subscription', async () => {
		({ sandbox, trigger } = await startPair({ events: ['payment.created'] }));
		await trigger.activate();
		const [subscription] = sandbox.webhooks.subscriptions();
		trigger.setCredentials({ ...sandboxCredentials(sandbox), baseUrl: `${sandbox.url}/` });
		expect(await trigger.restart()).toEqual({ created: false });
		expect(sandbox.webhooks.subscriptions().map((s) => s.id)).toEqual([subscription.id]);
	});

	it.each([
		['an empty secret', 0, /0 bytes/],
		['a 16-byte secret', 16, /16 bytes/],
	])(
		'refuses activation when Debitura returns %s, and leaves no subscription',
		async (_name, bytes, said) => {
			({ sandbox, trigger } = await startPair({ events: ['payment.created'], cases: 'both' }));
			sandbox.webhooks.setSecretBytes(bytes);
			const failure = (await trigger.activate().catch((e: unknown) => e)) as Error & {
				description?: string;
			};
			expect(failure).toBeInstanceOf(Error);
			expect(failure.message).toMatch(said);
			expect(failure.description).toMatch(/32/);
			expect(sandbox.webhooks.subscriptions()).toHaveLength(0);
			sandbox.webhooks.setSecretBytes(undefined);
			expect(await trigger.activate()).toEqual({ created: true });
			expect(sandbox.webhooks.subscriptions()).toHaveLength(2);
		},
	);
});

describe('Debitura Trigger: where Debitura cannot reach n8n', () => {
	it('refuses to activate on a local URL against Debitura, naming WEBHOOK_URL and the polling trigger', async () => {
		// The production environment is never contacted: the URL is refused before any request.
		const trigger = await WebhookTriggerUnderTest.start({
			parameters: { events: ['payment.created'], cases: 'test' },
			credentials: { apiKey: 'not-used', environment: 'production' },
		});
		try {
			const failure = trigger.activate();
			await expect(failure).rejects.toThrow(
				/Debitura cannot deliver webhooks to this n8n: it is not HTTPS/,
			);
			const error = (await failure.catch((e: unknown) => e)) as { description?: string };
			expect(error.description).toContain('WEBHOOK_URL');
			expect(error.description).toContain('Debitura Payment Trigger');
			expect(error.description).toContain(trigger.url);
		} finally {
			await trigger.close();
		}
	});

	it("turns Debitura's refusal of the URL into the same explanation, not a bare 400", async () => {
		const sandbox = await startSandbox({ webhookLoopback: false });
		const trigger = await WebhookTriggerUnderTest.start({
			parameters: { events: ['payment.created'], cases: 'both' },
			credentials: sandboxCredentials(sandbox),
		});
		try {
			const error = (await trigger.activate().catch((e: unknown) => e)) as {
				message: string;
				description?: string;
			};
			expect(error.message).toMatch(
				/Debitura cannot deliver webhooks to this n8n: Debitura refused the subscription \(The webhook URL must use HTTPS\.\)/,
			);
			expect(error.description).toContain('WEBHOOK_URL');
			expect(sandbox.webhooks.subscriptions()).toHaveLength(0);
		} finally {
			await trigger.close();
			await sandbox.close();
		}
	});
});

describe('Debitura Trigger: events from the sandbox', () => {
	let sandbox: Sandbox;
	let trigger: WebhookTriggerUnderTest;

	beforeAll(async () => {
		({ sandbox, trigger } = await startPair({ events: ALL_EVENTS, includeCaseDetails: true }));
		await trigger.activate();
	});
	afterAll(async () => {
		await trigger.close();
		await sandbox.close();
	});

	it('runs once per event as a test case is created, advanced, paid, chatted on and a payment deleted', async () => {
		const caseId = await newCase(sandbox);
		await quiet(sandbox, trigger);
		await call(sandbox, `/test/cases/${caseId}/advance`, {
			method: 'POST',
			body: { to: 'Active' },
		});
		await quiet(sandbox, trigger);
		const payment = sandbox.addPayment({ caseId, grossAmount: 100 });
		sandbox.deletePayment(payment.id);
		sandbox.webhooks.addChat(caseId, 'Debtor promised to pay on Friday');
		await quiet(sandbox, trigger);
		await call(sandbox, `/test/cases/${caseId}/advance`, {
			method: 'POST',
			body: { to: 'Closed:Paid', amount: 800 },
		});
		await quiet(sandbox, trigger);

		const items = trigger.executions.map(([item]) => item.json);
		expect(items.map((i) => i.event)).toEqual([
			'case.created',
			'case.updated',
			'payment.created',
			'payment.deleted',
			'chat.created',
			'payment.created',
			'case.updated',
			'case.closed',
		]);
		expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
		for (const item of items) {
			expect(item).toMatchObject({ isTest: true, isReplay: false, data: { caseId } });
			expect((item.case as { id: string }).id).toBe(caseId);
		}
		expect(items.at(-1)!.case).toMatchObject({ lifecycle: 'Closed', closeCode: 'Paid' });
		// What Debitura's event log says: every event delivered at the first attempt.
		expect(
			sandbox.webhooks.events().every((e) => e.attemptCount === 1 && e.lastResponseCode === 200),
		).toBe(true);
	});

	it("starts nothing for Debitura's replay of a delivered event, forged or stale copies", async () => {
		const [event] = sandbox.webhooks.events();
		const before = trigger.executions.length;
		expect(
			(await call(sandbox, `/webhooks/events/${event.id}/replay`, { method: 'POST' })).status,
		).toBe(200);
		await quiet(sandbox, trigger);
		const forged = await sandbox.webhooks.probe({ eventId: event.id, signature: 'wrong-secret' });
		const stale = await sandbox.webhooks.probe({ eventId: event.id, timestampOffsetSeconds: -301 });
		const unsigned = await sandbox.webhooks.probe({ eventId: event.id, signature: 'none' });
		expect([forged.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
		expect(trigger.executions.length).toBe(before);
		expect(
			sandbox.webhooks
				.attempts()
				.filter((a) => a.kind === 'replay')
				.map((a) => a.status),
		).toEqual([200]);
	});

	it('a failed case lookup still runs the event once, with case null and the reason, and answers 200 at once', async () => {
		const caseId = await newCase(sandbox);
		await quiet(sandbox, trigger);
		const before = trigger.executions.length;
		sandbox.injectFault({
			method: 'GET',
			path: `/cases/${caseId}`,
			kind: 'server-error',
			status: 500,
			count: 10,
		});
		await call(sandbox, `/test/cases/${caseId}/advance`, {
			method: 'POST',
			body: { to: 'Active' },
		});
		await quiet(sandbox, trigger);
		sandbox.clearFaults();
		const [latest] = sandbox.webhooks.events().slice(-1);
		expect(latest).toMatchObject({
			eventType: 'case.updated',
			attemptCount: 1,
			lastResponseCode: 200,
		});
		const started = trigger.executions.slice(before).map(([item]) => item.json);
		expect(started).toHaveLength(1);
		expect(started[0]).toMatchObject({ id: latest.id, case: null, data: { caseId } });
		expect(started[0].caseLookupError).toEqual(expect.stringContaining('500'));
	});

	it('answers the delivery before looking the case up', async () => {
		const caseId = await newCase(sandbox);
		await quiet(sandbox, trigger);
		const before = trigger.executions.length;
		sandbox.injectFault({ method: 'GET', path: `/cases/${caseId}`, kind: 'slow', delayMs: 3000 });
		const attempts = sandbox.webhooks.attempts().length;
		await call(sandbox, `/test/cases/${caseId}/advance`, {
			method: 'POST',
			body: { to: 'Active' },
		});
		// The attempt is answered while the case lookup is still held by the sandbox.
		await until(
			() =>
				sandbox.webhooks.attempts().length > attempts &&
				sandbox.webhooks.attempts().at(-1)!.status !== null,
		);
		expect(sandbox.webhooks.attempts().at(-1)!.status).toBe(200);
		expect(trigger.executions.length - before).toBe(0);
		await until(() => trigger.executions.length > before);
		expect((trigger.executions.at(-1)![0].json.case as { id: string }).id).toBe(caseId);
	});
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
