import { createHmac } from 'node:crypto';

import type { Sandbox } from '../../sandbox/index.cjs';
import type { WebhookTriggerUnderTest } from '../harness/webhook-trigger.cjs';
import { eventBody, nowSeconds, post, sign, startPair } from './fixtures.cjs';

/**
 * Every delivery is checked before anything runs. Each case posts one delivery to the trigger
 * (served through n8n-core's WebhookContext) and looks at the answer and whether an execution
 * started.
 */
describe('Debitura Trigger: signature check', () => {
	let sandbox: Sandbox;
	let trigger: WebhookTriggerUnderTest;
	let secret: string;

	beforeAll(async () => {
		({ sandbox, trigger } = await startPair());
		await trigger.activate();
		[{ secret }] = sandbox.webhooks.subscriptions();
	});
	afterAll(async () => {
		await trigger.deactivate();
		await trigger.close();
		await sandbox.close();
	});

	async function deliver(
		raw: Buffer | string,
		headers: Record<string, string>,
	): Promise<{ status: number; started: number }> {
		const before = trigger.executions.length;
		const status = await post(trigger.url, raw, headers);
		await trigger.settled();
		return { status, started: trigger.executions.length - before };
	}

	it('accepts a valid signature and starts one execution with the event', async () => {
		const { id, raw } = eventBody('payment.created', { paymentId: 'p-1' });
		expect(
			await deliver(raw, { 'x-debitura-signature': sign(secret, raw), 'x-debitura-test': 'true' }),
		).toEqual({ status: 200, started: 1 });
		const [item] = trigger.executions.at(-1)!;
		expect(item.json).toMatchObject({
			id,
			event: 'payment.created',
			isTest: true,
			isReplay: false,
			data: { paymentId: 'p-1', debtorName: 'Müller – Söhne' },
		});
		expect(typeof item.json.timestamp).toBe('string');
	});

	it('refuses a signature made with another secret', async () => {
		const { raw } = eventBody();
		const other = Buffer.alloc(32, 7).toString('base64');
		expect(await deliver(raw, { 'x-debitura-signature': sign(other, raw) })).toEqual({
			status: 401,
			started: 0,
		});
	});

	it("refuses a signature made with the secret's base64 text instead of its decoded bytes", async () => {
		const { raw } = eventBody();
		const t = nowSeconds();
		const undecoded = createHmac('sha256', secret).update(`${t}.`).update(raw).digest('hex');
		expect(await deliver(raw, { 'x-debitura-signature': `t=${t},v1=${undecoded}` })).toEqual({
			status: 401,
			started: 0,
		});
	});

	it('checks the raw bytes, not re-serialised JSON', async () => {
		const { raw } = eventBody();
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
		expect(reserialised.equals(raw)).toBe(false);
		// Signed over what Debitura sent, delivered re-serialised: refused.
		expect(await deliver(reserialised, { 'x-debitura-signature': sign(secret, raw) })).toEqual({
			status: 401,
			started: 0,
		});
		// Signed over the re-serialised text, delivered as Debitura sent it: refused too.
		expect(await deliver(raw, { 'x-debitura-signature': sign(secret, reserialised) })).toEqual({
			status: 401,
			started: 0,
		});
	});

	it('refuses a signature 301 s old and accepts one 300 s old', async () => {
		const stale = eventBody();
		expect(
			await deliver(stale.raw, {
				'x-debitura-signature': sign(secret, stale.raw, nowSeconds() - 301),
			}),
		).toEqual({ status: 401, started: 0 });
		const old = eventBody();
		// One second of slack for the clock ticking between signing and checking.
		expect(
			await deliver(old.raw, { 'x-debitura-signature': sign(secret, old.raw, nowSeconds() - 299) }),
		).toEqual({ status: 200, started: 1 });
	});

	it('refuses a signature 31 s ahead and accepts one 30 s ahead', async () => {
		const ahead = eventBody();
		expect(
			await deliver(ahead.raw, {
				'x-debitura-signature': sign(secret, ahead.raw, nowSeconds() + 31),
			}),
		).toEqual({ status: 401, started: 0 });
		const skewed = eventBody();
		expect(
			await deliver(skewed.raw, {
				'x-debitura-signature': sign(secret, skewed.raw, nowSeconds() + 29),
			}),
		).toEqual({ status: 200, started: 1 });
	});

	it('answers every refused signature with the same sentence, which names no reason', async () => {
		const { raw } = eventBody();
		const t = nowSeconds();
		const other = Buffer.alloc(32, 7).toString('base64');
		const bodies: string[] = [];
		const attempts: Array<Record<string, string>> = [
			{},
			{ 'x-debitura-signature': 'nonsense' },
			{ 'x-debitura-signature': sign(secret, raw, t - 301) },
			{ 'x-debitura-signature': sign(other, raw, t) },
		];
		for (const headers of attempts) {
			expect(await deliver(raw, headers)).toEqual({ status: 401, started: 0 });
			bodies.push(trigger.served.at(-1)!.body);
		}
		expect(new Set(bodies).size).toBe(1);
		expect(bodies[0]).not.toMatch(/missing|malformed|stale|mismatch/i);
	});

	it('takes isTest from the subscription whose secret verified the delivery, not from the X-Debitura-Test header', async () => {
		const { raw } = eventBody('payment.created', { isTest: false, classification: undefined });
		// This node's subscription is for test cases: signed with its secret, the event is a test event.
		expect(await deliver(raw, { 'x-debitura-signature': sign(secret, raw) })).toEqual({
			status: 200,
			started: 1,
		});
		expect(trigger.executions.at(-1)![0].json.isTest).toBe(true);
	});

	it('refuses a delivery without the signature header', async () => {
		const { raw } = eventBody();
		expect(await deliver(raw, {})).toEqual({ status: 401, started: 0 });
	});

	it.each([
		['only v1', (h: string) => h.replace(/^t=\d+,/, '')],
		['only t', (h: string) => h.replace(/,v1=.*$/, '')],
		['t not a number', (h: string) => h.replace(/^t=\d+/, 't=soon')],
		['v1 not hex', (h: string) => h.replace(/v1=[0-9a-f]{4}/, 'v1=zzzz')],
		[
			'v1 base64 instead of hex',
			(h: string) =>
				h.replace(
					/v1=([0-9a-f]+)/,
					(_m, hex: string) => `v1=${Buffer.from(hex, 'hex').toString('base64')}`,
				),
		],
		['the sha256= scheme of old docs', (h: string) => `sha256=${h.replace(/^.*v1=/, '')}`],
		['two t values', (h: string) => `t=1,${h}`],
		['empty', () => ' '],
	])('refuses a malformed header: %s', async (_name, mangle) => {
		const { raw } = eventBody();
		expect(await deliver(raw, { 'x-debitura-signature': mangle(sign(secret, raw)) })).toEqual({
			status: 401,
			started: 0,
		});
	});

	it('takes two v1 values when one matches (secret rotation), and refuses when none does', async () => {
		const good = eventBody();
		const bogus = 'f'.repeat(64);
		const header = sign(secret, good.raw);
		expect(await deliver(good.raw, { 'x-debitura-signature': `${header},v1=${bogus}` })).toEqual({
			status: 200,
			started: 1,
		});
		const bad = eventBody();
		const t = nowSeconds();
		expect(
			await deliver(bad.raw, { 'x-debitura-signature': `t=${t},v1=${bogus},v1=${'e'.repeat(64)}` }),
		).toEqual({ status: 401, started: 0 });
	});

	it('starts nothing for a second delivery of an acknowledged event, replay or not', async () => {
		const { raw } = eventBody();
		expect(await deliver(raw, { 'x-debitura-signature': sign(secret, raw) })).toEqual({
			status: 200,
			started: 1,
		});
		expect(await deliver(raw, { 'x-debitura-signature': sign(secret, raw) })).toEqual({
			status: 200,
			started: 0,
		});
		expect(
			await deliver(raw, {
				'x-debitura-signature': sign(secret, raw),
				'x-debitura-replay': 'true',
			}),
		).toEqual({ status: 200, started: 0 });
	});

	it('runs a replay of an event it never acknowledged, marked isReplay', async () => {
		const { raw } = eventBody();
		expect(
			await deliver(raw, {
				'x-debitura-signature': sign(secret, raw),
				'x-debitura-replay': 'true',
			}),
		).toEqual({ status: 200, started: 1 });
		expect(trigger.executions.at(-1)![0].json.isReplay).toBe(true);
	});

	it('starts one execution when the same event arrives twice at the same moment', async () => {
		const { raw } = eventBody();
		const header = sign(secret, raw);
		const before = trigger.executions.length;
		// Each delivery reads the static data before any of them has saved it.
		trigger.saveDelayMs = 2000;
		try {
			const statuses = await Promise.all(
				[1, 2, 3, 4].map(() => post(trigger.url, raw, { 'x-debitura-signature': header })),
			);
			expect(statuses).toEqual([200, 200, 200, 200]);
			await trigger.settled();
		} finally {
			trigger.saveDelayMs = 20;
		}
		expect(trigger.executions.length - before).toBe(1);
	});

	it('acknowledges an event it did not subscribe to without running', async () => {
		trigger.setParameters({ events: ['case.closed'], cases: 'test' });
		try {
			const { raw } = eventBody('payment.created');
			expect(await deliver(raw, { 'x-debitura-signature': sign(secret, raw) })).toEqual({
				status: 200,
				started: 0,
			});
		} finally {
			trigger.setParameters({
				events: [
					'case.created',
					'case.updated',
					'case.closed',
					'payment.created',
					'payment.deleted',
					'chat.created',
				],
				cases: 'test',
			});
		}
	});
});

describe('Debitura Trigger: live subscription', () => {
	it('a delivery signed with the live secret is live (isTest false), whatever X-Debitura-Test says', async () => {
		const { sandbox, trigger } = await startPair({ events: ['payment.created'], cases: 'live' });
		try {
			await trigger.activate();
			const [live] = sandbox.webhooks.subscriptions();
			expect(live.isTestMode).toBe(false);
			const { raw } = eventBody('payment.created', { isTest: false, classification: undefined });
			expect(
				await post(trigger.url, raw, {
					'x-debitura-signature': sign(live.secret, raw),
					'x-debitura-test': 'true',
				}),
			).toBe(200);
			await trigger.settled();
			expect(trigger.executions.map(([item]) => item.json.isTest)).toEqual([false]);
		} finally {
			await trigger.close();
			await sandbox.close();
		}
	});
});
