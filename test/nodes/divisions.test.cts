import { useSandbox } from '../harness/fixtures.cjs';
import { runListSearch } from '../harness/list-search.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import { DIVISION_REQUEST, specViolations } from '../harness/spec-conformance.cjs';

const env = useSandbox();

const HEAD_OFFICE = '0b6e2f1a-3c4d-4e5f-8a9b-1c2d3e4f5a60';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const run = async (parameters: Record<string, unknown>) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: { resource: 'division', ...parameters } },
	});

const division = (value: string, mode = 'id') => ({ __rl: true, mode, value });

async function createDivision(extra: Record<string, unknown> = {}) {
	const { items, error } = await run({
		operation: 'create',
		companyName: 'Nordlys Sverige AB',
		city: 'Malmö',
		countryCode: 'SE',
		...extra,
	});
	expect(error).toBeUndefined();
	return items[0].json as { id: string; [key: string]: unknown };
}

describe('Division → Create', () => {
	test('posts the spec body and returns the division, timestamps in UTC', async () => {
		const created = await createDivision({
			additionalFields: {
				zipCode: ' 211 19 ',
				officeEmail: 'malmo@nordlys.example',
				registrationNumber: '556677-8899',
			},
		});
		expect(created).toMatchObject({
			companyName: 'Nordlys Sverige AB',
			city: 'Malmö',
			zipCode: '211 19',
			country: { alpha2: 'SE' },
			isArchived: false,
		});
		expect(String(created.createdUtc)).toMatch(/Z$/);
		const post = env.sandbox.requests.at(-1)!;
		expect(`${post.method} ${post.path} ${post.status}`).toBe('POST /divisions 201');
		expect(post.body).toEqual({
			companyName: 'Nordlys Sverige AB',
			city: 'Malmö',
			countryCode: 'SE',
			zipCode: '211 19',
			registrationNumber: '556677-8899',
			officeEmail: 'malmo@nordlys.example',
		});
		expect(specViolations(post.body, DIVISION_REQUEST)).toEqual([]);
	});

	test.each([
		[{ companyName: '   ' }, '"Company Name" is required [item 0]'],
		[
			{ companyName: 'x'.repeat(201) },
			'"Company Name" can be at most 200 characters (got 201) [item 0]',
		],
		[{ countryCode: '={{ "Atlantis" }}' }, /^"Country" .*Atlantis.*\[item 0\]$/],
		[
			{ additionalFields: { officeEmail: 'office' } },
			'"Office Email" must be an email address (got "office") [item 0]',
		],
		[
			{ additionalFields: { zipCode: '1'.repeat(51) } },
			'"ZIP Code" can be at most 50 characters (got 51) [item 0]',
		],
	])('refuses %j before sending', async (extra, message) => {
		const { error } = await run({
			operation: 'create',
			companyName: 'Nordlys Sverige AB',
			city: 'Malmö',
			countryCode: 'SE',
			...extra,
		});
		if (typeof message === 'string') expect(error?.message).toBe(message);
		else expect(error?.message).toMatch(message);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Division → Get, Get Many', () => {
	test.each(['id', 'list'])('gets a division picked by %s', async (mode) => {
		const { items, error } = await run({ operation: 'get', division: division(HEAD_OFFICE, mode) });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: HEAD_OFFICE, companyName: 'Nordlys Trading ApS' });
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /divisions/${HEAD_OFFICE}`,
		]);
	});

	test('an unknown division is a 404 that names it', async () => {
		const { error } = await run({ operation: 'get', division: division(UNKNOWN) });
		expect(error?.message).toBe('Debitura has no division matching the "Division" parameter');
		expect(error?.description).toContain(UNKNOWN);
		expect(error?.httpCode).toBe('404');
	});

	test('an ID from an expression that is no UUID is refused before sending', async () => {
		const { error } = await run({ operation: 'get', division: division('={{ "sales" }}') });
		expect(error?.message).toBe('"Division" is not a valid division ID: "sales" [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test("lists with the spec's page, pageSize and includeArchived; archived ones only when asked", async () => {
		const archived = await createDivision();
		await run({ operation: 'archive', division: division(archived.id) });
		env.sandbox.requests.length = 0;
		const active = await run({ operation: 'getMany', returnAll: true });
		expect(active.items.map((item) => item.json.id)).not.toContain(archived.id);
		expect(active.items).toHaveLength(2);
		expect(env.sandbox.requests[0].query).toEqual({
			includeArchived: ['false'],
			page: ['1'],
			pageSize: ['100'],
		});
		const all = await run({ operation: 'getMany', returnAll: true, includeArchived: true });
		expect(all.items.map((item) => item.json.id)).toContain(archived.id);
	});

	test('Limit pages through the list', async () => {
		for (let i = 0; i < 3; i++) await createDivision({ companyName: `Branch ${i}` });
		env.sandbox.requests.length = 0;
		const { items } = await run({ operation: 'getMany', returnAll: false, limit: 4 });
		expect(items).toHaveLength(4);
		expect(env.sandbox.requests.map((r) => r.query.page?.[0])).toEqual(['1']);
		const all = await run({ operation: 'getMany', returnAll: true });
		expect(all.items).toHaveLength(5);
	});
});

describe('Division → Update', () => {
	test('changes only the fields given: the rest is read first and sent back, as the PUT replaces all', async () => {
		const created = await createDivision({
			additionalFields: { officePhone: '+46 40 123 45', address: 'Stortorget 1' },
		});
		env.sandbox.requests.length = 0;
		const { items, error } = await run({
			operation: 'update',
			division: division(created.id, 'list'),
			updateFields: { city: 'Lund' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			city: 'Lund',
			officePhone: '+46 40 123 45',
			address: 'Stortorget 1',
			companyName: 'Nordlys Sverige AB',
		});
		expect(String(items[0].json.updatedUtc)).toMatch(/Z$/);
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /divisions/${created.id}`,
			`PUT /divisions/${created.id}`,
		]);
		const put = env.sandbox.requests[1];
		expect(put.body).toEqual({
			companyName: 'Nordlys Sverige AB',
			city: 'Lund',
			countryCode: 'SE',
			address: 'Stortorget 1',
			officePhone: '+46 40 123 45',
		});
		expect(specViolations(put.body, DIVISION_REQUEST)).toEqual([]);
	});

	test('an unknown division changes nothing and says so', async () => {
		const { error } = await run({
			operation: 'update',
			division: division(UNKNOWN),
			updateFields: { city: 'Lund' },
		});
		expect(error?.message).toBe(
			'Debitura has no division matching the "Division" parameter [item 0]',
		);
		expect(env.sandbox.requests.map((r) => r.method)).toEqual(['GET']);
	});

	test('empty Update Fields are refused before anything is sent', async () => {
		const { error } = await run({
			operation: 'update',
			division: division(HEAD_OFFICE),
			updateFields: {},
		});
		expect(error?.message).toBe('"Update Fields" is empty: add the fields to change [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Division → Archive, Delete', () => {
	test("archives once; a second archive is Debitura's 422, in words", async () => {
		const created = await createDivision();
		const first = await run({ operation: 'archive', division: division(created.id) });
		expect(first.items[0].json).toMatchObject({ id: created.id, isArchived: true });
		expect(env.sandbox.requests.at(-1)!.path).toBe(`/divisions/${created.id}/archive`);
		const second = await run({ operation: 'archive', division: division(created.id) });
		expect(second.error?.message).toBe(
			'Debitura could not archive the division: The division is already archived.',
		);
		expect(second.error?.httpCode).toBe('422');
	});

	test('delete answers { deleted: true } and the division is gone', async () => {
		const created = await createDivision();
		const { items, error } = await run({ operation: 'delete', division: division(created.id) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ deleted: true }]);
		expect(env.sandbox.requests.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/divisions/${created.id}`,
			status: 204,
		});
		const again = await run({ operation: 'get', division: division(created.id) });
		expect(again.error?.httpCode).toBe('404');
	});

	test("a division with an open case cannot be deleted: Debitura's 422 says to archive it", async () => {
		const created = await createDivision();
		env.sandbox.createCase({ isTest: true, creditorDivisionId: created.id });
		const { error } = await run({ operation: 'delete', division: division(created.id) });
		expect(error?.message).toBe(
			'Debitura could not delete the division: The division cannot be deleted because it has active cases. Archive it instead.',
		);
		expect(error?.httpCode).toBe('422');
	});

	test('deleting an unknown division is a 404 that names it', async () => {
		const { error } = await run({ operation: 'delete', division: division(UNKNOWN) });
		expect(error?.message).toBe('Debitura has no division matching the "Division" parameter');
	});
});

describe("the division picker (From List), through n8n's listSearch", () => {
	test('lists the active divisions by name, city and country, and filters', async () => {
		const archived = await createDivision({ companyName: 'Old Branch' });
		await run({ operation: 'archive', division: division(archived.id) });
		const all = await runListSearch({
			method: 'searchDivisions',
			credentials: env.credentials,
			parameters: { resource: 'division', operation: 'get' },
		});
		expect(all.results).toEqual([
			{ name: 'Nordlys Trading ApS · Copenhagen V · DK', value: HEAD_OFFICE },
			{
				name: 'Nordlys Trading GmbH · Hamburg · DE',
				value: '7d8e9fa0-b1c2-4d3e-9f40-5a6b7c8d9e01',
			},
		]);
		const filtered = await runListSearch({
			method: 'searchDivisions',
			credentials: env.credentials,
			filter: 'hamburg',
		});
		expect(filtered.results.map((r) => r.value)).toEqual(['7d8e9fa0-b1c2-4d3e-9f40-5a6b7c8d9e01']);
	});
});

describe('server errors on division writes', () => {
	test.each([
		['create', 'POST', '/divisions', /Retrying is safe: the request carries an idempotency key/],
		[
			'archive',
			'POST',
			`/divisions/${HEAD_OFFICE}/archive`,
			/Retrying is safe: if the first archive went through/,
		],
		[
			'delete',
			'DELETE',
			`/divisions/${HEAD_OFFICE}`,
			/Retrying is safe: if the first delete went through/,
		],
	])('%s: the advice fits what a retry does', async (operation, method, path, advice) => {
		env.sandbox.injectFault({ method, path, kind: 'server-error' });
		const parameters =
			operation === 'create'
				? { operation, companyName: 'Nordlys Sverige AB', city: 'Malmö', countryCode: 'SE' }
				: { operation, division: division(HEAD_OFFICE) };
		const { error } = await run(parameters);
		expect(error?.message).toMatch(
			new RegExp(
				`^Debitura had a server error while trying to ${operation} the division \\(HTTP 500\\)`,
			),
		);
		expect(error?.description).toMatch(advice);
		expect(error?.description).not.toMatch(/file/);
	});
});
