import {
	call,
	daysAgo,
	daysFromNow,
	NAIVE_TIMESTAMP,
	UUID,
	useSandbox,
	validCaseBody,
	ZULU_TIMESTAMP,
} from './helpers.cjs';

describe('sandbox: POST /cases', () => {
	const sandbox = useSandbox();

	async function create(body: unknown, headers: Record<string, string> = {}) {
		return call(sandbox.get(), '/cases', { method: 'POST', body, headers });
	}

	describe('success', () => {
		it('returns 200 with an InvoiceDto, Z timestamps on write and zone-less ones on read', async () => {
			const body = validCaseBody({ isTest: true, tag: 'create-shape', comments: 'Called twice.' });
			const result = await create(body);
			expect(result.status).toBe(200);
			const created = result.json;
			expect(created.id).toMatch(UUID);
			expect(created.reference).toMatch(/^[A-Z0-9]{8}$/);
			expect(created.isTestCase).toBe(true);
			expect(created.lifecycle).toBe('Pending Verification Internal');
			expect(created.grossAmount).toBe(1234.56);
			expect(created.remainder).toBe(1234.56);
			expect(created.totalAddedFees).toBe(0);
			expect(created.currency).toBe('EUR');
			expect(created.creditorReference).toBe(body.creditorReference);
			expect(created.creditorComments).toBe('Called twice.');
			expect(created.dateCreated).toMatch(ZULU_TIMESTAMP);
			expect(created.date).toMatch(ZULU_TIMESTAMP);
			expect(created.date).toBe(new Date(body.date as string).toISOString());
			expect(created.dateUpdated).toBeNull();
			expect(created.debtor).toMatchObject({
				type: 'Company',
				name: 'Acme Handels GmbH',
				countryAlpha2: 'DE',
				country: 'Germany',
			});
			expect(created.debtor.id).toBeUndefined();
			expect(created.creditor.companyName).toBe('Nordlys Trading ApS');
			// Test cases are never routed to a partner.
			expect(created.collectionPartner).toBeNull();
			// InvoiceDto has no tag field even though the tag is stored.
			expect(created).not.toHaveProperty('tag');
			expect(created).not.toHaveProperty('status');

			const read = await call(sandbox.get(), `/cases/${created.id}`);
			expect(read.status).toBe(200);
			expect(read.json.dateCreated).toMatch(NAIVE_TIMESTAMP);
			expect(read.json.date).toMatch(NAIVE_TIMESTAMP);
			expect(`${read.json.dateCreated}Z`).toBe(created.dateCreated);
		});

		it('routes a live case to a partner for its country and normalises debtor input', async () => {
			const result = await create(
				validCaseBody(
					{ isTest: false },
					{
						type: 'company',
						countryAlpha2: undefined,
						country: 'United States',
						stateAlpha2: 'US-CA',
					},
				),
			);
			expect(result.status).toBe(200);
			expect(result.json.isTestCase).toBe(false);
			expect(result.json.debtor).toMatchObject({
				type: 'Company',
				countryAlpha2: 'US',
				country: 'United States',
				stateAlpha2: 'CA',
			});
			expect(result.json.collectionPartner.name).toBe('Liberty Recovery Partners LLC');
		});

		it('accepts a US state by full name and an offset timestamp', async () => {
			const result = await create(
				validCaseBody(
					{ date: '2024-03-01T09:00:00+02:00' },
					{ countryAlpha2: 'US', stateAlpha2: 'California' },
				),
			);
			expect(result.status).toBe(200);
			expect(result.json.debtor.stateAlpha2).toBe('CA');
			expect(result.json.date).toBe('2024-03-01T07:00:00.000Z');
		});
	});

	describe('400 field map', () => {
		it.each<[string, Record<string, unknown>, Record<string, unknown>, string, string]>([
			[
				'an unknown top-level field',
				{ colour: 'red' },
				{},
				'colour',
				'colour is not a known field',
			],
			[
				'an unknown debtor field',
				{},
				{ shoeSize: 43 },
				'debtor.shoeSize',
				'debtor.shoeSize is not a known field',
			],
			['a bad currency', { currencyCode: 'XYZ' }, {}, 'currencyCode', 'Invalid currency code: XYZ'],
			[
				'a missing currency',
				{ currencyCode: undefined },
				{},
				'currencyCode',
				'currencyCode is required',
			],
			[
				'a bad country',
				{},
				{ countryAlpha2: 'ZZ' },
				'debtor.countryAlpha2',
				'Invalid country code: ZZ',
			],
			[
				'a US debtor without a state',
				{},
				{ countryAlpha2: 'US' },
				'debtor.stateAlpha2',
				'A state code (stateAlpha2) is required for US debtors',
			],
			[
				'a US debtor with an unknown state',
				{},
				{ countryAlpha2: 'US', stateAlpha2: 'Atlantis' },
				'debtor.stateAlpha2',
				'Invalid US state: Atlantis',
			],
			['a bad debtor type', {}, { type: 'Person' }, 'debtor.type', 'Invalid debtor type'],
			['a blank debtor name', {}, { name: '  ' }, 'debtor.name', 'Debtor name is required'],
			[
				'a missing debtor address',
				{},
				{ address: undefined },
				'debtor.address',
				'Debtor address is required',
			],
			['a missing debtor', { debtor: null }, {}, 'debtor', 'Debtor information is required'],
			['a missing date', { date: undefined }, {}, 'date', 'date is required'],
			[
				'a zero amount',
				{ amountToRecover: 0 },
				{},
				'amountToRecover',
				'Case total must be a positive amount',
			],
			[
				'a negative amount',
				{ amountToRecover: -5 },
				{},
				'amountToRecover',
				'Case total must be a positive amount',
			],
			[
				'an amount sent as a string',
				{ amountToRecover: '100' },
				{},
				'amountToRecover',
				'amountToRecover must be a number',
			],
			['isTest sent as a string', { isTest: 'yes' }, {}, 'isTest', 'isTest must be true or false'],
			[
				'a future case date',
				{ date: daysFromNow(2), dueDate: undefined },
				{},
				'date',
				'Case date cannot be in the future',
			],
			[
				'a due date before the case date',
				{ date: daysAgo(10), dueDate: daysAgo(20) },
				{},
				'dueDate',
				'Due date cannot be earlier than the case date',
			],
			[
				'a due date in the future',
				{ dueDate: daysFromNow(3) },
				{},
				'dueDate',
				'Due date must be in the past',
			],
			[
				'a too-long creditorReference',
				{ creditorReference: 'R'.repeat(51) },
				{},
				'creditorReference',
				'creditorReference must be at most 50 characters',
			],
			['a too-long tag', { tag: 't'.repeat(101) }, {}, 'tag', 'tag must be at most 100 characters'],
			[
				'a too-long comment',
				{ comments: 'c'.repeat(4001) },
				{},
				'comments',
				'comments must be at most 4000 characters',
			],
			[
				'a malformed assigned user email',
				{ assignedUserEmail: 'not-an-email' },
				{},
				'assignedUserEmail',
				'assignedUserEmail is not a valid email address',
			],
			[
				'a division id that is not a uuid',
				{ creditorDivisionId: '12345' },
				{},
				'creditorDivisionId',
				'creditorDivisionId must be a valid UUID',
			],
			[
				'12-month bucket without the 24-month one',
				{ amountToRecoverOver12Months: 100 },
				{},
				'amountToRecoverOver24Months',
				'amountToRecoverOver12Months and amountToRecoverOver24Months must be given together',
			],
			[
				'6-month bucket alone',
				{ amountToRecoverOver6Months: 100 },
				{},
				'amountToRecoverOver6Months',
				'amountToRecoverOver6Months is only allowed together with amountToRecoverOver12Months and amountToRecoverOver24Months',
			],
			[
				'a bucket above the total',
				{ amountToRecover: 100, amountToRecoverOver12Months: 150, amountToRecoverOver24Months: 50 },
				{},
				'amountToRecoverOver12Months',
				'amountToRecoverOver12Months cannot exceed amountToRecover',
			],
			[
				'Over24 above Over12',
				{ amountToRecover: 100, amountToRecoverOver12Months: 40, amountToRecoverOver24Months: 60 },
				{},
				'amountToRecoverOver24Months',
				'amountToRecoverOver24Months cannot exceed amountToRecoverOver12Months',
			],
			[
				'Over12 above Over6',
				{
					amountToRecover: 100,
					amountToRecoverOver6Months: 30,
					amountToRecoverOver12Months: 40,
					amountToRecoverOver24Months: 10,
				},
				{},
				'amountToRecoverOver12Months',
				'amountToRecoverOver12Months cannot exceed amountToRecoverOver6Months',
			],
		])('rejects %s', async (_label, overrides, debtorOverrides, key, message) => {
			const result = await create(
				JSON.parse(JSON.stringify(validCaseBody(overrides, debtorOverrides))),
			);
			expect(result.status).toBe(400);
			expect(result.json[key]).toEqual([message]);
			// Only the broken field is reported.
			expect(Object.keys(result.json)).toEqual([key]);
		});

		it.each([
			['no zone', '2024-05-01T10:00:00'],
			['a bare date', '2024-05-01'],
		])('rejects a case date with %s', async (_label, date) => {
			const result = await create(validCaseBody({ date, dueDate: undefined }));
			expect(result.status).toBe(400);
			expect(result.json.date[0]).toMatch(/time zone/);
		});

		it('rejects an unparsable date', async () => {
			const result = await create(
				validCaseBody({ date: '2024-02-30T10:00:00Z', dueDate: undefined }),
			);
			expect(result.status).toBe(400);
			expect(result.json.date).toEqual(['date is not a valid ISO 8601 date-time']);
		});

		it('accepts a due date of today', async () => {
			const startOfToday = new Date();
			startOfToday.setUTCHours(0, 0, 0, 0);
			const result = await create(
				validCaseBody({
					date: daysAgo(30),
					dueDate: new Date(startOfToday.getTime() + 60_000).toISOString(),
				}),
			);
			expect(result.status).toBe(200);
		});

		it('rejects an Idempotency-Key longer than 255 characters', async () => {
			const result = await create(validCaseBody(), { 'Idempotency-Key': 'k'.repeat(256) });
			expect(result.status).toBe(400);
			expect(result.json).toEqual({
				'Idempotency-Key': ['Idempotency-Key must be at most 255 characters'],
			});
		});

		it('answers malformed JSON with ProblemDetails', async () => {
			const result = await call(sandbox.get(), '/cases', {
				method: 'POST',
				body: '{"currencyCode": ',
				headers: { 'Content-Type': 'application/json' },
			});
			expect(result.status).toBe(400);
			expect(result.json).toMatchObject({
				title: 'One or more validation errors occurred.',
				status: 400,
			});
			expect(result.json.errors.$[0]).toMatch(/not valid JSON/);
		});

		it('creates nothing on a 400', async () => {
			const before = sandbox.get().listCases().length;
			await create(validCaseBody({ currencyCode: 'XYZ' }));
			expect(sandbox.get().listCases()).toHaveLength(before);
		});
	});

	describe('422 business rules', () => {
		afterEach(() => sandbox.get().setContractsSigned(true));

		it('rejects a duplicate creditor reference', async () => {
			const body = validCaseBody();
			expect((await create(body)).status).toBe(200);
			const again = await create({ ...body, amountToRecover: 99 });
			expect(again.status).toBe(422);
			expect(again.json.businessErrors).toHaveLength(1);
			expect(again.json.businessErrors[0]).toMatchObject({
				type: 'DuplicateCreditorReference',
				solutionUrl: null,
			});
			expect(again.json.signingHandoff).toEqual({ combinedSigningUrl: null });
		});

		it.each(['KP', 'IR'])('answers NoPartnerAvailable for debtors in %s', async (country) => {
			const result = await create(validCaseBody({}, { countryAlpha2: country }));
			expect(result.status).toBe(422);
			expect(result.json.businessErrors.map((e: { type: string }) => e.type)).toEqual([
				'NoPartnerAvailable',
			]);
		});

		it('needs signed contracts for live cases, with a signing URL', async () => {
			sandbox.get().setContractsSigned(false);
			const result = await create(
				validCaseBody({ isTest: false, returnUrl: 'https://erp.example/done' }),
			);
			expect(result.status).toBe(422);
			expect(result.json.businessErrors.map((e: { type: string }) => e.type)).toEqual([
				'MissingDebtCollectionContract',
				'MissingPowerOfAttorney',
			]);
			const signingUrl: string = result.json.signingHandoff.combinedSigningUrl;
			expect(signingUrl.startsWith(`${sandbox.get().url}/__sandbox/signing?`)).toBe(true);
			expect(new URL(signingUrl).searchParams.get('returnUrl')).toBe('https://erp.example/done');
		});

		it('still accepts test cases while contracts are unsigned', async () => {
			sandbox.get().setContractsSigned(false);
			const result = await create(validCaseBody({ isTest: true }));
			expect(result.status).toBe(200);
			expect(result.json.lifecycle).toBe('Pending Verification Internal');
		});

		it('accepts a live case in "Pending contract signing" with allowPendingContracts', async () => {
			sandbox.get().setContractsSigned(false);
			const result = await create(validCaseBody({ isTest: false, allowPendingContracts: true }));
			expect(result.status).toBe(200);
			expect(result.json.lifecycle).toBe('Pending contract signing');
			expect(result.json.signingHandoff.combinedSigningUrl).toContain('/__sandbox/signing?');
			const filtered = await call(
				sandbox.get(),
				`/cases?Statuses=PendingContractSigning&Ids=${result.json.id}`,
			);
			expect(filtered.json.cases).toHaveLength(1);
		});
	});

	describe('Idempotency-Key', () => {
		it('replays the same status and body without creating a second case', async () => {
			const body = validCaseBody();
			const headers = { 'Idempotency-Key': `key-${Date.now()}` };
			const first = await create(body, headers);
			const casesAfterFirst = sandbox.get().listCases().length;
			// Same content, different key order: still the same body.
			const reordered = Object.fromEntries(Object.entries(body).reverse());
			const second = await create(reordered, headers);
			expect(first.status).toBe(200);
			expect(second.status).toBe(200);
			expect(second.text).toBe(first.text);
			expect(sandbox.get().listCases()).toHaveLength(casesAfterFirst);
		});

		it('replays a stored 422 even after the cause is gone', async () => {
			const sb = sandbox.get();
			const headers = { 'Idempotency-Key': `key-422-${Date.now()}` };
			const body = validCaseBody({ isTest: false });
			sb.setContractsSigned(false);
			const first = await create(body, headers);
			sb.setContractsSigned(true);
			const second = await create(body, headers);
			expect([first.status, second.status]).toEqual([422, 422]);
			expect(second.text).toBe(first.text);
			// Without the key the same body now succeeds.
			expect((await create(body)).status).toBe(200);
		});

		it('answers IdempotencyConflict when the key comes back with a different body', async () => {
			const headers = { 'Idempotency-Key': `key-conflict-${Date.now()}` };
			const body = validCaseBody();
			expect((await create(body, headers)).status).toBe(200);
			const conflict = await create({ ...body, amountToRecover: 1 }, headers);
			expect(conflict.status).toBe(422);
			expect(conflict.json.businessErrors[0].type).toBe('IdempotencyConflict');
		});

		it('does not remember a 400, so the fixed body goes through with the same key', async () => {
			const headers = { 'Idempotency-Key': `key-400-${Date.now()}` };
			const body = validCaseBody();
			const broken = await create({ ...body, currencyCode: 'XYZ' }, headers);
			expect(broken.status).toBe(400);
			const fixed = await create(body, headers);
			expect(fixed.status).toBe(200);
			expect(fixed.json.creditorReference).toBe(body.creditorReference);
		});
	});
});
