import { INodeProperties } from 'n8n-workflow';

import { createCaseParameters, useSandbox } from '../harness/fixtures.cjs';
import { loadTypes, NODE } from '../harness/node-types.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import { PREVIEW_CASE_REQUEST, specViolations } from '../harness/spec-conformance.cjs';

const env = useSandbox();

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) =>
	new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10) + 'T00:00:00';

/** The Create Case parameters a workflow has; Preview reads the ones it takes and ignores the rest. */
const preview = async (overrides: Record<string, unknown> = {}) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: createCaseParameters({ operation: 'preview', ...overrides }) },
	});

const previewRequest = () =>
	env.sandbox.requests.find((r) => r.method === 'POST' && r.path === '/cases/preview')!;

describe('Case → Preview', () => {
	test('answers eligibility, partner, required actions and pricing, sending only what the preview schema takes', async () => {
		const { items, error } = await preview({
			additionalFields: {
				dueDate: daysAgo(400),
				creditorReference: 'INV-1',
				returnUrl: 'https://example.com/done',
			},
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			isEligible: true,
			partnerAssignment: {
				collectionPartnerId: 'c1a0f3d2-1111-4a8b-9c01-000000000001',
				partnerName: 'Inkasso Nord A/S',
				partnerCountry: 'DK',
			},
			requiredActions: [],
			jurisdiction: { countryAlpha2: 'DK' },
			pricingPreview: {
				baseSuccessFeePercentage: 15,
				ageSurchargePercentage: 10,
				totalSuccessFeePercentage: 25,
				currencyCode: 'DKK',
			},
		});
		const request = previewRequest();
		expect(request.body).toEqual({
			currencyCode: 'DKK',
			amountToRecover: 12500,
			dueDate: `${daysAgo(400)}Z`,
			returnUrl: 'https://example.com/done',
			debtor: { type: 'Company', countryAlpha2: 'DK' },
		});
		expect(specViolations(request.body, PREVIEW_CASE_REQUEST)).toEqual([]);
		expect(env.sandbox.listCases()).toHaveLength(0);
	});

	test('prices exactly as the case Create Case then opens', async () => {
		const common = {
			testMode: false,
			debtorCountry: 'US',
			debtorUsState: 'NY',
			currency: 'USD',
			amountToRecover: 20000,
		};
		const buckets = { amountOver12Months: 8000, amountOver24Months: 3000 };
		const previewed = await preview({ ...common, additionalFields: buckets });
		expect(previewed.error).toBeUndefined();
		expect(previewRequest().body).toMatchObject({
			amountToRecoverOver12Months: 8000,
			amountToRecoverOver24Months: 3000,
			debtor: { countryAlpha2: 'US', stateAlpha2: 'NY' },
		});
		expect(specViolations(previewRequest().body, PREVIEW_CASE_REQUEST)).toEqual([]);
		const created = await runWorkflow({
			credentials: env.credentials,
			node: { parameters: createCaseParameters({ ...common, additionalFields: buckets }) },
		});
		expect(created.error).toBeUndefined();
		const stored = env.sandbox.getCase(String(created.items[0].json.id))!;
		const pricing = previewed.items[0].json.pricingPreview as { totalSuccessFeePercentage: number };
		expect(stored.preLegalSuccessFee).toBe(pricing.totalSuccessFeePercentage);
		expect(stored.collectionPartner?.name).toBe(
			(previewed.items[0].json.partnerAssignment as { partnerName: string }).partnerName,
		);
	});

	test('with unsigned contracts, lists what to sign and the one link that signs it all', async () => {
		env.sandbox.setContractsSigned(false);
		const { items } = await preview();
		const result = items[0].json as {
			requiredActions: Array<{ type: string; isBlocking: boolean }>;
			signingHandoff: { combinedSigningUrl: string };
		};
		expect(result.requiredActions.map((action) => action.type)).toEqual([
			'MissingDebtCollectionContract',
			'MissingPowerOfAttorney',
		]);
		expect(result.signingHandoff.combinedSigningUrl).toContain('/__sandbox/signing');
	});

	test('a country without a partner is not eligible, with the reason', async () => {
		const { items } = await preview({ debtorCountry: 'KP' });
		expect(items[0].json).toMatchObject({
			isEligible: false,
			partnerAssignment: null,
			pricingPreview: null,
		});
		expect(String(items[0].json.ineligibilityReason)).toMatch(/partner/);
	});

	test.each([
		[
			{
				additionalFields: { dueDate: daysAgo(30), amountOver12Months: 100, amountOver24Months: 50 },
			},
			/"Due Date" and the age amounts .* exclude each other/,
		],
		[{ debtorCountry: '={{ "US" }}' }, /"Debtor US State" is required/],
		[{ amountToRecover: 0 }, /"Amount to Recover"/],
		[
			{ additionalFields: { amountOver12Months: 100 } },
			/"Amount Over 12 Months" and "Amount Over 24 Months" must be given together/,
		],
		[
			{ additionalFields: { dueDate: '2099-01-01T00:00:00' } },
			/"Due Date" must be today or in the past/,
		],
	])('%j is refused before sending, naming the field and the item', async (overrides, message) => {
		const { error } = await preview(overrides);
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('a server error says a retry is safe: a preview creates nothing', async () => {
		env.sandbox.injectFault({ method: 'POST', path: '/cases/preview', kind: 'server-error' });
		const { error } = await preview();
		expect(error?.message).toMatch(
			/^Debitura had a server error while trying to preview the case \(HTTP 500\)/,
		);
		expect(error?.description).toMatch(/Retrying is safe/);
	});

	test('a US state from an expression is sent as stateAlpha2, never as free text', async () => {
		await preview({
			debtorCountry: '={{ "US" }}',
			additionalFields: { debtorState: 'California' },
		});
		expect(previewRequest().body).toMatchObject({
			debtor: { type: 'Company', countryAlpha2: 'US', stateAlpha2: 'CA' },
		});
		expect(specViolations(previewRequest().body, PREVIEW_CASE_REQUEST)).toEqual([]);
	});
});

describe("Preview shows Create Case's own field definitions", () => {
	test('every Preview field is the Create Case field of the same name, apart from where it is shown', async () => {
		const types = await loadTypes();
		const properties = types.getByNameAndVersion(NODE.debitura).description.properties;
		// The fields of the node; the AI tool's Tool Description (shown only with `@tool`) differs per operation by design.
		const shownFor = (operation: string) =>
			properties.filter(
				(p) =>
					(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation) &&
					(p.displayOptions?.show?.resource as string[] | undefined)?.includes('case') &&
					!p.displayOptions?.show?.['@tool'],
			);
		const withoutPlacement = ({ displayOptions: _shown, ...rest }: INodeProperties) => rest;
		const create = new Map(shownFor('create').map((p) => [p.name, p]));
		const previewFields = shownFor('preview');
		expect(previewFields.map((p) => p.name).sort()).toEqual([
			'additionalFields',
			'amountToRecover',
			'currency',
			'debtorCountry',
			'debtorType',
			'debtorUsState',
		]);
		for (const field of previewFields.filter((p) => p.name !== 'additionalFields')) {
			expect(withoutPlacement(field)).toEqual(withoutPlacement(create.get(field.name)!));
		}
		const createExtras = new Map(
			(create.get('additionalFields')!.options as INodeProperties[]).map((p) => [p.name, p]),
		);
		const previewExtras = previewFields.find((p) => p.name === 'additionalFields')!
			.options as INodeProperties[];
		expect(previewExtras.map((p) => p.name).sort()).toEqual([
			'amountOver12Months',
			'amountOver24Months',
			'amountOver6Months',
			'debtorState',
			'dueDate',
			'returnUrl',
		]);
		for (const field of previewExtras) expect(field).toBe(createExtras.get(field.name));
	});
});
