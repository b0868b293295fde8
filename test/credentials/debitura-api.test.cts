import { DebituraApi, debituraBaseUrl } from '../../credentials/DebituraApi.credentials';
import { testCredential } from '../harness/credential-test.cjs';
import { useSandbox } from '../harness/fixtures.cjs';
import { runListSearch } from '../harness/list-search.cjs';
import { TriggerUnderTest } from '../harness/poll-trigger.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import { startKeyCatcher, type KeyCatcher } from './key-catcher.cjs';

const env = useSandbox();
let catcher: KeyCatcher;
beforeAll(async () => {
	catcher = await startKeyCatcher();
});
beforeEach(() => catcher.requests.splice(0));
afterAll(async () => await catcher.close());

describe('Debitura API credential', () => {
	test('the test succeeds with a good key, calling GET /me with the XApiKey header', async () => {
		const result = await testCredential('debituraApi', env.credentials);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(env.sandbox.requests).toHaveLength(1);
		expect(env.sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/me', status: 200 });
		expect(env.sandbox.requests[0].headers.xapikey).toBe(env.sandbox.apiKey);
	});

	test('a wrong key fails with a message a person understands, without echoing the key', async () => {
		const result = await testCredential('debituraApi', {
			...env.credentials,
			apiKey: 'not-the-key-4711',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Debitura rejected the API key\./);
		expect(result.message).not.toContain('not-the-key-4711');
		expect(env.sandbox.requests[0]).toMatchObject({ path: '/me', status: 401 });
	});

	test('a trailing slash and surrounding spaces on the custom URL are harmless', async () => {
		const result = await testCredential('debituraApi', {
			...env.credentials,
			baseUrl: `  ${env.sandbox.url}/ `,
		});
		expect(result.status).toBe('OK');
		expect(env.sandbox.requests[0].path).toBe('/me');
	});

	test('nodes send the same header, and never put the key in their output', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items } = await runWorkflow({
			credentials: env.credentials,
			node: {
				parameters: {
					resource: 'case',
					operation: 'getStatus',
					case: { __rl: true, mode: 'id', value: stored.id },
					simplify: false,
				},
			},
		});
		expect(env.sandbox.requests[0].headers.xapikey).toBe(env.sandbox.apiKey);
		expect(JSON.stringify(items)).not.toContain(env.sandbox.apiKey);
	});
});

describe('Custom URL: checked before the key is sent anywhere', () => {
	const refused: Array<[string, string, RegExp]> = [
		['http:// to another host', 'http://debitura.example.com', /must start with https:\/\//],
		['a query', 'https://127.0.0.1:1/?', /must not contain "\?" or "#"/],
		['a fragment', 'https://127.0.0.1:1/#', /must not contain "\?" or "#"/],
		[
			'a user name and password',
			'https://user:pass@127.0.0.1:1',
			/must not contain a user name or password/,
		],
		['nothing', '   ', /Base URL is empty/],
		['no URL at all', 'customer-api.debitura.com', /is not a web address/],
	];

	test.each(refused)(
		'refuses %s in the credential test, with words',
		async (_what, baseUrl, message) => {
			const result = await testCredential('debituraApi', { ...env.credentials, baseUrl });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(message);
		},
	);

	test.each(refused)(
		'refuses %s in the node, before any request',
		async (_what, baseUrl, message) => {
			const { error } = await runWorkflow({
				credentials: { ...env.credentials, baseUrl },
				// By reference: the ID mode's regex check by the editor's rules is beside the point here.
				node: {
					parameters: {
						resource: 'case',
						operation: 'getStatus',
						case: { __rl: true, mode: 'creditorReference', value: 'INV-1' },
					},
				},
			});
			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(
				/Open the "Debitura API" credential and correct "Base URL"/,
			);
		},
	);

	test('refuses a bad URL in the trigger and the list search too', async () => {
		const credentials = { ...env.credentials, baseUrl: 'http://debitura.example.com' };
		const trigger = await TriggerUnderTest.create({
			credentials,
			parameters: { event: 'created', cases: 'both' },
		});
		await expect(trigger.poll('manual')).rejects.toMatchObject({
			message: expect.stringMatching(/must start with https:\/\//),
		});
		await expect(runListSearch({ method: 'searchCases', credentials })).rejects.toMatchObject({
			message: expect.stringMatching(/must start with https:\/\//),
		});
	});

	test('the key never reaches a query-swallowing URL: Get Status cannot fetch an arbitrary address', async () => {
		const { error } = await runWorkflow({
			credentials: { ...env.credentials, baseUrl: `${catcher.url}/anything?` },
			node: {
				parameters: {
					resource: 'case',
					operation: 'getStatus',
					case: { __rl: true, mode: 'creditorReference', value: 'INV-1' },
				},
			},
		});
		expect(error?.message).toMatch(/must not contain "\?" or "#"/);
		expect(catcher.requests).toEqual([]);
	});

	test('plain http:// is accepted for loopback hosts, and a path prefix (a proxy) is kept', () => {
		expect(debituraBaseUrl({ environment: 'custom', baseUrl: 'http://localhost:5688/' })).toBe(
			'http://localhost:5688',
		);
		expect(debituraBaseUrl({ environment: 'custom', baseUrl: 'http://[::1]:5688' })).toBe(
			'http://[::1]:5688',
		);
		expect(
			debituraBaseUrl({ environment: 'custom', baseUrl: ' https://proxy.example.com/debitura// ' }),
		).toBe('https://proxy.example.com/debitura');
	});

	test("Debitura's test host is its own Environment option", () => {
		expect(debituraBaseUrl({ environment: 'test' })).toBe('https://testcustomer-api.debitura.com');
		expect(debituraBaseUrl({ environment: 'production' })).toBe(
			'https://customer-api.debitura.com',
		);
		const environment = new DebituraApi().properties.find(
			(property) => property.name === 'environment',
		);
		expect(
			environment?.options?.map((option) => ('value' in option ? option.value : undefined)),
		).toEqual(['production', 'test', 'custom']);
	});

	test('the credential shows that the key goes to the custom host', () => {
		const notice = new DebituraApi().properties.find(
			(property) => property.type === 'notice' && property.displayOptions?.show?.environment,
		);
		expect(notice?.displayName).toMatch(/The API key is sent to this host/);
	});

	test("the key is added only to requests for the credential's own host", async () => {
		const credential = new DebituraApi();
		const credentials = { apiKey: 'k-123', environment: 'test' };
		const own = await credential.authenticate(credentials, {
			url: '/me',
			baseURL: 'https://testcustomer-api.debitura.com',
		});
		expect(own).toMatchObject({ headers: { XApiKey: 'k-123' }, disableFollowRedirect: true });
		await expect(
			credential.authenticate(credentials, { url: 'https://customer-api.debitura.com/me' }),
		).rejects.toThrow(/sent only to the credential's own host/);
	});

	test("a request that gives only a path goes to the credential's base URL (the nodes send no host of their own)", async () => {
		const credential = new DebituraApi();
		const proxied = {
			apiKey: 'k-123',
			environment: 'custom',
			baseUrl: 'https://proxy.example.com/debitura/',
		};
		expect(await credential.authenticate(proxied, { url: '/cases' })).toMatchObject({
			baseURL: 'https://proxy.example.com/debitura',
			url: '/cases',
			headers: { XApiKey: 'k-123' },
		});
		expect(
			await credential.authenticate({ apiKey: 'k', environment: 'production' }, { url: '/me' }),
		).toMatchObject({ baseURL: 'https://customer-api.debitura.com' });
		// A bad Custom URL still fails before any request, in words.
		await expect(
			credential.authenticate(
				{ apiKey: 'k', environment: 'custom', baseUrl: 'http://example.com' },
				{ url: '/me' },
			),
		).rejects.toThrow(/must start with https:\/\//);
	});
});

describe('credential test verdicts', () => {
	const viaCatcher = async (status: number, body: string, contentType?: string) => {
		catcher.answer(status, body, contentType);
		return await testCredential('debituraApi', { ...env.credentials, baseUrl: catcher.url });
	};

	test("passes only on an answer that looks like Debitura's creditor profile", async () => {
		expect(
			(
				await viaCatcher(
					200,
					JSON.stringify({ id: '0b6e2f1a-3c4d-4e5f-8a9b-1c2d3e4f5a60', companyName: 'X ApS' }),
				)
			).status,
		).toBe('OK');
	});

	test("another service's JSON fails", async () => {
		const result = await viaCatcher(200, JSON.stringify({ status: 'ok', version: '1.2' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/answered GET \/me, but not like Debitura's API/);
	});

	test('an HTML page fails', async () => {
		env.sandbox.injectFault({ method: 'GET', path: '/me', kind: 'html' });
		const result = await testCredential('debituraApi', env.credentials);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/not like Debitura's API/);
	});

	test('a 404 from a wrong base path points at the Base URL first', async () => {
		const result = await testCredential('debituraApi', {
			...env.credentials,
			baseUrl: `${env.sandbox.url}/api/v1`,
		});
		expect(env.sandbox.requests[0]).toMatchObject({ path: '/api/v1/me', status: 404 });
		expect(result.message).toMatch(
			/^GET \/me was not found \(HTTP 404\)\. Either the Base URL is not the root/,
		);
	});

	test('a 403 names a proxy or firewall', async () => {
		expect((await viaCatcher(403, 'Forbidden', 'text/plain')).message).toMatch(/proxy or firewall/);
	});

	test.each([500, 502, 503, 504])(
		'a %i says the key could not be checked and what to do',
		async (status) => {
			env.sandbox.injectFault({ method: 'GET', path: '/me', kind: 'server-error', status });
			const result = await testCredential('debituraApi', env.credentials);
			expect(result.message).toMatch(
				new RegExp(`server error \\(HTTP ${status}\\), so the key could not be checked`),
			);
		},
	);

	test('network failures: n8n reports their code, and the credential explains the codes', async () => {
		// n8n's credential tester returns a network error's code (ECONNREFUSED, ENOTFOUND, a
		// certificate code) before any message a credential could give; the notice says what each means.
		const result = await testCredential('debituraApi', {
			...env.credentials,
			baseUrl: 'http://127.0.0.1:9',
		});
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
		const tls = await testCredential('debituraApi', {
			...env.credentials,
			baseUrl: env.sandbox.url.replace('http:', 'https:'),
		});
		expect(tls.status).toBe('Error');
		const notice = new DebituraApi().properties.find(
			(property) => property.name === 'networkCodesNotice',
		);
		expect(notice?.displayName).toMatch(/ECONNREFUSED means nothing answers/);
		expect(notice?.displayName).toMatch(/ENOTFOUND/);
		expect(notice?.displayName).toMatch(/certificate/);
	});
});
