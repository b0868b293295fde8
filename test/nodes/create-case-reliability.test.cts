import { createCaseParameters, useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

/** Retries, re-runs and rate limits must never open a second case or lose one. */
const env = useSandbox();

const createRequests = () =>
	env.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/cases');
const run = async (
	options: Partial<Parameters<typeof runWorkflow>[0]['node']> & {
		parameters?: Record<string, unknown>;
	} = {},
	executionId?: string,
) =>
	await runWorkflow({
		credentials: env.credentials,
		executionId,
		node: { ...options, parameters: createCaseParameters(options.parameters ?? {}) },
	});

describe('Create Case idempotency', () => {
	test('Retry On Fail after a lost response replays the case instead of opening a second one', async () => {
		// Debitura creates the case, then the connection drops before the answer arrives.
		env.sandbox.injectFault({ method: 'POST', path: '/cases', kind: 'drop-response' });
		const { items, error } = await run({ retryOnFail: true, maxTries: 3, waitBetweenTries: 10 });
		expect(error).toBeUndefined();
		expect(env.sandbox.listCases()).toHaveLength(1);
		expect(items[0].json.id).toBe(env.sandbox.listCases()[0].id);
		const keys = createRequests().map((request) => request.headers['idempotency-key']);
		expect(keys).toHaveLength(2);
		expect(new Set(keys).size).toBe(1);
	});

	test('Retry On Fail after a server error creates exactly one case', async () => {
		env.sandbox.injectFault({ method: 'POST', path: '/cases', kind: 'server-error', status: 503 });
		const { error } = await run({ retryOnFail: true, maxTries: 2, waitBetweenTries: 10 });
		expect(error).toBeUndefined();
		expect(env.sandbox.listCases()).toHaveLength(1);
	});

	test('re-running the same execution, or sending the same invoice again, returns the first case', async () => {
		const first = await run({}, 'execution-1');
		const rerun = await run({}, 'execution-1');
		const again = await run({}, 'execution-2');
		expect(env.sandbox.listCases()).toHaveLength(1);
		expect(rerun.items[0].json.id).toBe(first.items[0].json.id);
		expect(again.items[0].json.id).toBe(first.items[0].json.id);
	});

	test('different invoices get different keys; test and live never share one', async () => {
		await run({ parameters: { amountToRecover: 100 } });
		await run({ parameters: { amountToRecover: 200 } });
		await run({ parameters: { amountToRecover: 100, testMode: false } });
		const keys = createRequests().map((request) => request.headers['idempotency-key']);
		expect(new Set(keys).size).toBe(3);
	});

	test("a key of the user's own, reused for different case data, fails with a clear conflict", async () => {
		await run({ parameters: { additionalFields: { idempotencyKey: 'invoice-42' } } });
		const { error } = await run({
			parameters: { amountToRecover: 999, additionalFields: { idempotencyKey: 'invoice-42' } },
		});
		expect(createRequests().map((request) => request.headers['idempotency-key'])).toEqual([
			'invoice-42',
			'invoice-42',
		]);
		expect(error?.message).toMatch(/idempotency key was already used for a different request/);
		expect(error?.description).toMatch(/Leave "Idempotency Key" empty/);
		expect(env.sandbox.listCases()).toHaveLength(1);
	});
});

describe('Create Case rate limits and server errors', () => {
	test('waits the retryAfter Debitura asks for, then succeeds', async () => {
		env.sandbox.injectFault({
			method: 'POST',
			path: '/cases',
			kind: 'rate-limit',
			retryAfter: 0.3,
			count: 2,
		});
		const started = Date.now();
		const { items, error } = await run();
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBeDefined();
		expect(createRequests().map((request) => request.status)).toEqual([429, 429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(600);
		expect(env.sandbox.listCases()).toHaveLength(1);
	});

	test('gives up after three waits with an error that explains the limits', async () => {
		env.sandbox.injectFault({
			method: 'POST',
			path: '/cases',
			kind: 'rate-limit',
			retryAfter: 0.05,
			count: 10,
		});
		const { error } = await run();
		expect(createRequests()).toHaveLength(4);
		expect(error?.message).toBe("Debitura's rate limit was reached (waited and retried 3 times)");
		expect(error?.description).toMatch(/2,000 requests a minute/);
	});

	test('does not sleep through an hourly limit: a long retryAfter fails at once', async () => {
		env.sandbox.injectFault({
			method: 'POST',
			path: '/cases',
			kind: 'rate-limit',
			retryAfter: 3600,
		});
		const { error } = await run();
		expect(createRequests()).toHaveLength(1);
		expect(error?.message).toMatch(/rate limit was reached/);
	});

	test('a 5xx explains that retrying is safe', async () => {
		env.sandbox.injectFault({ method: 'POST', path: '/cases', kind: 'server-error', status: 500 });
		const { error } = await run();
		expect(error?.message).toMatch(
			/Debitura had a server error while trying to create the case \(HTTP 500\)/,
		);
		expect(error?.description).toMatch(/Retry On Fail/);
		expect(error?.description).toMatch(/idempotency key/);
	});
});

describe('Create Case business and auth errors', () => {
	test('a wrong API key says to check the credential, and the key appears nowhere', async () => {
		const { error, run: execution } = await runWorkflow({
			credentials: { ...env.credentials, apiKey: 'wrong-secret-key-123' },
			node: { parameters: createCaseParameters() },
		});
		expect(error?.message).toBe('Debitura rejected the API key');
		expect(error?.description).toMatch(/"Debitura API" credential/);
		expect(JSON.stringify(execution)).not.toContain('wrong-secret-key-123');
	});

	test('a duplicate creditor reference is a 422 whose message says so', async () => {
		await run({ parameters: { additionalFields: { creditorReference: 'INV-7' } } });
		const { error } = await run({
			parameters: { amountToRecover: 1, additionalFields: { creditorReference: 'INV-7' } },
		});
		expect(error?.httpCode).toBe('422');
		expect(error?.message).toMatch(/Debitura could not create the case: .*INV-7|reference/i);
	});

	test('missing contracts: the description carries the signing link', async () => {
		env.sandbox.setContractsSigned(false);
		const { error } = await run({ parameters: { testMode: false } });
		expect(error?.httpCode).toBe('422');
		expect(error?.description).toMatch(/Sign the missing documents in one go: https?:\/\//);
		expect(error?.description).toMatch(/Resolve it here: https?:\/\//);
	});

	test('with Allow Pending Contracts the case is accepted and waits for signing', async () => {
		env.sandbox.setContractsSigned(false);
		const { items, error } = await run({
			parameters: { testMode: false, additionalFields: { allowPendingContracts: true } },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.lifecycle).toBe('Pending contract signing');
		expect(
			(items[0].json.signingHandoff as { combinedSigningUrl?: string })?.combinedSigningUrl,
		).toMatch(/^https?:\/\//);
	});

	test('a debtor country without collection partners is explained', async () => {
		const { error } = await run({ parameters: { debtorCountry: 'KP' } });
		expect(error?.httpCode).toBe('422');
		expect(error?.message).toMatch(/Debitura could not create the case/);
	});
});
