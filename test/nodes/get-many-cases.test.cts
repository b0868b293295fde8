import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();

const getMany = async (extra: Record<string, unknown> = {}) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: { resource: 'case', operation: 'getMany', ...extra } },
	});

function seedCases(count: number) {
	const base = Date.parse('2026-01-01T00:00:00Z');
	return Array.from({ length: count }, (_, i) =>
		env.sandbox.createCase({
			isTest: true,
			creditorReference: `INV-${i}`,
			dateCreated: new Date(base + i * 60_000).toISOString(),
		}),
	);
}

/** The spec's query parameters for GET /cases, and nothing else. */
const LIST_PARAMETERS = new Set([
	'Page',
	'PageSize',
	'Statuses',
	'DivisionIds',
	'DebtorIds',
	'Ids',
	'Sort',
]);

function expectConformingListRequests() {
	for (const request of env.sandbox.requests) {
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/cases');
		expect(Object.keys(request.query).filter((name) => !LIST_PARAMETERS.has(name))).toEqual([]);
		const pageSize = Number(request.query.PageSize?.[0]);
		expect(pageSize).toBeGreaterThanOrEqual(1);
		expect(pageSize).toBeLessThanOrEqual(100);
		expect(request.status).toBe(200);
	}
}

describe('Case → Get Many', () => {
	test.each([
		[0, 1],
		[1, 1],
		[100, 1],
		[101, 2],
		[250, 3],
	])(
		'Return All over %i cases reads every case in %i request(s), stopping exactly at the last page',
		async (count, requests) => {
			const seeded = seedCases(count);
			const { items, error } = await getMany({ returnAll: true });
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.id)).toEqual(seeded.map((c) => c.id));
			expect(env.sandbox.requests).toHaveLength(requests);
			expect(env.sandbox.requests.map((r) => r.query.Page?.[0])).toEqual(
				Array.from({ length: requests }, (_, i) => String(i + 1)),
			);
			expectConformingListRequests();
		},
	);

	test.each([
		[250, 50, 1, ['50']],
		[250, 100, 1, ['100']],
		[250, 150, 2, ['100', '100']],
		[30, 50, 1, ['50']],
		[100, 100, 1, ['100']],
		[101, 150, 2, ['100', '100']],
	])('over %i cases, Limit %i takes %i request(s)', async (count, limit, requests, pageSizes) => {
		const seeded = seedCases(count);
		const { items, error } = await getMany({ returnAll: false, limit });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(seeded.slice(0, limit).map((c) => c.id));
		expect(env.sandbox.requests.map((r) => r.query.PageSize?.[0])).toEqual(pageSizes);
		expect(env.sandbox.requests).toHaveLength(requests);
		expectConformingListRequests();
	});

	test('Limit defaults to 50', async () => {
		seedCases(60);
		const { items } = await getMany();
		expect(items).toHaveLength(50);
	});

	test('filters and sort reach the request as the spec spells them', async () => {
		const [a, b, c] = seedCases(3);
		const stored = env.sandbox.getCase(a.id)!;
		const { items, error } = await getMany({
			returnAll: true,
			filters: {
				statuses: ['Active', 'PendingVerificationInternal', 'NeedsAdditionalDetails'],
				ids: `${a.id}, ${b.id}\n${c.id}`,
				debtorIds: String((stored.debtor as { id?: string } | undefined)?.id ?? a.id),
			},
			sort: { field: 'GrossAmount', direction: 'asc' },
		});
		expect(error).toBeUndefined();
		const [request] = env.sandbox.requests;
		expect(request.query).toMatchObject({
			Statuses: ['Active,PendingVerificationInternal,NeedsAdditionalDetails'],
			Ids: [`${a.id},${b.id},${c.id}`],
			Sort: ['GrossAmount:asc'],
		});
		expect(request.query.DivisionIds).toBeUndefined();
		expect(items.every((item) => [a.id, b.id, c.id].includes(String(item.json.id)))).toBe(true);
		expectConformingListRequests();
	});

	test('a lifecycle filter returns only cases in that stage', async () => {
		const [open, closed] = seedCases(2);
		await fetch(`${env.sandbox.url}/test/cases/${closed.id}/advance`, {
			method: 'POST',
			headers: { XApiKey: env.sandbox.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({ to: 'Closed:Paid', amount: 250 }),
		});
		const { items } = await getMany({ returnAll: true, filters: { statuses: ['Closed'] } });
		expect(items.map((item) => item.json.id)).toEqual([closed.id]);
		expect(items[0].json).toMatchObject({ lifecycle: 'Closed', isClosed: true });
		expect(items.map((item) => item.json.id)).not.toContain(open.id);
	});

	test('sort newest first by default direction', async () => {
		const seeded = seedCases(3);
		const { items } = await getMany({ sort: { field: 'DateCreated' } });
		expect(env.sandbox.requests[0].query.Sort).toEqual(['DateCreated:desc']);
		expect(items.map((item) => item.json.id)).toEqual(seeded.map((c) => c.id).reverse());
	});

	test('Simplify gives the Get Status output; off gives the full case', async () => {
		seedCases(1);
		const simple = await getMany({ simplify: true });
		expect(simple.items[0].json).toHaveProperty('isClosed');
		expect(simple.items[0].json).not.toHaveProperty('debtor');
		expect(simple.items[0].json.dateCreated).toMatch(/Z$/);
		const full = await getMany({ simplify: false });
		expect(full.items[0].json).toHaveProperty('debtor');
		expect(full.items[0].json.dateCreated).toMatch(/Z$/);
	});

	test('an ID filter value that is not a UUID is refused before sending, naming the field and item', async () => {
		const { error } = await getMany({ filters: { debtorIds: 'ACME-1' } });
		expect(error?.message).toBe(
			'"Debtor IDs" contains a value that is not an ID: "ACME-1" [item 0]',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('a 429 on page 2 is waited out and page 2 (not page 1) is read again', async () => {
		const seeded = seedCases(150);
		env.sandbox.injectFault({ path: '/cases', kind: 'rate-limit', skip: 1, retryAfter: 0.01 });
		const { items, error } = await getMany({ returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(seeded.map((c) => c.id));
		expect(env.sandbox.requests.map((r) => r.query.Page?.[0])).toEqual(['1', '2', '2']);
	});
});
