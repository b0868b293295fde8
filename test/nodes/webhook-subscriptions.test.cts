import { createHmac } from 'node:crypto';

import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import {
	CREATE_WEBHOOK_REQUEST,
	specViolations,
	TEST_RESULT_FIELDS,
	UPDATE_WEBHOOK_REQUEST,
	WEBHOOK_DTO_FIELDS,
} from '../harness/spec-conformance.cjs';
import { call } from '../sandbox/helpers.cjs';
import { startReceiver, type Receiver } from '../webhook/receiver.cjs';

/** Webhook → Create, Get, Update, Send Test against the sandbox, each request checked against the spec. */

const env = useSandbox({ webhookLoopback: true });
let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(async () => await receiver.close());
beforeEach(() => {
	receiver.received.length = 0;
	receiver.answers.length = 0;
});

const ZULU = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

const run = async (parameters: Record<string, unknown>) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: { resource: 'webhook', ...parameters } },
	});

/** Whether a delivery is signed with this secret, checked as Debitura documents it. */
function signedWith(
	delivery: { headers: Record<string, string>; rawBody: Buffer },
	secretBase64: string,
): boolean {
	const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery.headers['x-debitura-signature'] ?? '');
	if (!match) return false;
	const mac = createHmac('sha256', Buffer.from(secretBase64, 'base64'))
		.update(`${match[1]}.`)
		.update(delivery.rawBody)
		.digest('hex');
	return mac === match[2];
}

const secretOf = (id: string) =>
	env.sandbox.webhooks.subscriptions().find((s) => s.id === id)?.secret;

async function subscribe(
	events: string[],
	isTestMode = true,
): Promise<{ id: string; secret: string }> {
	const created = await call(env.sandbox, '/webhooks', {
		method: 'POST',
		body: { url: receiver.url, events, isTestMode },
	});
	expect(created.status).toBe(201);
	env.sandbox.requests.length = 0;
	return created.json;
}

describe('Webhook → Create', () => {
	test('subscribes the URL to the events; the secret comes once, with a notice, and signs deliveries', async () => {
		const { items, error } = await run({
			operation: 'create',
			url: receiver.url,
			events: ['case.created', 'payment.created'],
			isTestMode: true,
		});
		expect(error).toBeUndefined();
		const [post] = env.sandbox.requests;
		expect(`${post.method} ${post.path} ${post.status}`).toBe('POST /webhooks 201');
		expect(post.body).toEqual({
			url: receiver.url,
			events: ['case.created', 'payment.created'],
			isTestMode: true,
		});
		expect(specViolations(post.body, CREATE_WEBHOOK_REQUEST)).toEqual([]);

		const out = items[0].json;
		await run({ operation: 'sendTest', webhookId: locator('id', String(out.id)) });
		expect(signedWith(receiver.received[0], String(out.secret))).toBe(true);
		expect(Object.keys(out).sort()).toEqual([...WEBHOOK_DTO_FIELDS, 'secretNotice'].sort());
		expect(out).toMatchObject({
			url: receiver.url,
			events: ['case.created', 'payment.created'],
			isActive: true,
			isTestMode: true,
		});
		expect(Buffer.from(String(out.secret), 'base64')).toHaveLength(32);
		expect(out.secret).toBe(secretOf(String(out.id)));
		expect(out.secretNotice).toMatch(/only in this answer/);
		expect(String(out.createdUtc)).toMatch(ZULU);

		const again = await run({ operation: 'get', webhookId: locator('id', String(out.id)) });
		expect(again.items[0].json.secret).toBeNull();
		expect(again.items[0].json).not.toHaveProperty('secretNotice');
	});

	test('Test Mode off is sent as false: a subscription for live cases', async () => {
		const { items } = await run({
			operation: 'create',
			url: receiver.url,
			events: ['case.closed'],
		});
		expect(env.sandbox.requests[0].body).toEqual({
			url: receiver.url,
			events: ['case.closed'],
			isTestMode: false,
		});
		expect(items[0].json.isTestMode).toBe(false);
	});

	test("Debitura's refusal (a private address) is an error, and no secret is in it", async () => {
		const { error } = await run({
			operation: 'create',
			url: 'https://10.0.0.5/hook',
			events: ['case.created'],
		});
		expect(error?.httpCode).toBe('422');
		expect(error?.message).toMatch(/create the webhook subscription/);
		expect(JSON.stringify(error)).not.toMatch(/secret"\s*:\s*"[A-Za-z0-9+/=]{20,}/);
		expect(env.sandbox.webhooks.subscriptions()).toEqual([]);
	});
});

describe('Webhook → Get', () => {
	test.each(['id', 'list'])(
		'reads one subscription picked by %s, without its secret, timestamps in UTC',
		async (mode) => {
			const { id } = await subscribe(['chat.created'], false);
			const { items, error } = await run({ operation: 'get', webhookId: locator(mode, id) });
			expect(error).toBeUndefined();
			expect(env.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
				`GET /webhooks/${id} 200`,
			]);
			expect(items[0].json).toMatchObject({
				id,
				url: receiver.url,
				events: ['chat.created'],
				isActive: true,
				isTestMode: false,
				secret: null,
			});
			expect(Object.keys(items[0].json).sort()).toEqual([...WEBHOOK_DTO_FIELDS].sort());
			expect(String(items[0].json.updatedUtc)).toMatch(ZULU);
		},
	);

	test('a plain string saved in the Webhook field (no picker), or an expression in it, addresses the subscription', async () => {
		const { id } = await subscribe(['case.created']);
		for (const webhookId of [id, ` ${id} `, locator('id', `={{ "${id}" }}`)]) {
			env.sandbox.requests.length = 0;
			const { items, error } = await run({ operation: 'get', webhookId });
			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(id);
			expect(env.sandbox.requests.map((r) => r.path)).toEqual([`/webhooks/${id}`]);
		}
	});

	test('an unknown subscription is a 404 naming the ID; a malformed ID is refused before sending', async () => {
		const unknown = await run({
			operation: 'get',
			webhookId: locator('id', '00000000-0000-4000-8000-0000000000ee'),
		});
		expect(unknown.error?.message).toBe(
			'Debitura answered "not found" when trying to get the webhook subscription',
		);
		expect(unknown.error?.description).toMatch(
			/^Debitura has no webhook subscription with ID "00000000-0000-4000-8000-0000000000ee"/,
		);
		env.sandbox.requests.length = 0;
		const bad = await run({ operation: 'get', webhookId: locator('id', '={{ "hook-1" }}') });
		expect(bad.error?.message).toBe('"Webhook" is not a valid subscription ID: "hook-1" [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Webhook → Update', () => {
	test('pauses, resumes, switches to live cases, changes events and URL; only the fields set are sent', async () => {
		const { id, secret } = await subscribe(['case.created']);
		const steps: Array<[Record<string, unknown>, Record<string, unknown>]> = [
			[{ isActive: false }, { isActive: false, disabledReason: 'Disabled by the customer' }],
			[{ isActive: true }, { isActive: true, disabledReason: null }],
			[{ isTestMode: false }, { isTestMode: false }],
			[
				{ events: ['case.closed', 'payment.deleted'] },
				{ events: ['case.closed', 'payment.deleted'] },
			],
			[{ url: `${receiver.url}/v2` }, { url: `${receiver.url}/v2` }],
		];
		for (const [updateFields, expected] of steps) {
			env.sandbox.requests.length = 0;
			const { items, error } = await run({
				operation: 'update',
				webhookId: locator('list', id),
				updateFields,
			});
			expect(error).toBeUndefined();
			const [patch] = env.sandbox.requests;
			expect(`${patch.method} ${patch.path} ${patch.status}`).toBe(`PATCH /webhooks/${id} 200`);
			expect(patch.body).toEqual(updateFields);
			expect(specViolations(patch.body, UPDATE_WEBHOOK_REQUEST)).toEqual([]);
			expect(items[0].json).toMatchObject({ id, secret: null, ...expected });
			expect(items[0].json).not.toHaveProperty('secretNotice');
		}
		expect(secretOf(id)).toBe(secret);
	});

	test('Regenerate Secret: the new secret comes once, with the notice, and signs the next delivery', async () => {
		const { id, secret: old } = await subscribe(['case.created']);
		const { items, error } = await run({
			operation: 'update',
			webhookId: locator('id', id),
			updateFields: { regenerateSecret: true },
		});
		expect(error).toBeUndefined();
		expect(env.sandbox.requests[0].body).toEqual({ regenerateSecret: true });
		const fresh = String(items[0].json.secret);
		expect(fresh).not.toBe(old);
		expect(fresh).toBe(secretOf(id));
		expect(items[0].json.secretNotice).toMatch(/only in this answer/);
		await run({ operation: 'sendTest', webhookId: locator('id', id) });
		expect(signedWith(receiver.received[0], fresh)).toBe(true);
		expect(signedWith(receiver.received[0], old)).toBe(false);
	});

	test('an unknown subscription is a 404 naming the ID', async () => {
		const { error } = await run({
			operation: 'update',
			webhookId: locator('id', '00000000-0000-4000-8000-0000000000ee'),
			updateFields: { isActive: false },
		});
		expect(error?.message).toBe(
			'Debitura answered "not found" when trying to update the webhook subscription',
		);
		expect(error?.httpCode).toBe('404');
	});
});

describe('Webhook → Send Test', () => {
	test("Debitura's TestResultDto comes out as it is; the receiver got one signed case.created", async () => {
		const { id } = await subscribe(['payment.created']);
		const { items, error } = await run({ operation: 'sendTest', webhookId: locator('list', id) });
		expect(error).toBeUndefined();
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`POST /webhooks/${id}/test 200`,
		]);
		expect(env.sandbox.requests[0].body).toBeNull();
		expect(Object.keys(items[0].json).sort()).toEqual([...TEST_RESULT_FIELDS].sort());
		expect(items[0].json).toMatchObject({
			success: true,
			httpStatusCode: 200,
			errorMessage: null,
			errorCategory: null,
		});
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0].headers['x-debitura-event']).toBe('case.created');
		expect(receiver.received[0].json).toEqual(items[0].json.testPayload);
		expect(signedWith(receiver.received[0], String(secretOf(id)))).toBe(true);
	});

	test('a delivery the endpoint refuses is a result with success false, not an error', async () => {
		const { id } = await subscribe(['case.created']);
		receiver.answers.push(503);
		const { items, error } = await run({ operation: 'sendTest', webhookId: locator('id', id) });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			success: false,
			httpStatusCode: 503,
			errorCategory: 'HttpError',
		});
	});

	test('an unknown subscription is a 404 naming the ID', async () => {
		const { error } = await run({
			operation: 'sendTest',
			webhookId: locator('id', '00000000-0000-4000-8000-0000000000ee'),
		});
		expect(error?.message).toBe(
			'Debitura answered "not found" when trying to send a test event to the webhook subscription',
		);
	});
});
