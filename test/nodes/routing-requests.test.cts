import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

/**
 * What every declarative operation gets from the one place that sends its request: Debitura's 429s
 * waited out (the same request sent again), a failure worded with what a retry does, and, for a
 * case found by reference, errors that name the case the look-up found.
 */

const env = useSandbox();

const caseParam = (mode: string, value: string) => ({ __rl: true, mode, value });

const run = async (parameters: INodeParameters) =>
	await runWorkflow({ credentials: env.credentials, node: { parameters } });

describe('requests sent by routing', () => {
	test('a 429 on Get Status is waited out and the same request sent again', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'GET',
			path: `/cases/${stored.id}`,
			kind: 'rate-limit',
			retryAfter: 0.01,
			count: 2,
		});
		const { items, error } = await run({
			resource: 'case',
			operation: 'getStatus',
			case: caseParam('id', stored.id),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([stored.id]);
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`GET /cases/${stored.id} 429`,
			`GET /cases/${stored.id} 429`,
			`GET /cases/${stored.id} 200`,
		]);
	});

	test('a 429 that lasts is retried three times, then reported with the count', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'GET',
			path: `/cases/${stored.id}/timeline`,
			kind: 'rate-limit',
			retryAfter: 0.01,
			count: 10,
		});
		const { error } = await run({
			resource: 'case',
			operation: 'getTimeline',
			case: caseParam('id', stored.id),
		});
		expect(env.sandbox.requests).toHaveLength(4);
		expect(error?.message).toMatch(/^Debitura's rate limit was reached/);
		expect(`${error?.message} ${error?.description}`).toContain('(waited and retried 3 times)');
	});

	test('a 429 on a write is waited out too, and the write is applied once', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/test/cases/${stored.id}/advance`,
			kind: 'rate-limit',
			retryAfter: 0.01,
		});
		const { items, error } = await run({
			resource: 'testCase',
			operation: 'advance',
			case: caseParam('id', stored.id),
			to: 'Active',
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ caseId: stored.id, advanced: true, state: 'Active' },
		]);
		expect(env.sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([
			429, 200,
		]);
	});

	test('a server error on a write says what a retry does, read off the request it sent (here its idempotency key)', async () => {
		env.sandbox.injectFault({
			method: 'POST',
			path: '/divisions',
			kind: 'server-error',
			status: 500,
		});
		const { error } = await run({
			resource: 'division',
			operation: 'create',
			companyName: 'Nordlys Sverige AB',
			city: 'Malmö',
			countryCode: 'SE',
		});
		expect(error?.message).toMatch(
			/^Debitura had a server error while trying to create the division/,
		);
		expect(error?.description).toContain('the request carries an idempotency key');
	});

	test('a 404 after a look-up by creditor reference names the case the look-up found', async () => {
		const stored = env.sandbox.createCase({ isTest: true, creditorReference: 'GONE-2' });
		env.sandbox.injectFault({ path: `/cases/${stored.id}/chats`, kind: 'not-found' });
		const { error } = await run({
			resource: 'message',
			operation: 'getMany',
			case: caseParam('creditorReference', 'GONE-2'),
			returnAll: true,
		});
		expect(error?.message).toBe(
			'Debitura found the case but answered "not found" when trying to get the messages',
		);
		expect(error?.description).toContain(`creditor reference "GONE-2" (ID ${stored.id})`);
	});

	test('a 404 by case ID says Debitura has no such case', async () => {
		const { error } = await run({
			resource: 'case',
			operation: 'getTimeline',
			case: caseParam('id', '3fa85f64-5717-4562-b3fc-2c963f66afa6'),
		});
		expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
		expect(error?.description).toMatch(
			/^No case has case ID "3fa85f64-5717-4562-b3fc-2c963f66afa6"\./,
		);
	});

	test('Advance by case reference outputs the ID the look-up found', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items, error } = await run({
			resource: 'testCase',
			operation: 'advance',
			case: caseParam('caseReference', String(stored.reference)),
			to: 'Active',
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ caseId: stored.id, advanced: true, state: 'Active' },
		]);
	});

	test("a 429 on one case's payments (one request, not pages) is waited out too", async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.addPayment({ caseId: stored.id, grossAmount: 40 });
		env.sandbox.injectFault({
			method: 'GET',
			path: `/cases/${stored.id}/payments`,
			kind: 'rate-limit',
			retryAfter: 0.01,
		});
		const { items, error } = await run({
			resource: 'payment',
			operation: 'getMany',
			scope: 'case',
			case: caseParam('id', stored.id),
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`GET /cases/${stored.id}/payments 429`,
			`GET /cases/${stored.id}/payments 200`,
		]);
	});

	test('a 404 after a look-up names the case found when the case ID travels as a query field (Webhook Event → Get Many)', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({ path: '/webhooks/events', kind: 'not-found' });
		const { error } = await run({
			resource: 'webhookEvent',
			operation: 'getMany',
			case: caseParam('caseReference', String(stored.reference)),
			returnAll: true,
		});
		expect(error?.description).toContain(`case reference "${stored.reference}" (ID ${stored.id})`);
	});
});
