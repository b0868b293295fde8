import { useSandbox } from '../harness/fixtures.cjs';
import { runListSearch } from '../harness/list-search.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import { call } from '../sandbox/helpers.cjs';
import { startReceiver, type Receiver } from '../webhook/receiver.cjs';

const env = useSandbox({ webhookLoopback: true });
let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(async () => await receiver.close());
beforeEach(() => {
	receiver.received.length = 0;
});

const caseParam = (mode: string, value: string) => ({ __rl: true, mode, value });
const ZULU = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const run = async (resource: string, parameters: Record<string, unknown>) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: { resource, ...parameters } },
	});

async function subscribe(events: string[], isTestMode = true): Promise<{ id: string }> {
	const created = await call(env.sandbox, '/webhooks', {
		method: 'POST',
		body: { url: receiver.url, events, isTestMode },
	});
	expect(created.status).toBe(201);
	return created.json;
}

/** A test case with a payment, its events delivered and logged; the recorded requests cleared. */
async function caseWithEvents(): Promise<{ id: string; creditorReference: string }> {
	const stored = env.sandbox.createCase({
		isTest: true,
		creditorReference: `INV-W-${Math.random().toString(36).slice(2, 8)}`,
	});
	await call(env.sandbox, `/test/cases/${stored.id}/advance`, {
		method: 'POST',
		body: { to: 'Closed:Paid', amount: 42 },
	});
	await env.sandbox.webhooks.idle();
	env.sandbox.requests.length = 0;
	return { id: stored.id, creditorReference: String(stored.creditorReference) };
}

describe('Webhook → Get Many', () => {
	test('lists the subscriptions without secrets, timestamps in UTC; Limit applies', async () => {
		const first = await subscribe(['payment.created']);
		await subscribe(['case.closed'], false);
		env.sandbox.requests.length = 0;
		const all = await run('webhook', { operation: 'getMany', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.items).toHaveLength(2);
		expect(all.items[0].json).toMatchObject({
			id: first.id,
			url: receiver.url,
			events: ['payment.created'],
			isActive: true,
			isTestMode: true,
			secret: null,
		});
		expect(String(all.items[0].json.createdUtc)).toMatch(ZULU);
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /webhooks']);
		expect((await run('webhook', { operation: 'getMany', limit: 1 })).items).toHaveLength(1);
	});

	test('no subscriptions: no items, no error', async () => {
		const { items, error } = await run('webhook', { operation: 'getMany', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});
});

describe('Webhook → Delete', () => {
	test('deletes the subscription picked by ID or from the list, and answers { deleted: true }', async () => {
		const byId = await subscribe(['payment.created']);
		const fromList = await subscribe(['case.closed']);
		const listed = await runListSearch({
			method: 'searchWebhooks',
			credentials: env.credentials,
			filter: 'case.closed',
		});
		expect(listed.results).toEqual([
			{ name: `${receiver.url} · case.closed · (test)`, value: fromList.id },
		]);
		env.sandbox.requests.length = 0;

		for (const [mode, id] of [
			['id', byId.id],
			['list', fromList.id],
		]) {
			const { items, error } = await run('webhook', {
				operation: 'delete',
				webhookId: { __rl: true, mode, value: id },
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([{ deleted: true }]);
		}
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`DELETE /webhooks/${byId.id} 204`,
			`DELETE /webhooks/${fromList.id} 204`,
		]);
		expect(env.sandbox.webhooks.subscriptions()).toEqual([]);
	});

	test('an unknown subscription is a 404 that names the ID, not the Base URL', async () => {
		const { error } = await run('webhook', {
			operation: 'delete',
			webhookId: { __rl: true, mode: 'id', value: '00000000-0000-4000-8000-0000000000ee' },
		});
		expect(error?.message).toBe(
			'Debitura answered "not found" when trying to delete the webhook subscription',
		);
		expect(error?.description).toMatch(
			/^Debitura has no webhook subscription with ID "00000000-0000-4000-8000-0000000000ee" in this account\./,
		);
		expect(error?.httpCode).toBe('404');
	});

	test('an ID that is not a UUID is refused before sending', async () => {
		const { error } = await run('webhook', {
			operation: 'delete',
			webhookId: { __rl: true, mode: 'id', value: '={{ "hook-1" }}' },
		});
		expect(error?.message).toBe('"Webhook" is not a valid subscription ID: "hook-1" [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Webhook Event → Get Many', () => {
	test.each(['id', 'creditorReference'])(
		"lists a case's events, newest first, for the case found by %s",
		async (mode) => {
			await subscribe(['payment.created', 'case.updated', 'case.closed']);
			const stored = await caseWithEvents();
			const { items, error } = await run('webhookEvent', {
				operation: 'getMany',
				case: caseParam(mode, mode === 'id' ? stored.id : stored.creditorReference),
				returnAll: true,
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.eventType)).toEqual([
				'case.closed',
				'case.updated',
				'payment.created',
				'case.updated',
			]);
			expect(items[0].json).toMatchObject({
				caseId: stored.id,
				attemptCount: 1,
				lastResponseCode: 200,
			});
			expect(String(items[0].json.createdAt)).toMatch(ZULU);
			const get = env.sandbox.requests.at(-1)!;
			expect(`${get.method} ${get.path}`).toBe('GET /webhooks/events');
			expect(get.query).toEqual({ caseId: [stored.id] });
		},
	);

	test('Since is sent as UTC date-time; Limit keeps the newest', async () => {
		await subscribe(['payment.created', 'case.updated']);
		const stored = await caseWithEvents();
		const { items } = await run('webhookEvent', {
			operation: 'getMany',
			case: caseParam('id', stored.id),
			limit: 1,
			options: { since: '2026-01-01T10:00:00+02:00' },
		});
		expect(items).toHaveLength(1);
		expect(env.sandbox.requests.at(-1)?.query).toEqual({
			caseId: [stored.id],
			since: ['2026-01-01T08:00:00Z'],
		});
	});

	test('an unknown case reference is a 404 that names it; a bad Since is refused before sending', async () => {
		const unknown = await run('webhookEvent', {
			operation: 'getMany',
			case: caseParam('creditorReference', 'NO-SUCH-INVOICE'),
		});
		expect(unknown.error?.message).toBe('Debitura has no case matching the "Case" parameter');
		env.sandbox.requests.length = 0;
		const stored = await caseWithEvents();
		const bad = await run('webhookEvent', {
			operation: 'getMany',
			case: caseParam('id', stored.id),
			options: { since: '={{ "yesterday" }}' },
		});
		expect(bad.error?.message).toBe(
			'"Since" must be a date such as 2026-03-01 or an ISO 8601 date-time (got "yesterday") [item 0]',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Webhook Event → Replay', () => {
	test("replays a logged event: Debitura's answer out, the same payload delivered again as a replay", async () => {
		await subscribe(['payment.created']);
		const stored = await caseWithEvents();
		const [event] = (await call(env.sandbox, `/webhooks/events?caseId=${stored.id}`)).json;
		receiver.received.length = 0;
		env.sandbox.requests.length = 0;
		const { items, error } = await run('webhookEvent', { operation: 'replay', eventId: event.id });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			eventId: event.id,
			subscriptionId: event.subscriptionId,
			eventType: 'payment.created',
		});
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST /webhooks/events/${event.id}/replay`,
		]);
		await env.sandbox.webhooks.idle();
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0].rawBody.toString()).toBe(event.payload);
		expect(receiver.received[0].headers['x-debitura-replay']).toBe('true');
	});

	test('an unknown event is a 404 that names the ID; a malformed ID is refused before sending', async () => {
		const unknown = await run('webhookEvent', {
			operation: 'replay',
			eventId: '00000000-0000-4000-8000-0000000000ff',
		});
		expect(unknown.error?.message).toBe(
			'Debitura answered "not found" when trying to replay the webhook event',
		);
		expect(unknown.error?.description).toMatch(
			/^Debitura has no webhook event with ID "00000000-0000-4000-8000-0000000000ff"/,
		);
		env.sandbox.requests.length = 0;
		const bad = await run('webhookEvent', { operation: 'replay', eventId: 'evt_abc123' });
		expect(bad.error?.message).toBe('"Event ID" is not a valid ID: "evt_abc123" [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Test Case → Fire Webhook Event, delivered', () => {
	test('payment.created after Closed: Paid reaches the test subscription; the event then shows in the log', async () => {
		const { id: subscriptionId } = await subscribe(['payment.created']);
		const stored = await caseWithEvents();
		receiver.received.length = 0;
		const { items, error } = await run('testCase', {
			operation: 'fireWebhookEvent',
			case: caseParam('id', stored.id),
			event: 'payment.created',
			subscriptionId,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			eventType: 'payment.created',
			caseId: stored.id,
			enqueuedCount: 1,
		});
		await env.sandbox.webhooks.idle();
		expect(receiver.received.map((r) => r.json.event)).toEqual(['payment.created']);
		expect(receiver.received[0].json.data).toMatchObject({ caseId: stored.id, grossAmount: 42 });
		const events = await run('webhookEvent', {
			operation: 'getMany',
			case: caseParam('id', stored.id),
			returnAll: true,
		});
		expect(events.items.map((item) => item.json.eventType)).toEqual([
			'payment.created',
			'payment.created',
		]);
	});
});
