import { useSandbox } from '../harness/fixtures.cjs';
import { NODE, loadTypes } from '../harness/node-types.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import { startKeyCatcher, type KeyCatcher } from './key-catcher.cjs';
import { selfSignedCertificate } from './self-signed.cjs';

/**
 * The credential is offered to every node, not only ours: any node may hand n8n-core's request
 * helpers its own options and ask for the Debitura credential. The key must still go only to the
 * credential's Base URL, whichever field names the target (`url`, `uri`, `baseURL`) and whichever
 * helper reads it — `httpRequestWithAuthentication` goes by `url` and `baseURL`, the older
 * `requestWithAuthentication` (the one n8n's HTTP Request node uses) by `url ?? uri` and `baseURL`
 * — and no request carrying the key may follow a redirect, whatever the caller asked for.
 * Another port on this machine stands in for the host the key must not reach.
 */
const env = useSandbox();
let catcher: KeyCatcher;
beforeAll(async () => {
	catcher = await startKeyCatcher();
});
beforeEach(() => catcher.requests.splice(0));
afterAll(async () => await catcher.close());

const HELPERS = ['httpRequestWithAuthentication', 'requestWithAuthentication'] as const;
type Helper = (typeof HELPERS)[number];

const request = (helper: Helper, options: Record<string, unknown>, credentials = env.credentials) =>
	runWorkflow({
		credentials,
		node: {
			type: NODE.requestWithCredential,
			parameters: { helper, options: JSON.stringify(options) },
		},
	});

const expectRefused = (
	error: { message: string; description?: string } | undefined,
	baseUrl: string,
	target: string,
) => {
	expect(error?.message).toBe("The Debitura API key is sent only to the credential's own host");
	expect(error?.description).toBe(
		`This request was going to ${target}, which is not under the "Debitura API" credential's Base URL ${baseUrl}. Use the Debitura node, or an HTTP Request node with a URL that starts with ${baseUrl}/.`,
	);
};

describe.each(HELPERS)('%s: the key goes only under the Base URL', (helper) => {
	const stolen = () => `${catcher.url}/stolen`;

	const protocolRelative = () => `//${new URL(catcher.url).host}/stolen`;

	test.each([
		['an absolute `uri` elsewhere', () => ({ method: 'GET', uri: stolen() }), stolen],
		[
			'a `uri` given as a URL object, elsewhere',
			() => ({ method: 'GET', uriAsUrlObject: stolen() }),
			stolen,
		],
		['an absolute `url` elsewhere', () => ({ method: 'GET', url: stolen() }), stolen],
		[
			'a `baseURL` elsewhere with a relative `url`',
			() => ({ method: 'GET', baseURL: catcher.url, url: '/stolen' }),
			stolen,
		],
		[
			'a relative `uri` with a `baseURL` elsewhere',
			() => ({ method: 'GET', baseURL: catcher.url, uri: '/stolen' }),
			stolen,
		],
		[
			'a protocol-relative `url`',
			() => ({ method: 'GET', url: protocolRelative() }),
			() => `"${protocolRelative()}" (not a complete URL)`,
		],
		[
			'a protocol-relative `uri`',
			() => ({ method: 'GET', uri: protocolRelative() }),
			() => `"${protocolRelative()}" (not a complete URL)`,
		],
	])('%s is refused before anything is sent', async (_name, options, shown) => {
		const { error } = await request(helper, options());
		expect(catcher.requests).toEqual([]);
		expectRefused(error, env.sandbox.url, shown());
	});

	test.each([
		[302, 'GET'],
		[307, 'POST'],
	])(
		'a %i from the Base URL is not followed, though the caller asks for redirects',
		async (status, method) => {
			env.sandbox.injectFault({
				method,
				path: '/me',
				kind: 'redirect',
				status,
				location: stolen(),
			});
			const { error } = await request(helper, {
				method,
				url: '/me',
				uri: '/me',
				body: method === 'POST' ? { note: 'a body a 307 would re-send' } : undefined,
				json: true,
				followRedirect: true,
				followAllRedirects: true,
				maxRedirects: 5,
				disableFollowRedirect: false,
				sendCredentialsOnCrossOriginRedirect: true,
			});
			expect(catcher.requests).toEqual([]);
			expect(error).toBeDefined();
			expect(String(error?.httpCode)).toBe(String(status));
		},
	);

	test('an absolute target under the Base URL carries the key', async () => {
		const { items, error } = await request(helper, {
			method: 'GET',
			url: `${env.sandbox.url}/me`,
			uri: `${env.sandbox.url}/me`,
			json: true,
		});
		expect(error).toBeUndefined();
		expect(items[0]?.json).toMatchObject({ companyName: expect.any(String) });
	});

	test('a path alone goes to the Base URL with the key', async () => {
		const { items, error } = await request(
			helper,
			helper === 'requestWithAuthentication'
				? { method: 'GET', uri: '/me', json: true }
				: { method: 'GET', url: '/me', json: true },
		);
		expect(error).toBeUndefined();
		expect(items[0]?.json).toMatchObject({ companyName: expect.any(String) });
	});

	test('a Base URL with a path (a proxy) keeps the key under that path', async () => {
		const baseUrl = `${catcher.url}/debitura`;
		const credentials = { apiKey: 'k-proxy', environment: 'custom', baseUrl };
		for (const outside of [
			`${catcher.url}/other`,
			`${baseUrl}/../other`,
			`${catcher.url}/debitura-other`,
		]) {
			const { error } = await request(
				helper,
				{ method: 'GET', url: outside, uri: outside },
				credentials,
			);
			expectRefused(error, baseUrl, new URL(outside).href);
		}
		expect(catcher.requests).toEqual([]);
		const { error } = await request(
			helper,
			{ method: 'GET', url: `${baseUrl}/me`, uri: `${baseUrl}/me`, json: true },
			credentials,
		);
		expect(error).toBeUndefined();
		expect(catcher.requests.map((caught) => [caught.url, caught.headers.xapikey])).toEqual([
			['/debitura/me', 'k-proxy'],
		]);
	});
});

describe("the HTTP Request node is the credential's documented second path", () => {
	test('the credential declares how the HTTP Request node uses it, as n8n loads it', async () => {
		const type = (await loadTypes()).credentialType('debituraApi');
		expect(type.httpRequestNode).toEqual({
			name: 'Debitura',
			docsUrl: 'https://github.com/debitura/n8n-nodes-debitura#credentials',
			apiBaseUrlPlaceholder: 'https://customer-api.debitura.com/cases',
			// n8n's loader hides the editor's separate "Debitura HTTP Request" entry, since a node of
			// this package uses the credential; the HTTP Request node still offers it.
			hidden: true,
		});
		expect(type.restrictToSupportedNodes).toBeUndefined();
	});
});

/**
 * A proxy named on the request, or TLS checks switched off (both are options of n8n's HTTP Request
 * node), would let a host other than the credential's read the key: a proxy reads a plain http://
 * request whole, and a proxy that answers TLS with a certificate of its own reads an https:// one
 * when the certificate goes unchecked. Here the stand-in host presents a self-signed certificate,
 * as such a proxy would.
 */
describe.each(HELPERS)(
	'%s: the key travels only over a checked connection to the Base URL',
	(helper) => {
		let impostor: KeyCatcher;
		let certificate: { key: string; cert: string };
		beforeAll(async () => {
			certificate = selfSignedCertificate();
			impostor = await startKeyCatcher({ tls: certificate });
		});
		beforeEach(() => impostor.requests.splice(0));
		afterAll(async () => await impostor.close());

		const uncheckedCredentials = () => ({
			apiKey: 'k-tls',
			environment: 'custom',
			baseUrl: impostor.url,
		});
		const path = (options: Record<string, unknown>) =>
			helper === 'requestWithAuthentication'
				? { uri: '/me', json: true, ...options }
				: { url: '/me', json: true, ...options };

		test.each([
			[
				'certificate checks switched off',
				() =>
					helper === 'requestWithAuthentication'
						? { rejectUnauthorized: false }
						: { skipSslCertificateValidation: true },
			],
			[
				'certificate checks switched off in the agent options',
				() => ({ agentOptions: { rejectUnauthorized: false } }),
			],
			[
				"the caller's own certificate authorities",
				() => ({ agentOptions: { ca: certificate.cert } }),
			],
		])('%s: the connection is still checked, and the key is not sent', async (_name, options) => {
			const { error } = await request(
				helper,
				{ method: 'GET', ...path(options()) },
				uncheckedCredentials(),
			);
			expect(impostor.requests).toEqual([]);
			// n8n's words for it differ by helper: the certificate error itself, or its own "SSL Issue".
			expect(JSON.stringify(error)).toMatch(/self[- ]signed|SSL Issue/i);
		});

		test('a proxy on the request to a plain http:// Base URL is refused', async () => {
			const proxy =
				helper === 'requestWithAuthentication'
					? catcher.url
					: { protocol: 'http', host: '127.0.0.1', port: Number(new URL(catcher.url).port) };
			const { error } = await request(helper, { method: 'GET', ...path({ proxy }) });
			expect(catcher.requests).toEqual([]);
			expect(error?.message).toBe(
				'The Debitura API key is not sent through a proxy to a plain http:// Base URL',
			);
			expect(error?.description).toBe(
				`The proxy named on this request would read the key, since http:// is not encrypted. Remove the proxy from the request: the Base URL ${env.sandbox.url} is on this machine and needs none.`,
			);
		});
	},
);
