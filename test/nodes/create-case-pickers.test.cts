import { createCaseParameters, useSandbox } from '../harness/fixtures.cjs';
import { runListSearch } from '../harness/list-search.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import { CREATE_CASE_REQUEST, specViolations } from '../harness/spec-conformance.cjs';

const env = useSandbox();

const DIVISION = '7d8e9fa0-b1c2-4d3e-9f40-5a6b7c8d9e01';
const PARTNER = 'c1a0f3d2-2222-4a8b-9c01-000000000002';
const USER = 'lars.holm@example.com';

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const createBody = () =>
	env.sandbox.requests.find((r) => r.method === 'POST' && r.path === '/cases')!.body as Record<
		string,
		unknown
	>;

describe('Create Case: Division, Collection Partner and Assigned User pickers', () => {
	test.each([
		[
			'picked from the lists',
			{
				divisionId: rl('list', DIVISION),
				collectionPartnerId: rl('list', PARTNER),
				assignedUserEmail: rl('list', USER),
			},
		],
		[
			'given by ID / email',
			{
				divisionId: rl('id', DIVISION),
				collectionPartnerId: rl('id', PARTNER),
				assignedUserEmail: rl('email', USER),
			},
		],
		// Workflows saved before the pickers hold plain strings under the same parameter names.
		[
			'saved as plain strings by an older version',
			{ divisionId: DIVISION, collectionPartnerId: PARTNER, assignedUserEmail: USER },
		],
		[
			'given by expressions',
			{
				divisionId: rl('id', `={{ "${DIVISION}" }}`),
				collectionPartnerId: `={{ "${PARTNER}" }}`,
				assignedUserEmail: rl('email', `={{ "${USER}" }}`),
			},
		],
	])('%s: the IDs and email go into the body', async (_how, additionalFields) => {
		const { items, error } = await runWorkflow({
			credentials: env.credentials,
			node: { parameters: createCaseParameters({ testMode: false, additionalFields }) },
		});
		expect(error).toBeUndefined();
		const body = createBody();
		expect(body).toMatchObject({
			creditorDivisionId: DIVISION,
			collectionPartnerId: PARTNER,
			assignedUserEmail: USER,
		});
		expect(specViolations(body, CREATE_CASE_REQUEST)).toEqual([]);
		const created = env.sandbox.getCase(String(items[0].json.id))!;
		expect(created.creditor?.division).toEqual({ id: DIVISION, name: 'Nordlys Trading GmbH' });
		expect(created.collectionPartner?.name).toBe('Rheinland Forderungsmanagement GmbH');
	});

	test('an empty picker sends nothing', async () => {
		const { error } = await runWorkflow({
			credentials: env.credentials,
			node: {
				parameters: createCaseParameters({
					additionalFields: {
						divisionId: rl('list', ''),
						collectionPartnerId: rl('list', ''),
						assignedUserEmail: rl('list', ''),
					},
				}),
			},
		});
		expect(error).toBeUndefined();
		const body = createBody();
		for (const key of ['creditorDivisionId', 'collectionPartnerId', 'assignedUserEmail'])
			expect(body).not.toHaveProperty(key);
	});

	test.each([
		[
			{ divisionId: rl('id', '={{ "sales" }}') },
			'"Division" must be a UUID (got "sales") [item 0]',
		],
		[
			{ collectionPartnerId: 'partner-1' },
			'"Collection Partner" must be a UUID (got "partner-1") [item 0]',
		],
		[
			{ assignedUserEmail: rl('email', '={{ "lars" }}') },
			'"Assigned User" must be an email address (got "lars") [item 0]',
		],
	])('%j is refused before sending, naming the field', async (additionalFields, message) => {
		const { error } = await runWorkflow({
			credentials: env.credentials,
			node: { parameters: createCaseParameters({ additionalFields }) },
		});
		expect(error?.message).toBe(message);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe("the pickers' lists, through n8n's listSearch", () => {
	const parameters = createCaseParameters();

	test('team members from GET /users, by email', async () => {
		const { results } = await runListSearch({
			method: 'searchTeamMembers',
			credentials: env.credentials,
			parameters,
		});
		expect(results).toEqual([
			{ name: 'Mette Jensen (mette.jensen@example.com)', value: 'mette.jensen@example.com' },
			{ name: 'Lars Holm (lars.holm@example.com)', value: USER },
		]);
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /users']);
		const filtered = await runListSearch({
			method: 'searchTeamMembers',
			credentials: env.credentials,
			parameters,
			filter: 'holm',
		});
		expect(filtered.results.map((r) => r.value)).toEqual([USER]);
	});

	test('collection partners from GET /coverage, each once, found by name or country', async () => {
		const { results } = await runListSearch({
			method: 'searchCollectionPartners',
			credentials: env.credentials,
			parameters,
		});
		expect(results.map((r) => r.value).sort()).toEqual(
			[1, 2, 3, 4, 5, 6].map((n) => `c1a0f3d2-${String(n).repeat(4)}-4a8b-9c01-00000000000${n}`),
		);
		const byCountry = await runListSearch({
			method: 'searchCollectionPartners',
			credentials: env.credentials,
			parameters,
			filter: 'austria',
		});
		expect(byCountry.results).toEqual([
			{
				name: 'Rheinland Forderungsmanagement GmbH (Austria, Germany, Switzerland)',
				value: PARTNER,
			},
		]);
	});

	test("a rejected key fails the list with the credential's message", async () => {
		await expect(
			runListSearch({
				method: 'searchTeamMembers',
				credentials: { ...env.credentials, apiKey: 'wrong' },
				parameters,
			}),
		).rejects.toThrow('Debitura rejected the API key');
	});
});
