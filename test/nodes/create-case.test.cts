import { CREATE_CASE_REQUEST, specViolations } from '../harness/spec-conformance.cjs';
import { createCaseParameters, useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();

const createRequests = () =>
	env.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/cases');

async function create(
	parameters: Record<string, unknown>,
	input?: Array<{ json: Record<string, unknown> }>,
) {
	return await runWorkflow({
		credentials: env.credentials,
		node: { parameters: createCaseParameters(parameters) },
		input,
	});
}

describe('Case → Create', () => {
	test('opens a test case and returns it, sending a spec-conforming body with an idempotency key', async () => {
		const { items, error } = await create({ testTag: 'n8n-trial' });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const created = items[0].json;
		expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(created.reference).toMatch(/^[A-Z0-9]{8}$/);
		expect(created.isTestCase).toBe(true);
		expect(created.currency).toBe('DKK');
		expect(created.grossAmount).toBe(12500);
		expect(env.sandbox.getCase(String(created.id))?.isTestCase).toBe(true);

		const [request] = createRequests();
		expect(specViolations(request.body, CREATE_CASE_REQUEST)).toEqual([]);
		expect(request.body).toEqual({
			isTest: true,
			tag: 'n8n-trial',
			currencyCode: 'DKK',
			amountToRecover: 12500,
			date: '2026-09-01T00:00:00Z',
			debtor: {
				type: 'Company',
				name: 'Nordisk Byg ApS',
				countryAlpha2: 'DK',
				address: 'Vesterbrogade 12',
				city: 'København V',
			},
		});
		expect(request.headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(request.headers.xapikey).toBe(env.sandbox.apiKey);
	});

	test('sends every additional field in the form the spec requires', async () => {
		const { items, error } = await create({
			testMode: false,
			debtorCountry: 'US',
			debtorUsState: 'CA',
			debtorType: 'Private',
			currency: 'USD',
			amountToRecover: 9000,
			invoiceDate: '2025-01-15T00:00:00',
			additionalFields: {
				dueDate: '2025-02-14T00:00:00',
				creditorReference: 'INV-2025-0042',
				claimDescription: 'Consulting, January 2025',
				comments: 'Two reminders sent',
				debtorContactPerson: 'Jane Roe',
				debtorRegistrationNumber: '47-1234567',
				debtorZipCode: '94105',
				debtorEmail: 'jane@example.com',
				debtorPhone: '+1 415 555 0100',
				divisionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				collectionPartnerId: '6fa85f64-5717-4562-b3fc-2c963f66afa7',
				assignedUserEmail: 'owner@example.com',
				amountOver6Months: 9000,
				amountOver12Months: 5000,
				amountOver24Months: 1000,
				allowPendingContracts: true,
				returnUrl: 'https://example.com/signed',
			},
		});
		const [request] = createRequests();
		expect(specViolations(request.body, CREATE_CASE_REQUEST)).toEqual([]);
		expect(request.body).toMatchObject({
			isTest: false,
			currencyCode: 'USD',
			date: '2025-01-15T00:00:00Z',
			dueDate: '2025-02-14T00:00:00Z',
			creditorReference: 'INV-2025-0042',
			creditorDivisionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
			collectionPartnerId: '6fa85f64-5717-4562-b3fc-2c963f66afa7',
			amountToRecoverOver6Months: 9000,
			amountToRecoverOver12Months: 5000,
			amountToRecoverOver24Months: 1000,
			allowPendingContracts: true,
			returnUrl: 'https://example.com/signed',
			debtor: {
				type: 'Private',
				countryAlpha2: 'US',
				stateAlpha2: 'CA',
				zipCode: '94105',
				email: 'jane@example.com',
			},
		});
		expect(request.body).not.toHaveProperty('tag');
		// The sandbox is strict about what it accepts; whatever it answered, it answered to a valid body.
		expect([200, 422]).toContain(request.status);
		if (request.status === 200) expect(items[0].json.isTestCase).toBe(false);
		else expect(error?.message).toMatch(/Debitura could not create the case/);
	});

	test('maps fields from the previous node by expression, one case per item, outputs paired with inputs', async () => {
		const crm = [
			{
				invoice: 'INV-1',
				customer: 'Alpha GmbH',
				country: 'Germany',
				street: 'Hauptstr. 1',
				city: 'Berlin',
				total: '1200.50',
				issued: '2026-08-03',
				currency: 'eur',
			},
			{
				invoice: 'INV-2',
				customer: 'Beta Ltd',
				country: 'GB',
				street: '1 High St',
				city: 'Leeds',
				total: 800,
				issued: '2026-07-20T14:30:00+02:00',
				currency: 'GBP',
			},
		];
		const { items, error } = await create(
			{
				debtorName: '={{ $json.customer }}',
				debtorCountry: '={{ $json.country }}',
				debtorAddress: '={{ $json.street }}',
				debtorCity: '={{ $json.city }}',
				currency: '={{ $json.currency }}',
				amountToRecover: '={{ $json.total }}',
				invoiceDate: '={{ $json.issued }}',
				additionalFields: { creditorReference: '={{ $json.invoice }}' },
			},
			crm.map((json) => ({ json })),
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.creditorReference)).toEqual(['INV-1', 'INV-2']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const bodies = createRequests().map((request) => request.body as Record<string, any>);
		const byReference = Object.fromEntries(bodies.map((body) => [body.creditorReference, body]));
		expect(byReference['INV-1']).toMatchObject({
			currencyCode: 'EUR',
			amountToRecover: 1200.5,
			date: '2026-08-03T00:00:00Z',
			debtor: { countryAlpha2: 'DE' },
		});
		// A zoned time keeps its instant.
		expect(byReference['INV-2']).toMatchObject({
			currencyCode: 'GBP',
			date: '2026-07-20T12:30:00Z',
			debtor: { countryAlpha2: 'GB' },
		});
		for (const body of bodies) expect(specViolations(body, CREATE_CASE_REQUEST)).toEqual([]);
	});

	test.each([
		[
			{ currency: '={{ "EURO" }}' },
			/"Currency" must be a three-letter ISO 4217 currency code.*"EURO"/,
		],
		[
			{ debtorCountry: '={{ "Atlantis" }}' },
			/"Debtor Country" must be a two-letter ISO 3166-1 country code.*"Atlantis"/,
		],
		[{ debtorCountry: '={{ "US" }}' }, /"Debtor US State" is required/],
		[{ amountToRecover: 0 }, /"Amount to Recover" must be greater than 0/],
		[
			{ amountToRecover: '={{ "1.234,50" }}' },
			/"Amount to Recover" must be a number such as 1500 or 1500.50, with a dot as decimal separator \(got "1.234,50"\)/,
		],
		[{ invoiceDate: '2099-01-01T00:00:00' }, /"Invoice Date" cannot be in the future/],
		[{ invoiceDate: '={{ "yesterday-ish" }}' }, /"Invoice Date" must be a date/],
		[
			{ additionalFields: { dueDate: '2026-08-01T00:00:00' } },
			/"Due Date" cannot be earlier than "Invoice Date"/,
		],
		[
			{ additionalFields: { dueDate: '2099-08-01T00:00:00' } },
			/"Due Date" must be today or in the past/,
		],
		[
			{ additionalFields: { amountOver12Months: 100 } },
			/"Amount Over 12 Months" and "Amount Over 24 Months" must be given together/,
		],
		[
			{ additionalFields: { amountOver6Months: 100 } },
			/"Amount Over 6 Months" is only accepted together/,
		],
		[
			{ additionalFields: { amountOver12Months: 100, amountOver24Months: 200 } },
			/must not grow with age/,
		],
		[{ additionalFields: { divisionId: 'sales' } }, /"Division" must be a UUID/],
		[
			{ additionalFields: { creditorReference: 'x'.repeat(51) } },
			/"Creditor Reference" can be at most 50 characters/,
		],
		[
			{ additionalFields: { assignedUserEmail: 'not-an-email' } },
			/"Assigned User" must be an email address/,
		],
		[
			{ additionalFields: { returnUrl: 'example.com/done' } },
			/"Return URL" must be an absolute http\(s\) URL/,
		],
		[{ debtorName: '={{ $json.missing }}' }, /"Debtor Name" is required/],
	])('refuses %j before sending, naming the field and the item', async (parameters, message) => {
		const { error, items } = await create(parameters);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/\[item 0\]/);
		expect(createRequests()).toHaveLength(0);
	});

	test('US debtors: the state may come from Additional Fields when the country is an expression', async () => {
		const { error } = await create({
			debtorCountry: '={{ "United States" }}',
			additionalFields: { debtorState: 'California' },
		});
		expect(error).toBeUndefined();
		expect(createRequests()[0].body).toMatchObject({
			debtor: { countryAlpha2: 'US', stateAlpha2: 'CA' },
		});
		expect((createRequests()[0].body as any).debtor).not.toHaveProperty('state');
	});

	test('one refused item among many stops the run before any case is opened', async () => {
		// Routing sent every other item and failed afterwards, leaving cases the run's output never showed.
		const input = [{ total: 100 }, { total: 200 }, { total: -5 }, { total: 300 }].map((json) => ({
			json,
		}));
		const { items, error } = await create({ amountToRecover: '={{ $json.total }}' }, input);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/"Amount to Recover".*\[item 2\]/);
		expect(error?.description).toMatch(/Nothing was sent to Debitura/);
		expect(createRequests()).toHaveLength(0);
	});

	test("with Continue On Fail the error item says what was refused, in its JSON and as n8n's item error", async () => {
		const input = [{ total: -5 }].map((json) => ({ json }));
		const { items } = await runWorkflow({
			credentials: env.credentials,
			input,
			node: {
				parameters: createCaseParameters({ amountToRecover: '={{ $json.total }}' }),
				onError: 'continueRegularOutput',
			},
		});
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/"Amount to Recover".*\[item 0\]/);
		expect(items[0].error?.message).toBe(items[0].json.error);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('with Continue On Fail a bad item becomes an error item and the others are created', async () => {
		const input = [{ total: 100 }, { total: -5 }, { total: 300 }].map((json) => ({ json }));
		const { items, error } = await runWorkflow({
			credentials: env.credentials,
			input,
			node: {
				parameters: createCaseParameters({ amountToRecover: '={{ $json.total }}' }),
				onError: 'continueRegularOutput',
			},
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.grossAmount).toBe(100);
		expect(String(items[1].json.error ?? (items[1] as any).error?.message)).toMatch(
			/Amount to Recover.*\[item 1\]/,
		);
		expect(items[2].json.grossAmount).toBe(300);
		expect(createRequests()).toHaveLength(2);
	});
});
