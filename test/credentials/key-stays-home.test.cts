import { createCaseParameters, useSandbox } from '../harness/fixtures.cjs';
import { testCredential } from '../harness/credential-test.cjs';
import { runListSearch } from '../harness/list-search.cjs';
import { invoicePdf } from '../harness/pdf.cjs';
import { TriggerUnderTest } from '../harness/poll-trigger.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import { startKeyCatcher, type KeyCatcher } from './key-catcher.cjs';

/**
 * A redirect from the API host to another host must not take the key along. n8n's
 * HTTP client strips only Authorization and Cookie when it follows a redirect, so no Debitura
 * request may follow one. The redirect here points at another port on this machine, which records
 * whatever arrives.
 */
const env = useSandbox();
let catcher: KeyCatcher;
beforeAll(async () => {
	catcher = await startKeyCatcher();
});
beforeEach(() => catcher.requests.splice(0));
afterAll(async () => await catcher.close());

const stolen = () => `${catcher.url}/stolen`;
const redirect = (method: string, path: string, status = 302) =>
	env.sandbox.injectFault({ method, path, kind: 'redirect', status, location: stolen() });

const expectRedirectError = (
	error: { message: string; description?: string } | undefined,
	status: number,
) => {
	expect(error?.message).toBe(
		`The Base URL answered with a redirect (HTTP ${status}) to ${stolen()} instead of Debitura's API`,
	);
	expect(error?.description).toMatch(/Redirects are never followed/);
};

describe('no Debitura request follows a redirect', () => {
	test('credential test', async () => {
		redirect('GET', '/me');
		const result = await testCredential('debituraApi', env.credentials);
		expect(catcher.requests).toEqual([]);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The Base URL answered with a redirect \(HTTP 302\)/);
	});

	test('Get Status', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		redirect('GET', `/cases/${stored.id}`);
		const { error } = await runWorkflow({
			credentials: env.credentials,
			node: {
				parameters: {
					resource: 'case',
					operation: 'getStatus',
					case: { __rl: true, mode: 'id', value: stored.id },
				},
			},
		});
		expect(catcher.requests).toEqual([]);
		expectRedirectError(error, 302);
	});

	test('Create Case (a 307 would re-send the body and the key)', async () => {
		redirect('POST', '/cases', 307);
		const { error } = await runWorkflow({
			credentials: env.credentials,
			node: { parameters: createCaseParameters() },
		});
		expect(catcher.requests).toEqual([]);
		expectRedirectError(error, 307);
	});

	const uploadCase = (value: { mode: string; value: string }) =>
		runWorkflow({
			credentials: env.credentials,
			input: [
				{
					json: {},
					binary: {
						data: {
							base64: invoicePdf().toString('base64'),
							fileName: 'invoice.pdf',
							mimeType: 'application/pdf',
						},
					},
				},
			],
			node: {
				parameters: {
					resource: 'document',
					operation: 'upload',
					case: { __rl: true, ...value },
					binaryPropertyName: 'data',
				},
			},
		});

	test("Upload's look-up of a case reference", async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		redirect('GET', '/cases/case-reference/*');
		const { error } = await uploadCase({ mode: 'caseReference', value: String(stored.reference) });
		expect(catcher.requests).toEqual([]);
		expectRedirectError(error, 302);
	});

	test('Upload itself', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		redirect('POST', `/cases/${stored.id}/files`, 308);
		const { error } = await uploadCase({ mode: 'id', value: stored.id });
		expect(catcher.requests).toEqual([]);
		expectRedirectError(error, 308);
	});

	test('the case list search', async () => {
		redirect('GET', '/cases');
		await expect(
			runListSearch({ method: 'searchCases', credentials: env.credentials }),
		).rejects.toMatchObject({
			message: `The Base URL answered with a redirect (HTTP 302) to ${stolen()} instead of Debitura's API`,
		});
		expect(catcher.requests).toEqual([]);
	});

	test("the Payment Trigger's reads", async () => {
		redirect('GET', '/Payments');
		const trigger = await TriggerUnderTest.create({
			credentials: env.credentials,
			parameters: { event: 'created', cases: 'both' },
		});
		await expect(trigger.poll('manual')).rejects.toMatchObject({
			message: `The Base URL answered with a redirect (HTTP 302) to ${stolen()} instead of Debitura's API`,
		});
		expect(catcher.requests).toEqual([]);
	});
});
