import { testCredential } from '../harness/credential-test.cjs';
import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();

describe('Debitura API credential', () => {
	test('the test succeeds with a good key, calling GET /me with the XApiKey header', async () => {
		const result = await testCredential('debituraApi', env.credentials);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(env.sandbox.requests).toHaveLength(1);
		expect(env.sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/me', status: 200 });
		expect(env.sandbox.requests[0].headers.xapikey).toBe(env.sandbox.apiKey);
	});

	test('a wrong key fails with a message a person understands, without echoing the key', async () => {
		const result = await testCredential('debituraApi', { ...env.credentials, apiKey: 'not-the-key-4711' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Debitura rejected the API key\./);
		expect(result.message).not.toContain('not-the-key-4711');
		expect(env.sandbox.requests[0]).toMatchObject({ path: '/me', status: 401 });
	});

	test('an unreachable base URL reports the connection error', async () => {
		const result = await testCredential('debituraApi', { ...env.credentials, baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED/);
	});

	test('a trailing slash on the custom URL is harmless', async () => {
		const result = await testCredential('debituraApi', { ...env.credentials, baseUrl: `${env.sandbox.url}/` });
		expect(result.status).toBe('OK');
		expect(env.sandbox.requests[0].path).toBe('/me');
	});

	test('nodes send the same header, and never put the key in their output', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items } = await runWorkflow({
			credentials: env.credentials,
			node: { parameters: { resource: 'case', operation: 'getStatus', case: { __rl: true, mode: 'id', value: stored.id }, simplify: false } },
		});
		expect(env.sandbox.requests[0].headers.xapikey).toBe(env.sandbox.apiKey);
		expect(JSON.stringify(items)).not.toContain(env.sandbox.apiKey);
	});
});
