/**
 * Values that reach Create Case by expression (a CRM's JSON) are either sent exactly as meant or
 * refused with an error naming the field and the item — never silently changed on the way.
 */
import { CREATE_CASE_REQUEST, specViolations } from '../harness/spec-conformance.cjs';
import { createCaseParameters, useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();

const createRequests = () =>
	env.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/cases');

/** Runs Create Case on one CRM record, with `parameters` reading it by expression. */
async function createFrom(record: Record<string, unknown>, parameters: Record<string, unknown>) {
	return await runWorkflow({
		credentials: env.credentials,
		input: [{ json: record }],
		node: { parameters: createCaseParameters(parameters) },
	});
}

/** The body sent for one record; fails the test when the node refused it. */
async function sentBody(record: Record<string, unknown>, parameters: Record<string, unknown>) {
	const { error } = await createFrom(record, parameters);
	expect(error).toBeUndefined();
	const [request] = createRequests();
	expect(specViolations(request.body, CREATE_CASE_REQUEST)).toEqual([]);
	return request.body as Record<string, any>;
}

async function expectRefused(
	record: Record<string, unknown>,
	parameters: Record<string, unknown>,
	message: RegExp,
) {
	const { error, items } = await createFrom(record, parameters);
	expect(items).toEqual([]);
	expect(error?.message).toMatch(message);
	expect(error?.message).toMatch(/ \[item 0\]$/);
	expect(createRequests()).toHaveLength(0);
}

const amountFromCrm = { amountToRecover: '={{ $json.total }}' };

describe('Create Case amounts', () => {
	test.each([
		[1.005, 1.01],
		['1.005', 1.01],
		[0.005, 0.01],
		[2.675, 2.68],
		[1234.5, 1234.5],
		['19.999', 20],
		[1_000_000_000_000, 1_000_000_000_000],
	])('%j is rounded to cents as a person would: %j', async (total, sent) => {
		const body = await sentBody({ total }, amountFromCrm);
		expect(body.amountToRecover).toBe(sent);
	});

	test.each([0.004, '0.004', 0.0000001, -0.001])(
		'%j rounds to 0.00 and is refused',
		async (total) => {
			await expectRefused(
				{ total },
				amountFromCrm,
				/^"Amount to Recover" must be greater than 0 after rounding to cents \(got "?[-0-9.e]+"?\)/,
			);
		},
	);

	test.each([1e307, 1_000_000_000_000.01, '99999999999999999999'])(
		'%j is above the maximum and refused',
		async (total) => {
			await expectRefused(
				{ total },
				amountFromCrm,
				/^"Amount to Recover" can be at most 1,000,000,000,000/,
			);
		},
	);

	test('age amounts are rounded the same way before their rules are checked', async () => {
		const body = await sentBody(
			{ total: 10, over12: 2.675, over24: '1.005' },
			{
				...amountFromCrm,
				additionalFields: {
					amountOver12Months: '={{ $json.over12 }}',
					amountOver24Months: '={{ $json.over24 }}',
				},
			},
		);
		expect(body).toMatchObject({
			amountToRecover: 10,
			amountToRecoverOver12Months: 2.68,
			amountToRecoverOver24Months: 1.01,
		});
	});
});

describe('Create Case refuses objects and lists where one value belongs', () => {
	test.each([
		['Debtor Name', { debtorName: '={{ $json.value }}' }, { first: 'Jane', last: 'Roe' }],
		['Debtor Name', { debtorName: '={{ $json.value }}' }, ['a', 'b']],
		['Debtor City', { debtorCity: '={{ $json.value }}' }, ['Berlin']],
		['Amount to Recover', { amountToRecover: '={{ $json.value }}' }, [5]],
		['Amount to Recover', { amountToRecover: '={{ $json.value }}' }, { amount: 5 }],
		['Invoice Date', { invoiceDate: '={{ $json.value }}' }, ['2026-01-05']],
		['Currency', { currency: '={{ $json.value }}' }, ['EUR']],
		['Debtor Country', { debtorCountry: '={{ $json.value }}' }, ['DE']],
		[
			'Creditor Reference',
			{ additionalFields: { creditorReference: '={{ $json.value }}' } },
			{ id: 'INV-1' },
		],
		[
			'Debtor Email',
			{ additionalFields: { debtorEmail: '={{ $json.value }}' } },
			['a@example.com', 'b@example.com'],
		],
		[
			'Amount Over 12 Months',
			{ additionalFields: { amountOver12Months: '={{ $json.value }}', amountOver24Months: 1 } },
			[0],
		],
		[
			'Idempotency Key',
			{ additionalFields: { idempotencyKey: '={{ $json.value }}' } },
			{ invoice: 42 },
		],
	])('%s given %j', async (label, parameters, value) => {
		const kind = Array.isArray(value) ? 'a list' : 'an object';
		await expectRefused(
			{ value },
			parameters,
			new RegExp(`^"${label}" must be a single value, not ${kind} \\(got .+\\)`),
		);
	});
});

describe('Create Case dates', () => {
	test.each([
		[20251231, '2025-12-31T00:00:00Z'],
		['20251231', '2025-12-31T00:00:00Z'],
		['2000-01-01', '2000-01-01T00:00:00Z'],
		[1767225600, '2026-01-01T00:00:00Z'],
	])('%j is read as %s', async (issued, date) => {
		const body = await sentBody({ issued }, { invoiceDate: '={{ $json.issued }}' });
		expect(body.date).toBe(date);
	});

	test.each([0, '0001-01-01', '1999-12-31', -1, 946684799])(
		'%j is before 2000 and refused',
		async (issued) => {
			await expectRefused(
				{ issued },
				{ invoiceDate: '={{ $json.issued }}' },
				/^"Invoice Date" must be on or after 2000-01-01 \(got .+\)/,
			);
		},
	);

	test.each([20251399, 20250230, '20251399'])(
		'%j looks like yyyymmdd but is no date, and is refused',
		async (issued) => {
			await expectRefused(
				{ issued },
				{ invoiceDate: '={{ $json.issued }}' },
				/^"Invoice Date" must be a date/,
			);
		},
	);

	test('the due date has the same lower bound', async () => {
		await expectRefused(
			{ due: '1999-01-01' },
			{ additionalFields: { dueDate: '={{ $json.due }}' } },
			/^"Due Date" must be on or after 2000-01-01/,
		);
	});
});

describe('Create Case idempotency keys reach Debitura unchanged', () => {
	const keyFromCrm = { additionalFields: { idempotencyKey: '={{ $json.key }}' } };
	const sentKeys = () =>
		createRequests().map((request) => String(request.headers['idempotency-key']));

	test('printable ASCII is sent as given', async () => {
		await createFrom({ key: 'INV 2026/00789 #a~' }, keyFromCrm);
		expect(sentKeys()).toEqual(['INV 2026/00789 #a~']);
	});

	test('any other character makes the whole key a hash, so different keys never collide', async () => {
		// Without hashing, the emoji and the umlaut are lost or mangled on the way into the header.
		for (const key of ['INV-😀-ü', 'INV--ü', 'INV-ü', 'INV-\u0007-1', 'INV--1']) {
			await createFrom({ key }, keyFromCrm);
		}
		const keys = sentKeys();
		expect(keys).toHaveLength(5);
		expect(new Set(keys).size).toBe(5);
		for (const key of keys) expect(key).toMatch(/^[\x21-\x7e][\x20-\x7e]*$/);
		expect(keys.slice(0, 4)).toEqual(
			keys.slice(0, 4).map(() => expect.stringMatching(/^n8n-key-[0-9a-f]{64}$/)),
		);
		expect(keys[4]).toBe('INV--1');
	});

	test('a hashed key is the same every time, so retries and re-runs still replay', async () => {
		await createFrom({ key: 'Faktura-Ø-17' }, keyFromCrm);
		await createFrom({ key: 'Faktura-Ø-17' }, keyFromCrm);
		const keys = sentKeys();
		expect(keys[0]).toBe(keys[1]);
		expect(env.sandbox.listCases()).toHaveLength(1);
	});

	test('a long non-ASCII key is hashed, never truncated', async () => {
		await createFrom({ key: `${'ü'.repeat(300)}` }, keyFromCrm);
		expect(sentKeys()[0]).toMatch(/^n8n-key-[0-9a-f]{64}$/);
	});
});

describe('Create Case text fields', () => {
	test('control characters are stripped; line breaks become spaces in one-line fields and stay in multi-line ones', async () => {
		const body = await sentBody(
			{
				name: 'Acme\u0000 Corp\u0007',
				street: 'Hauptstr. 1\r\nHinterhaus',
				comment: 'Line one\r\nLine two\u001b[31m\ttabbed',
			},
			{
				debtorName: '={{ $json.name }}',
				debtorAddress: '={{ $json.street }}',
				additionalFields: { comments: '={{ $json.comment }}' },
			},
		);
		expect(body.debtor.name).toBe('Acme Corp');
		expect(body.debtor.address).toBe('Hauptstr. 1 Hinterhaus');
		expect(body.comments).toBe('Line one\nLine two[31m\ttabbed');
	});

	test.each([
		['Debtor Name', { debtorName: '={{ $json.value }}' }, '\u200b\u200b'],
		['Debtor Name', { debtorName: '={{ $json.value }}' }, '\u0000\u0001'],
		['Debtor Name', { debtorName: '={{ $json.value }}' }, ' \ufeff\u2060 '],
		['Debtor Address', { debtorAddress: '={{ $json.value }}' }, '\u200d'],
		['Debtor City', { debtorCity: '={{ $json.value }}' }, '\u00a0\u200c'],
	])(
		'"%s" that is blank once invisible characters are removed is refused',
		async (label, parameters, value) => {
			await expectRefused({ value }, parameters, new RegExp(`^"${label}" is required`));
		},
	);

	test('a name with a zero-width joiner inside keeps it', async () => {
		const body = await sentBody(
			{ name: '\u200bمی\u200cخواهم\u200b' },
			{ debtorName: '={{ $json.name }}' },
		);
		expect(body.debtor.name).toBe('می\u200cخواهم');
	});

	test.each([
		['Debtor Name', 200, { debtorName: '={{ $json.value }}' }],
		['Debtor Address', 200, { debtorAddress: '={{ $json.value }}' }],
		['Debtor City', 200, { debtorCity: '={{ $json.value }}' }],
		[
			'Debtor Contact Person',
			200,
			{ additionalFields: { debtorContactPerson: '={{ $json.value }}' } },
		],
		[
			'Debtor Registration Number',
			100,
			{ additionalFields: { debtorRegistrationNumber: '={{ $json.value }}' } },
		],
		['Debtor ZIP Code', 20, { additionalFields: { debtorZipCode: '={{ $json.value }}' } }],
		['Debtor State / Region', 200, { additionalFields: { debtorState: '={{ $json.value }}' } }],
		['Debtor Email', 320, { additionalFields: { debtorEmail: '={{ $json.value }}' } }],
		['Debtor Phone', 50, { additionalFields: { debtorPhone: '={{ $json.value }}' } }],
		['Comments', 4000, { additionalFields: { comments: '={{ $json.value }}' } }],
		['Claim Description', 4000, { additionalFields: { claimDescription: '={{ $json.value }}' } }],
		['Test Tag', 100, { testTag: '={{ $json.value }}' }],
	])(
		'"%s" is capped at %d characters, counted after cleaning',
		async (label, limit, parameters) => {
			const longest = `\u0000${'x'.repeat(limit)}\u200b`;
			const { error } = await createFrom({ value: longest }, parameters);
			expect(error?.message ?? '').not.toMatch(/characters/);
			env.sandbox.reset();
			await expectRefused(
				{ value: `${longest}y` },
				parameters,
				new RegExp(
					`^"${label.replace('/', '\\/')}" can be at most ${limit} characters \\(got ${limit + 2}\\)`,
				),
			);
		},
	);
});
