/**
 * A list read cannot run away and cannot be fooled by a malformed page: Get Many stops with a
 * sentence naming the endpoint when the API ignores `Page` or keeps reporting more pages, and a
 * page that is not a page of records is named with its field, never a TypeError. The case list
 * search ("From List") does the same for the editor.
 */
import { useSandbox } from '../harness/fixtures.cjs';
import { runListSearch } from '../harness/list-search.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox({ paymentOrder: 'oldest-first' });

function seedPayments(count: number) {
	const owner = env.sandbox.createCase({ isTest: true }).id;
	const base = Date.parse('2026-03-01T00:00:00Z');
	for (let i = 0; i < count; i++) {
		env.sandbox.addPayment({
			caseId: owner,
			grossAmount: 10 + i,
			dateCreated: new Date(base + i * 60_000).toISOString(),
		});
	}
	env.sandbox.requests.length = 0;
}

const getMany = async (
	resource: string,
	parameters: Record<string, unknown> = { returnAll: true },
) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: { resource, operation: 'getMany', ...parameters } },
	});

const pageRequests = (path: string) =>
	env.sandbox.requests.filter((request) => request.path === path).length;

describe('Get Many: an API that ignores Page', () => {
	test('Payment → Get Many stops at the first page that brings no new payment, naming GET /Payments', async () => {
		seedPayments(250);
		env.sandbox.injectFault({ path: '/Payments', kind: 'tamper', ignorePage: true, count: 1000 });
		const { items, error } = await getMany('payment');
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'GET /Payments answered page 2 with the same records as before: the API is not paging [item 0]',
		);
		expect(error?.description).toContain('Nothing was output');
		expect(pageRequests('/Payments')).toBe(2);
	});

	test('... also when it reports ever more pages', async () => {
		seedPayments(150);
		env.sandbox.injectFault({
			path: '/Payments',
			kind: 'tamper',
			ignorePage: true,
			set: { 'page.totalPages': 1_000_000 },
			count: 1000,
		});
		const { error } = await getMany('payment');
		expect(error?.message).toBe(
			'GET /Payments answered page 2 with the same records as before: the API is not paging [item 0]',
		);
		expect(pageRequests('/Payments')).toBe(2);
	});

	test('Case → Get Many names GET /cases', async () => {
		for (let i = 0; i < 120; i++) env.sandbox.createCase({ isTest: true });
		env.sandbox.requests.length = 0;
		env.sandbox.injectFault({ path: '/cases', kind: 'tamper', ignorePage: true, count: 1000 });
		const { error } = await getMany('case');
		expect(error?.message).toBe(
			'GET /cases answered page 2 with the same records as before: the API is not paging [item 0]',
		);
	});

	test('a list that keeps growing far past what its first page reported stops at a page cap', async () => {
		seedPayments(1600);
		// Page 1 says there are 2 pages; the list goes on for 16.
		env.sandbox.injectFault({
			path: '/Payments',
			kind: 'tamper',
			set: { 'page.totalPages': 2, 'page.totalResults': 200 },
			count: 1,
		});
		const { items, error } = await getMany('payment');
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'GET /Payments kept reporting more pages: the node stopped after page 14 [item 0]',
		);
		expect(pageRequests('/Payments')).toBe(14);
	});

	test('an honest list of several pages still comes out whole', async () => {
		seedPayments(250);
		const { items, error } = await getMany('payment');
		expect(error).toBeUndefined();
		expect(new Set(items.map((item) => item.json.id)).size).toBe(250);
	});
});

describe('Get Many: a malformed page is named, never a TypeError', () => {
	test.each([
		[
			'"payments" is not a list',
			{ set: { payments: 'none' } },
			'GET /Payments answered page 1 without a list of records: "payments" is a string [item 0]',
		],
		[
			'a payment\'s "id" is a number',
			{ set: { 'payments.1.id': 42 } },
			'GET /Payments answered page 1 with a record whose "id" is not a text ID (record 2: 42) [item 0]',
		],
		[
			'a payment is not an object',
			{ set: { 'payments.0': 'x' } },
			'GET /Payments answered page 1 with a record that is not an object (record 1: "x") [item 0]',
		],
		[
			'no paging object',
			{ unset: ['page'] },
			'GET /Payments answered page 1 without its paging information: "page.totalPages" is missing [item 0]',
		],
		[
			'"totalPages" not a number',
			{ set: { 'page.totalPages': 'many' } },
			'GET /Payments answered page 1 without its paging information: "page.totalPages" is missing [item 0]',
		],
	])('%s', async (_name, tamper, message) => {
		seedPayments(5);
		env.sandbox.injectFault({ path: '/Payments', kind: 'tamper', ...tamper });
		const { items, error } = await getMany('payment');
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.message).not.toMatch(/TypeError|Cannot read|is not a function/);
		expect(error?.description).toContain('contact Debitura support');
	});
});

describe('"From List" for a case', () => {
	test('a page without a list of cases is named, not a TypeError', async () => {
		env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({ path: '/cases', kind: 'tamper', set: { cases: { id: 'x' } } });
		await expect(
			runListSearch({ method: 'searchCases', credentials: env.credentials }),
		).rejects.toThrow('GET /cases answered page 1 without a list of records: "cases" is an object');
	});

	test('a next page that repeats the first is an error, not the same cases again', async () => {
		for (let i = 0; i < 150; i++) env.sandbox.createCase({ isTest: true });
		const first = await runListSearch({ method: 'searchCases', credentials: env.credentials });
		expect(first.paginationToken).toBeDefined();
		env.sandbox.injectFault({ path: '/cases', kind: 'tamper', ignorePage: true });
		await expect(
			runListSearch({
				method: 'searchCases',
				credentials: env.credentials,
				paginationToken: first.paginationToken,
			}),
		).rejects.toThrow(
			'GET /cases answered page 2 with the same records as before: the API is not paging',
		);
	});

	test('an honest second page loads', async () => {
		for (let i = 0; i < 150; i++) env.sandbox.createCase({ isTest: true });
		const first = await runListSearch({ method: 'searchCases', credentials: env.credentials });
		const second = await runListSearch({
			method: 'searchCases',
			credentials: env.credentials,
			paginationToken: first.paginationToken,
		});
		expect(first.results).toHaveLength(100);
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
	});
});
