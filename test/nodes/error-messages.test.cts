import {
	describeApiError,
	describeWait,
	retryAfterMs,
	wouldBeRewritten,
} from '../../nodes/common/errors';
import { createCaseParameters, useSandbox } from '../harness/fixtures.cjs';
import { invoicePdf } from '../harness/pdf.cjs';
import { TriggerUnderTest } from '../harness/poll-trigger.cjs';
import { runWorkflow, type InputItem } from '../harness/run-workflow.cjs';

/**
 * Debitura answers errors in four shapes (notes §4); each must become a message naming what went
 * wrong. A pure function, so it is tested directly; the routes to it run through n8n in the other
 * node tests.
 */
describe('describeApiError', () => {
	const labels = { currencyCode: 'Currency', 'debtor.countryAlpha2': 'Debtor Country' };

	test('a bare field map names the n8n parameters', () => {
		const { message } = describeApiError(
			400,
			{
				currencyCode: ['Invalid currency code: XYZ'],
				'debtor.countryAlpha2': ['Invalid country code: ZZ'],
			},
			{ action: 'create the case', fieldLabels: labels },
		);
		expect(message).toBe(
			'Debitura could not create the case: "Currency": Invalid currency code: XYZ; "Debtor Country": Invalid country code: ZZ',
		);
	});

	test('ASP.NET ValidationProblemDetails with PascalCase paths', () => {
		const { message } = describeApiError(
			400,
			{
				type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
				title: 'One or more validation errors occurred.',
				status: 400,
				errors: { 'Debtor.CountryAlpha2': ['Required'] },
			},
			{ action: 'create the case', fieldLabels: labels },
		);
		expect(message).toBe('Debitura could not create the case: "Debtor Country": Required');
	});

	test('businessErrors[] wins over the legacy error/message pair', () => {
		const { message } = describeApiError(
			400,
			{
				error: 'Bad',
				message: 'Legacy text',
				businessErrors: [
					{ type: 'InvalidPagination', message: 'PageSize must be at most 100', solutionUrl: null },
				],
			},
			{ action: 'list payments' },
		);
		expect(message).toBe('Debitura could not list payments: PageSize must be at most 100');
	});

	test('legacy error/message alone', () => {
		expect(
			describeApiError(
				400,
				{ error: 'BadRequest', message: 'Page must be positive.' },
				{ action: 'list payments' },
			).message,
		).toBe('Debitura could not list payments: Page must be positive.');
	});

	test('ProblemDetails detail', () => {
		expect(
			describeApiError(
				500,
				{ title: 'Server error', detail: 'Timeout talking to core' },
				{ action: 'get the case' },
			).message,
		).toBe(
			'Debitura had a server error while trying to get the case (HTTP 500): Timeout talking to core',
		);
	});

	test('422 business errors list each solution URL and lead with the signing link', () => {
		const described = describeApiError(
			422,
			{
				businessErrors: [
					{
						type: 'MissingDebtCollectionContract',
						message: 'Sign the debt collection contract.',
						solutionUrl: 'https://app.example/sign/dca',
					},
					{
						type: 'MissingPowerOfAttorney',
						message: 'Sign the power of attorney.',
						solutionUrl: 'https://app.example/sign/poa',
					},
				],
				signingHandoff: { combinedSigningUrl: 'https://app.example/sign/all' },
			},
			{ action: 'create the case' },
		);
		expect(described.message).toBe(
			'Debitura could not create the case: Sign the debt collection contract. Sign the power of attorney.',
		);
		expect(described.description.split('\n')).toEqual([
			'Sign the missing documents in one go: https://app.example/sign/all',
			'Sign the debt collection contract. Resolve it here: https://app.example/sign/dca',
			'Sign the power of attorney. Resolve it here: https://app.example/sign/poa',
			'Or turn on Additional Fields → "Allow Pending Contracts": the case is then opened now and waits in "Pending contract signing" until the documents are signed.',
		]);
	});

	test('an empty 401 body still reads as a key problem', () => {
		expect(describeApiError(401, '', { action: 'get the case' }).message).toBe(
			'Debitura rejected the API key',
		);
	});
});

describe('pure parts of the wording', () => {
	test("a message n8n would turn into a file-system error keeps Debitura's text in the description", () => {
		const described = describeApiError(
			400,
			{ creditorReference: ['PREEXISTING-42 is already used'] },
			{ action: 'create the case', fieldLabels: { creditorReference: 'Creditor Reference' } },
		);
		expect(wouldBeRewritten(described.message)).toBe(false);
		expect(described.message).toBe('Debitura answered HTTP 400 while trying to create the case');
		expect(described.description).toContain('"Creditor Reference": PREEXISTING-42 is already used');
	});

	test('Retry-After in seconds, as an HTTP date, or absent', () => {
		const now = Date.parse('2026-12-01T12:00:00Z');
		expect(retryAfterMs({ retryAfter: 1800 }, {}, now)).toBe(1_800_000);
		expect(retryAfterMs({}, { 'retry-after': '120' }, now)).toBe(120_000);
		expect(retryAfterMs({}, { 'retry-after': 'Tue, 01 Dec 2026 12:30:00 GMT' }, now)).toBe(
			1_800_000,
		);
		expect(retryAfterMs({}, { 'retry-after': 'Tue, 01 Dec 2026 11:00:00 GMT' }, now)).toBe(0);
		expect(retryAfterMs({}, {}, now)).toBeUndefined();
		expect(describeWait(1_800_000)).toBe('30 minutes');
		expect(describeWait(45_000)).toBe('45 seconds');
		expect(describeWait(3 * 3_600_000)).toBe('3 hours');
	});
});

describe('error texts through the engine', () => {
	const env = useSandbox();
	const getStatus = async (
		caseValue: { mode: string; value: string },
		credentials = env.credentials,
	) =>
		await runWorkflow({
			credentials,
			node: {
				parameters: {
					resource: 'case',
					operation: 'getStatus',
					case: { __rl: true, ...caseValue },
				},
			},
		});
	const pdfItem = (caseId = ''): InputItem => ({
		json: { caseId },
		binary: {
			data: {
				base64: invoicePdf().toString('base64'),
				fileName: 'invoice.pdf',
				mimeType: 'application/pdf',
			},
		},
	});
	const upload = async (
		input: InputItem[],
		caseValue: { mode: string; value: string },
		settings: { retryOnFail?: boolean; maxTries?: number; waitBetweenTries?: number } = {},
	) =>
		await runWorkflow({
			credentials: env.credentials,
			input,
			node: {
				...settings,
				parameters: {
					resource: 'document',
					operation: 'upload',
					case: { __rl: true, ...caseValue },
					binaryPropertyName: 'data',
				},
			},
		});
	const storedUploads = () =>
		env.sandbox.requests.filter(
			(request) =>
				request.method === 'POST' &&
				request.path.endsWith('/files') &&
				request.status >= 200 &&
				request.status < 300,
		);

	describe("a 2xx that is not Debitura's JSON", () => {
		test("Get Status refuses a proxy's HTML page instead of emitting it as characters", async () => {
			const stored = env.sandbox.createCase({ isTest: true });
			env.sandbox.injectFault({ method: 'GET', path: `/cases/${stored.id}`, kind: 'html' });
			const { error, items } = await getStatus({ mode: 'id', value: stored.id });
			expect(items).toEqual([]);
			expect(error?.message).toBe(
				"The Base URL did not answer like Debitura's API while trying to get the case",
			);
			expect(error?.description).toMatch(/"text\/html"/);
		});

		test('Create Case and the Payment Trigger refuse it too', async () => {
			env.sandbox.injectFault({ method: 'POST', path: '/cases', kind: 'html' });
			const { error } = await runWorkflow({
				credentials: env.credentials,
				node: { parameters: createCaseParameters() },
			});
			expect(error?.message).toBe(
				"The Base URL did not answer like Debitura's API while trying to create the case",
			);
			env.sandbox.injectFault({ method: 'GET', path: '/Payments', kind: 'html' });
			const trigger = await TriggerUnderTest.create({
				credentials: env.credentials,
				parameters: { event: 'created', cases: 'both' },
			});
			await expect(trigger.poll('manual')).rejects.toMatchObject({
				message: "The Base URL did not answer like Debitura's API while trying to list payments",
			});
		});
	});

	describe('what a retry does, per operation', () => {
		test('Create Case: safe, because of the idempotency key', async () => {
			env.sandbox.injectFault({
				method: 'POST',
				path: '/cases',
				kind: 'server-error',
				status: 502,
			});
			const { error } = await runWorkflow({
				credentials: env.credentials,
				node: { parameters: createCaseParameters() },
			});
			expect(error?.message).toMatch(
				/^Debitura had a server error while trying to create the case \(HTTP 502\)/,
			);
			expect(error?.description).toMatch(
				/Retrying is safe: the request carries an idempotency key/,
			);
		});

		test('Get Status: safe, reading changes nothing', async () => {
			const stored = env.sandbox.createCase({ isTest: true });
			env.sandbox.injectFault({
				method: 'GET',
				path: `/cases/${stored.id}`,
				kind: 'server-error',
				status: 503,
			});
			const { error } = await getStatus({ mode: 'id', value: stored.id });
			expect(error?.description).toMatch(/Retrying is safe: reading changes nothing/);
		});

		test('Upload: Retry On Fail stores each file once, since the node retries the item itself', async () => {
			const stored = env.sandbox.createCase({ isTest: true });
			env.sandbox.injectFault({
				method: 'POST',
				path: `/cases/${stored.id}/files`,
				kind: 'server-error',
				status: 502,
				skip: 1,
			});
			const named = (fileName: string): InputItem => ({
				json: {},
				binary: { data: { ...pdfItem().binary!.data, fileName } },
			});
			const { error } = await upload(
				[named('a.pdf'), named('b.pdf'), named('c.pdf')],
				{ mode: 'id', value: stored.id },
				{ retryOnFail: true, maxTries: 2, waitBetweenTries: 10 },
			);
			expect(error).toBeUndefined();
			expect(storedUploads()).toHaveLength(3);
		});

		test('Upload: a 5xx that lasts says no file was stored twice, and that running again skips what went through', async () => {
			const stored = env.sandbox.createCase({ isTest: true });
			env.sandbox.injectFault({
				method: 'POST',
				path: `/cases/${stored.id}/files`,
				kind: 'server-error',
				status: 502,
				count: 3,
			});
			const { error } = await upload([pdfItem()], { mode: 'id', value: stored.id });
			expect(storedUploads()).toHaveLength(0);
			expect(error?.message).toMatch(
				/^Debitura had a server error while trying to upload the document \(HTTP 502\)/,
			);
			expect(error?.description).toMatch(/the node tried 3 times/);
			expect(error?.description).toMatch(/No file was stored twice/);
			expect(error?.description).toMatch(/"Skip If Already on Case" is on/);
			expect(error?.description).not.toMatch(/Retry On Fail|Retrying is safe/);
		});
	});

	describe('texts that must not mislead', () => {
		test('a 404 on Create Case talks about the address, not a case identifier', async () => {
			const { error } = await runWorkflow({
				credentials: { ...env.credentials, baseUrl: `${env.sandbox.url}/v1` },
				node: { parameters: createCaseParameters() },
			});
			expect(env.sandbox.requests[0]).toMatchObject({
				method: 'POST',
				path: '/v1/cases',
				status: 404,
			});
			expect(error?.message).toBe(
				'Debitura answered "not found" (HTTP 404) when trying to create the case',
			);
			expect(`${error?.message} ${error?.description}`).not.toMatch(
				/case identifier|case ID|no case with/i,
			);
			expect(error?.description).toMatch(/Check the "Debitura API" credential's Base URL/);
		});

		test("an upload's 404 after a successful look-up does not say the reference is unknown", async () => {
			const stored = env.sandbox.createCase({ isTest: true });
			env.sandbox.injectFault({
				method: 'POST',
				path: `/cases/${stored.id}/files`,
				kind: 'not-found',
			});
			const { error } = await upload([pdfItem()], {
				mode: 'caseReference',
				value: stored.reference ?? '',
			});
			expect(error?.message).toBe(
				'Debitura found the case but answered "not found" when trying to upload the document',
			);
			expect(error?.description).toContain(
				`case reference "${stored.reference}" (ID ${stored.id})`,
			);
			expect(error?.message).not.toMatch(/has no case/);
		});

		test('a long retryAfter is shown, and not waited out', async () => {
			const stored = env.sandbox.createCase({ isTest: true });
			env.sandbox.injectFault({
				method: 'GET',
				path: `/cases/${stored.id}`,
				kind: 'rate-limit',
				retryAfter: 1800,
			});
			const { error } = await getStatus({ mode: 'id', value: stored.id });
			expect(env.sandbox.requests).toHaveLength(1);
			expect(error?.message).toBe(
				"Debitura's rate limit was reached; Debitura asks to wait 30 minutes",
			);
			expect(error?.description).toMatch(/an hourly or daily quota is used up/);
		});

		test('an HTTP-date Retry-After is honoured', async () => {
			const stored = env.sandbox.createCase({ isTest: true });
			const inHalfAnHour = new Date(Date.now() + 1_800_000).toUTCString();
			env.sandbox.injectFault({
				method: 'GET',
				path: `/cases/${stored.id}`,
				kind: 'rate-limit',
				retryAfterHeader: inHalfAnHour,
				count: 5,
			});
			const { error } = await getStatus({ mode: 'id', value: stored.id });
			expect(env.sandbox.requests).toHaveLength(1);
			expect(error?.message).toMatch(
				/^Debitura's rate limit was reached; Debitura asks to wait (29|30) minutes$/,
			);
		});

		test('a 422 for missing contracts mentions Allow Pending Contracts', async () => {
			env.sandbox.setContractsSigned(false);
			const { error } = await runWorkflow({
				credentials: env.credentials,
				node: { parameters: createCaseParameters({ testMode: false }) },
			});
			env.sandbox.setContractsSigned(true);
			expect(error?.httpCode).toBe('422');
			expect(error?.description).toMatch(/Additional Fields → "Allow Pending Contracts"/);
		});

		test('a user\'s identifier goes into the description, where n8n does not rewrite "EEXIST"', async () => {
			const { error } = await getStatus({ mode: 'creditorReference', value: 'PREEXISTING-42' });
			expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
			expect(error?.description).toMatch(/^No case has creditor reference "PREEXISTING-42"\./);
		});
	});
});
