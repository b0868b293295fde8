import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();

const read = async (operation: string, mode: string, value: string) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: { resource: 'case', operation, case: { __rl: true, mode, value } } },
	});

async function advance(caseId: string, to: string, amount?: number) {
	const response = await fetch(`${env.sandbox.url}/test/cases/${caseId}/advance`, {
		method: 'POST',
		headers: { XApiKey: env.sandbox.apiKey, 'Content-Type': 'application/json' },
		body: JSON.stringify({ to, amount }),
	});
	expect(response.status).toBe(200);
}

const OPERATIONS = [
	['getTimeline', '/timeline'],
	['getValidation', '/validation'],
	['getContractStatus', '/contract-status'],
	['getExclusivePeriod', '/exclusive-period'],
] as const;

describe('Case → Get Timeline, Get Validation, Get Contract Status, Get Exclusive Period', () => {
	describe.each(OPERATIONS)('%s', (operation, suffix) => {
		test.each(['id', 'list', 'creditorReference', 'caseReference'])(
			'finds the case by %s and reads %s',
			async (mode) => {
				const stored = env.sandbox.createCase({ isTest: true, creditorReference: 'INV-77' });
				await advance(stored.id, 'Active');
				env.sandbox.requests.length = 0;
				const value =
					mode === 'creditorReference'
						? 'INV-77'
						: mode === 'caseReference'
							? String(stored.reference)
							: stored.id;
				const { items, error } = await read(operation, mode, value);
				expect(error).toBeUndefined();
				expect(items).toHaveLength(1);
				const paths = env.sandbox.requests.map((r) => `${r.method} ${r.path}`);
				const lookUp =
					{
						creditorReference: ['GET /cases/by-creditor-reference/INV-77'],
						caseReference: [`GET /cases/case-reference/${stored.reference}`],
					}[mode as string] ?? [];
				expect(paths).toEqual([...lookUp, `GET /cases/${stored.id}${suffix}`]);
				for (const request of env.sandbox.requests) {
					expect(request.query).toEqual({});
					expect(request.body).toBeNull();
				}
			},
		);

		test.each([
			[
				'id',
				'00000000-0000-4000-8000-000000000000',
				'No case has case ID "00000000-0000-4000-8000-000000000000".',
			],
			['creditorReference', 'NO-SUCH-INVOICE', 'No case has creditor reference "NO-SUCH-INVOICE".'],
			['caseReference', 'ZZZZZZZZ', 'No case has case reference "ZZZZZZZZ".'],
		])('an unknown %s is a 404 that names it', async (mode, value, named) => {
			const { error } = await read(operation, mode, value);
			expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
			expect(error?.description?.startsWith(named)).toBe(true);
			expect(error?.httpCode).toBe('404');
		});
	});

	test('the timeline is chronological, with UTC timestamps and the engagement phase', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		await advance(stored.id, 'Active');
		await advance(stored.id, 'Closed:Paid', 100);
		const { items } = await read('getTimeline', 'id', stored.id);
		const timeline = items[0].json as {
			items: Array<{ date: string; title: string; actor: { type: string } }>;
			currentEngagementPhase: unknown;
		};
		expect(timeline.items.map((event) => event.title)).toEqual([
			'Case created',
			'Collection started',
			'Payment registered',
			'Case closed',
		]);
		const dates = timeline.items.map((event) => Date.parse(event.date));
		expect([...dates].sort((a, b) => a - b)).toEqual(dates);
		expect(timeline.items.every((event) => event.date.endsWith('Z'))).toBe(true);
		expect(timeline).toHaveProperty('currentEngagementPhase');
	});

	test('contract status carries the signing state and the partner', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items } = await read('getContractStatus', 'id', stored.id);
		expect(items[0].json).toMatchObject({
			sdca: { signed: true, requiresResigning: false, solutionUrl: null },
			needsPoaSigning: false,
		});
	});

	test('validation says whether information is missing', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items } = await read('getValidation', 'id', stored.id);
		expect(items[0].json).toMatchObject({ needsInfo: false, items: [] });
	});

	test('an exclusive period shows start, end, status and a payment extension, in UTC', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		await advance(stored.id, 'Active');
		env.sandbox.addPayment({ caseId: stored.id, grossAmount: 50 });
		const { items, error } = await read('getExclusivePeriod', 'id', stored.id);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'Active', extensions: [{ type: 'Payment' }] });
		expect(String(items[0].json.engagementStartDate)).toMatch(/Z$/);
		expect(String(items[0].json.currentEndDate)).toMatch(/Z$/);
		expect(Number(items[0].json.daysRemaining)).toBeGreaterThan(0);
	});

	test('a case without an exclusive period is told apart from an unknown case', async () => {
		const stored = env.sandbox.createCase({ isTest: true, lifecycle: 'PendingVerification' });
		const { error } = await read('getExclusivePeriod', 'id', stored.id);
		expect(error?.message).toBe('The case has no exclusive period');
		expect(error?.description).toContain(stored.id);
		expect(env.sandbox.requests.map((r) => r.path)).toEqual([
			`/cases/${stored.id}/exclusive-period`,
			`/cases/${stored.id}`,
		]);
	});

	test('a case deleted between the look-up and the read is not blamed on the reference', async () => {
		const stored = env.sandbox.createCase({ isTest: true, creditorReference: 'GONE-1' });
		env.sandbox.injectFault({ path: `/cases/${stored.id}/timeline`, kind: 'not-found' });
		const { error } = await read('getTimeline', 'creditorReference', 'GONE-1');
		expect(error?.message).toBe(
			'Debitura found the case but answered "not found" when trying to get the case timeline',
		);
	});
});
