import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

/**
 * Case → Count and Account → Get Case Summary: the numbers a dashboard needs, from Debitura's
 * paging totals, in as few requests as the API allows; checked against what Return All reads.
 */

const env = useSandbox();
const run = async (parameters: INodeParameters) =>
	await runWorkflow({ credentials: env.credentials, node: { parameters } });

const LIFECYCLES = [
	'PendingContractSigning',
	'PendingVerificationInternal',
	'PendingVerification',
	'NeedsAdditionalDetails',
	'Leads',
	'LeadsQuoteGiven',
	'Active',
	'Paused',
	'Closed',
	'Merged',
];
const DIVISION = '9b2f3c1a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';

/** `n` cases spread over lifecycles, test and live, two divisions. */
function seed(n: number): void {
	for (let i = 0; i < n; i++) {
		env.sandbox.createCase({
			lifecycle: LIFECYCLES[i % LIFECYCLES.length],
			isTest: i % 3 === 0,
			creditorDivisionId: i % 2 === 0 ? DIVISION : null,
			creditorReference: `INV-C-${i}`,
		});
	}
}

describe('Case → Count', () => {
	test.each([0, 1, 100, 10_000])(
		'at %i cases: one request (PageSize=1) whose count equals what Return All reads, with and without filters',
		async (n) => {
			seed(n);
			for (const filters of [{}, { statuses: ['Active', 'Closed'] }, { divisionIds: DIVISION }]) {
				env.sandbox.requests.length = 0;
				const { items, error } = await run({ resource: 'case', operation: 'count', filters });
				expect(error).toBeUndefined();
				expect(env.sandbox.requests).toHaveLength(1);
				const [request] = env.sandbox.requests;
				expect(`${request.method} ${request.path} ${request.status}`).toBe('GET /cases 200');
				expect(request.query).toMatchObject({ Page: ['1'], PageSize: ['1'] });
				const all = await run({
					resource: 'case',
					operation: 'getMany',
					returnAll: true,
					simplify: false,
					filters,
				});
				expect(all.error).toBeUndefined();
				expect(items.map((item) => item.json)).toEqual([{ count: all.items.length }]);
				if (Object.keys(filters).length === 0) expect(all.items).toHaveLength(n);
			}
		},
		120_000,
	);

	test('sends the filters as Get Many does; a bad ID is refused before sending', async () => {
		const { error } = await run({
			resource: 'case',
			operation: 'count',
			filters: { statuses: ['Active'], ids: '3fa85f64-5717-4562-b3fc-2c963f66afa6' },
		});
		expect(error).toBeUndefined();
		expect(env.sandbox.requests[0].query).toEqual({
			Page: ['1'],
			PageSize: ['1'],
			Statuses: ['Active'],
			Ids: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'],
		});
		env.sandbox.requests.length = 0;
		const bad = await run({ resource: 'case', operation: 'count', filters: { ids: 'INV-1' } });
		expect(bad.error?.message).toBe(
			'"Case IDs" contains a value that is not an ID: "INV-1" [item 0]',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('an answer without paging totals is named, never read as zero', async () => {
		seed(3);
		env.sandbox.injectFault({
			method: 'GET',
			path: '/cases',
			kind: 'tamper',
			unset: ['page.totalResults'],
		});
		const { error } = await run({ resource: 'case', operation: 'count' });
		expect(error?.message).toBe(
			'GET /cases answered without its paging totals: "page.totalResults" is missing [item 0]',
		);
	});
});

describe('Account → Get Case Summary', () => {
	/** What the sandbox holds, counted by hand: lifecycle label → count, test and live apart. */
	function expected() {
		const cases = env.sandbox.listCases();
		const byName = (list: typeof cases) =>
			Object.fromEntries(
				LIFECYCLES.map((name) => [
					name,
					list.filter((c) => lifecycleOf(c.lifecycle) === name).length,
				]),
			);
		const live = byName(cases.filter((c) => !c.isTestCase));
		const test = byName(cases.filter((c) => c.isTestCase));
		const lifecycles = Object.fromEntries(
			LIFECYCLES.map((name) => [name, live[name] + test[name]]),
		);
		return {
			total: cases.length,
			lifecycles,
			live: { total: cases.length - cases.filter((c) => c.isTestCase).length, lifecycles: live },
			test: { total: cases.filter((c) => c.isTestCase).length, lifecycles: test },
		};
	}
	const LABELS: Record<string, string> = {
		'pending contract signing': 'PendingContractSigning',
		'pending verification internal': 'PendingVerificationInternal',
		'pending verification': 'PendingVerification',
		'more info required': 'NeedsAdditionalDetails',
		'collecting quotes': 'Leads',
		'pending quote selection': 'LeadsQuoteGiven',
		active: 'Active',
		paused: 'Paused',
		closed: 'Closed',
		merged: 'Merged',
	};
	const lifecycleOf = (label: unknown) => LABELS[String(label).toLowerCase()];

	test.each([0, 1, 250])(
		'test and live apart, at %i cases: every case read once, 100 a request',
		async (n) => {
			seed(n);
			env.sandbox.requests.length = 0;
			const { items, error } = await run({ resource: 'account', operation: 'getCaseSummary' });
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([expected()]);
			expect(env.sandbox.requests.map((r) => r.query)).toEqual(
				Array.from({ length: Math.max(1, Math.ceil(n / 100)) }, (_, i) => ({
					Page: [String(i + 1)],
					PageSize: ['100'],
				})),
			);
		},
	);

	test('together: ten requests with the smallest page, one per lifecycle, test cases included', async () => {
		seed(250);
		env.sandbox.requests.length = 0;
		const { items, error } = await run({
			resource: 'account',
			operation: 'getCaseSummary',
			testAndLiveApart: false,
		});
		expect(error).toBeUndefined();
		const { total, lifecycles } = expected();
		expect(items.map((item) => item.json)).toEqual([
			{ total, lifecycles, testCasesIncluded: true },
		]);
		expect(env.sandbox.requests.map((r) => r.query)).toEqual(
			LIFECYCLES.map((name) => ({ Statuses: [name], Page: ['1'], PageSize: ['1'] })),
		);
	});
});
