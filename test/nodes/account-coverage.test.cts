import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import { CHECK_ELIGIBILITY_REQUEST, specViolations } from '../harness/spec-conformance.cjs';

const env = useSandbox();

const run = async (parameters: INodeParameters, credentials = env.credentials) =>
	await runWorkflow({ credentials, node: { parameters } });

describe('Account → Get', () => {
	test('returns the company profile from GET /me', async () => {
		const { items, error } = await run({ resource: 'account', operation: 'get' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			id: '5a1d7c2e-8f43-4b6a-9e21-0c3d4b5a6f70',
			companyName: 'Nordlys Trading ApS',
			country: 'DK',
		});
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /me']);
		expect(env.sandbox.requests[0].body).toBeNull();
	});

	test('a rejected key is the 401 message', async () => {
		const { error } = await run(
			{ resource: 'account', operation: 'get' },
			{ ...env.credentials, apiKey: 'wrong' },
		);
		expect(error?.message).toBe('Debitura rejected the API key');
	});
});

describe('Account → Get Contract Status', () => {
	test('signed: nothing to do, no signing link', async () => {
		const { items, error } = await run({ resource: 'account', operation: 'getContractStatus' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			signed: true,
			requiresResigning: false,
			actionRequired: false,
			signingUrl: null,
		});
		expect(String(items[0].json.termsUrl)).toMatch(/^http:\/\/127\.0\.0\.1/);
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /contracts/debt-collection/status',
		]);
	});

	test('unsigned: action required, and the one-click signing link', async () => {
		env.sandbox.setContractsSigned(false);
		const { items } = await run({ resource: 'account', operation: 'getContractStatus' });
		expect(items[0].json).toMatchObject({ signed: false, actionRequired: true });
		expect(items[0].json.signingUrl).toBe(items[0].json.solutionUrl);
		expect(String(items[0].json.signingUrl)).toContain('/__sandbox/signing');
	});
});

describe('Team Member → Get Many', () => {
	test('lists the team with Page and PageSize as the spec spells them', async () => {
		const { items, error } = await run({
			resource: 'teamMember',
			operation: 'getMany',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{
				id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
				name: 'Mette Jensen',
				email: 'mette.jensen@example.com',
			},
			{
				id: '7a2b3c4d-5e6f-4a70-8b8c-9d0e1f2a3b4c',
				name: 'Lars Holm',
				email: 'lars.holm@example.com',
			},
		]);
		expect(env.sandbox.requests.map((r) => r.query)).toEqual([{ Page: ['1'], PageSize: ['100'] }]);
	});

	test('Limit 1 asks for a page of one and returns one', async () => {
		const { items } = await run({
			resource: 'teamMember',
			operation: 'getMany',
			returnAll: false,
			limit: 1,
		});
		expect(items).toHaveLength(1);
		expect(env.sandbox.requests.map((r) => r.query)).toEqual([{ Page: ['1'], PageSize: ['1'] }]);
	});

	test('a server error is worded, with the advice that a retry is safe', async () => {
		env.sandbox.injectFault({ path: '/users', kind: 'server-error' });
		const { error } = await run({ resource: 'teamMember', operation: 'getMany', returnAll: true });
		expect(error?.message).toMatch(
			/^Debitura had a server error while trying to list the team members \(HTTP 500\)/,
		);
		expect(error?.description).toMatch(/Retrying is safe/);
	});
});

describe('Coverage → Get Many, Get', () => {
	test('lists every jurisdiction, with its partners and their power of attorney status', async () => {
		const { items, error } = await run({
			resource: 'coverage',
			operation: 'getMany',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(200);
		const denmark = items.find((item) => item.json.countryAlpha2 === 'DK')!.json;
		expect(denmark).toMatchObject({
			jurisdiction: 'Denmark',
			partners: [{ partnerName: 'Inkasso Nord A/S', signed: true, conditions: 'All cases' }],
		});
		expect(items.filter((item) => item.json.countryAlpha2 === 'US')).toHaveLength(51);
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /coverage']);
	});

	test('Limit cuts the list', async () => {
		const { items } = await run({
			resource: 'coverage',
			operation: 'getMany',
			returnAll: false,
			limit: 3,
		});
		expect(items).toHaveLength(3);
	});

	test('gets one jurisdiction by its number', async () => {
		const all = await run({ resource: 'coverage', operation: 'getMany', returnAll: true });
		const california = all.items.find((item) => item.json.usStateAlpha2 === 'CA')!.json;
		const { items, error } = await run({
			resource: 'coverage',
			operation: 'get',
			jurisdictionId: String(california.jurisdictionId),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(california);
	});

	test('an unknown jurisdiction is a 404 that names it', async () => {
		const { error } = await run({
			resource: 'coverage',
			operation: 'get',
			jurisdictionId: '99999',
		});
		expect(error?.message).toBe(
			'Debitura has no jurisdiction matching the "Jurisdiction ID" parameter',
		);
		expect(error?.description).toContain('"99999"');
	});

	test('a jurisdiction ID that is not a number is refused before sending', async () => {
		const { error } = await run({
			resource: 'coverage',
			operation: 'get',
			jurisdictionId: 'Denmark',
		});
		expect(error?.message).toBe('"Jurisdiction ID" must be a whole number: "Denmark" [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Coverage → Check Eligibility', () => {
	const check = async (extra: INodeParameters = {}) =>
		await run({
			resource: 'coverage',
			operation: 'checkEligibility',
			debtorType: 'Company',
			debtorCountry: 'DE',
			currency: 'EUR',
			amountToRecover: 2500,
			...extra,
		});

	test('names the partner and its power of attorney status, sending the spec body', async () => {
		const { items, error } = await check();
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			isEligible: true,
			partner: {
				id: 'c1a0f3d2-2222-4a8b-9c01-000000000002',
				name: 'Rheinland Forderungsmanagement GmbH',
			},
			powerOfAttorneyStatus: { signed: true },
			jurisdiction: { countryAlpha2: 'DE' },
		});
		const request = env.sandbox.requests.at(-1)!;
		expect(`${request.method} ${request.path}`).toBe('POST /coverage/check-eligibility');
		expect(request.body).toEqual({
			countryAlpha2: 'DE',
			debtorType: 'Company',
			amount: 2500,
			currencyCode: 'EUR',
		});
		expect(specViolations(request.body, CHECK_ELIGIBILITY_REQUEST)).toEqual([]);
	});

	test('a US debtor needs the state, which is sent as stateAlpha2', async () => {
		const { items } = await check({ debtorCountry: 'US', debtorUsState: 'TX', currency: 'USD' });
		expect(items[0].json).toMatchObject({
			isEligible: true,
			jurisdiction: { usStateAlpha2: 'TX' },
		});
		expect(env.sandbox.requests.at(-1)!.body).toEqual({
			countryAlpha2: 'US',
			stateAlpha2: 'TX',
			debtorType: 'Company',
			amount: 2500,
			currencyCode: 'USD',
		});
		const { error } = await check({ debtorCountry: '={{ "US" }}', currency: 'USD' });
		expect(error?.message).toBe('"Debtor US State" is required [item 0]');
	});

	test("a country without a partner is not eligible, with Debitura's reason", async () => {
		const { items } = await check({ debtorCountry: 'IR' });
		expect(items[0].json).toMatchObject({ isEligible: false, partner: null });
		expect(String(items[0].json.errorMessage)).toMatch(/partner/);
	});

	test.each([
		[{ amountToRecover: 0 }, /"Amount to Recover" must be greater than 0/],
		[{ currency: '={{ "EURO" }}' }, /"Currency"/],
		[{ debtorType: '={{ "Person" }}' }, /"Debtor Type" must be Company or Private/],
	])('%j is refused before sending', async (extra, message) => {
		const { error } = await check(extra);
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});
