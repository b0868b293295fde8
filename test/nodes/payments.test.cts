import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox({ paymentOrder: 'oldest-first' });

const run = async (parameters: Record<string, unknown>) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: { resource: 'payment', ...parameters } },
	});

function seedPayments(count: number, caseId?: string) {
	const owner = caseId ?? env.sandbox.createCase({ isTest: true }).id;
	const base = Date.parse('2026-03-01T00:00:00Z');
	const payments = Array.from({ length: count }, (_, i) =>
		env.sandbox.addPayment({
			caseId: owner,
			grossAmount: 10 + i,
			dateCreated: new Date(base + i * 60_000).toISOString(),
		}),
	);
	env.sandbox.requests.length = 0;
	return { caseId: owner, payments };
}

describe('Payment → Get', () => {
	test('gets one payment by ID, with UTC timestamps', async () => {
		const { payments } = seedPayments(2);
		const { items, error } = await run({ operation: 'get', paymentId: payments[1].id });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: payments[1].id, grossAmount: 11 });
		expect(String(items[0].json.dateCreated)).toMatch(/Z$/);
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /Payments/${payments[1].id}`,
		]);
		expect(env.sandbox.requests[0].query).toEqual({});
	});

	test('an unknown payment ID is a 404 that names it', async () => {
		const { error } = await run({
			operation: 'get',
			paymentId: '00000000-0000-4000-8000-0000000000bb',
		});
		expect(error?.message).toBe('Debitura has no payment matching the "Payment ID" parameter');
		expect(error?.description).toMatch(
			/^No payment has ID "00000000-0000-4000-8000-0000000000bb"\./,
		);
		expect(error?.httpCode).toBe('404');
	});

	test('a payment ID that is not a UUID is refused before sending', async () => {
		const { error } = await run({ operation: 'get', paymentId: '={{ "PAY-1" }}' });
		expect(error?.message).toBe('"Payment ID" is not a valid ID: "PAY-1" [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Payment → Get Many (account)', () => {
	test.each([
		[0, 1],
		[1, 1],
		[100, 1],
		[101, 2],
		[250, 3],
	])(
		'Return All over %i payments takes %i request(s), stopping exactly at the last page',
		async (count, requests) => {
			const { payments } = seedPayments(count);
			const { items, error } = await run({ operation: 'getMany', returnAll: true });
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.id)).toEqual(payments.map((p) => p.id));
			expect(env.sandbox.requests).toHaveLength(requests);
			for (const [index, request] of env.sandbox.requests.entries()) {
				expect(request.path).toBe('/Payments');
				expect(request.query).toEqual({ Page: [String(index + 1)], PageSize: ['100'] });
			}
		},
	);

	test.each([
		[250, 50, ['50']],
		[250, 100, ['100']],
		[250, 150, ['100', '100']],
		[30, 50, ['50']],
	])('over %i payments, Limit %i reads pages of %j', async (count, limit, pageSizes) => {
		const { payments } = seedPayments(count);
		const { items } = await run({ operation: 'getMany', limit });
		expect(items.map((item) => item.json.id)).toEqual(payments.slice(0, limit).map((p) => p.id));
		expect(env.sandbox.requests.map((r) => r.query.PageSize?.[0])).toEqual(pageSizes);
	});
});

describe('Payment → Get Many (one case)', () => {
	test.each(['id', 'creditorReference', 'caseReference'])(
		'lists the payments of the case found by %s',
		async (mode) => {
			const stored = env.sandbox.createCase({ isTest: true, creditorReference: 'INV-PAY' });
			const { payments } = seedPayments(3, stored.id);
			seedPayments(2);
			const value =
				mode === 'creditorReference'
					? 'INV-PAY'
					: mode === 'caseReference'
						? String(stored.reference)
						: stored.id;
			const { items, error } = await run({
				operation: 'getMany',
				scope: 'case',
				case: { __rl: true, mode, value },
				returnAll: true,
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.id).sort()).toEqual(payments.map((p) => p.id).sort());
			expect(env.sandbox.requests.at(-1)).toMatchObject({
				method: 'GET',
				path: `/cases/${stored.id}/payments`,
				query: {},
			});
		},
	);

	test('Limit applies to a case too', async () => {
		const { caseId } = seedPayments(3);
		const { items } = await run({
			operation: 'getMany',
			scope: 'case',
			case: { __rl: true, mode: 'id', value: caseId },
			limit: 2,
		});
		expect(items).toHaveLength(2);
	});

	test.each([
		[
			'id',
			'00000000-0000-4000-8000-000000000000',
			'No case has case ID "00000000-0000-4000-8000-000000000000".',
		],
		['creditorReference', 'NO-SUCH-INVOICE', 'No case has creditor reference "NO-SUCH-INVOICE".'],
		['caseReference', 'ZZZZZZZZ', 'No case has case reference "ZZZZZZZZ".'],
	])('an unknown %s is a 404 that names it', async (mode, value, named) => {
		const { error } = await run({
			operation: 'getMany',
			scope: 'case',
			case: { __rl: true, mode, value },
		});
		expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
		expect(error?.description?.startsWith(named)).toBe(true);
	});
});
