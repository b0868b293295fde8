import { request as httpRequest } from 'node:http';

import { startSandbox, type RecordedRequest, type Sandbox } from '../../sandbox/index.cjs';
import { call, useSandbox } from './helpers.cjs';

/**
 * The sandbox listens on 127.0.0.1 without authentication on its control surface. These tests
 * keep what it serves and stores safe for the machine it runs on: no key in the request log, no
 * answers to pages that reach it through DNS rebinding or a cross-site form, no pattern a request
 * must be matched against, and no unbounded memory.
 */

/** A raw request, because fetch() does not let a caller choose the Host header. */
function rawRequest(
	sandbox: Sandbox,
	path: string,
	options: { host?: string; method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
	const url = new URL(sandbox.url);
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				path,
				method: options.method ?? 'GET',
				headers: {
					...(options.host === undefined ? {} : { host: options.host }),
					...(options.body === undefined
						? {}
						: { 'content-length': String(Buffer.byteLength(options.body)) }),
					...(options.headers ?? {}),
				},
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			},
		);
		req.on('error', reject);
		req.end(options.body);
	});
}

function control(sandbox: Sandbox, path: string, method = 'GET', body?: unknown) {
	return call(sandbox, `/__sandbox${path}`, {
		method,
		body: body ?? (method === 'GET' ? undefined : {}),
		apiKey: null,
	});
}

describe('sandbox: request log over HTTP', () => {
	const sandbox = useSandbox();

	it('never serves an API key: the sandbox key and any other key are named, not shown', async () => {
		const sb = sandbox.get();
		await control(sb, '/reset', 'POST');
		await call(sb, '/me');
		await call(sb, '/me', { apiKey: 'live-key-pasted-by-mistake-0123456789' });
		await call(sb, '/me', {
			apiKey: null,
			headers: { Authorization: 'Bearer secret-token-42', Cookie: 'session=abc123' },
		});

		const served = await control(sb, '/requests');
		expect(served.status).toBe(200);
		expect(served.text).not.toContain('live-key-pasted-by-mistake');
		expect(served.text).not.toContain(sb.apiKey);
		expect(served.text).not.toContain('secret-token-42');
		expect(served.text).not.toContain('abc123');
		const requests: RecordedRequest[] = served.json;
		expect(requests.map((r) => r.headers.xapikey)).toEqual([
			'sandbox key',
			'other key (redacted)',
			undefined,
		]);
		expect(requests.map((r) => r.status)).toEqual([200, 401, 401]);
		expect(requests[2].headers).toMatchObject({
			authorization: '(redacted)',
			cookie: '(redacted)',
		});
	});

	it('keeps the keys in the in-process log, which only the code that started the sandbox can read', async () => {
		const sb = sandbox.get();
		sb.reset();
		await call(sb, '/me', { apiKey: 'another-key' });
		expect(sb.requests[0].headers.xapikey).toBe('another-key');
	});

	it('records a large body as its size, not its bytes', async () => {
		const sb = sandbox.get();
		sb.reset();
		const big = 'x'.repeat(200 * 1024);
		await call(sb, '/cases', {
			method: 'POST',
			body: big,
			headers: { 'Content-Type': 'text/plain' },
		});
		expect(sb.requests[0].body).toEqual({ omitted: `a text/plain body of ${big.length} bytes` });
		const small = await call(sb, '/cases', { method: 'POST', body: { currencyCode: 'EUR' } });
		expect(small.status).toBe(400);
		expect(sb.requests[1].body).toEqual({ currencyCode: 'EUR' });
	});
});

describe('sandbox: Host header (DNS rebinding)', () => {
	const sandbox = useSandbox();

	it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])(
		'answers requests for %s with its own port',
		async (name) => {
			const sb = sandbox.get();
			const port = new URL(sb.url).port;
			expect((await rawRequest(sb, '/__sandbox/state', { host: `${name}:${port}` })).status).toBe(
				200,
			);
			expect(
				(await rawRequest(sb, '/me', { host: `${name}:${port}`, headers: { XApiKey: sb.apiKey } }))
					.status,
			).toBe(200);
		},
	);

	it.each([
		['another name', 'rebind.attacker.example:PORT'],
		['another port', '127.0.0.1:1'],
		['no port', 'localhost'],
		['a look-alike', 'localhost.attacker.example:PORT'],
		['a public address', '203.0.113.9:PORT'],
	])('refuses %s with 421, on the API and the control surface', async (_label, hostPattern) => {
		const sb = sandbox.get();
		const host = hostPattern.replace('PORT', new URL(sb.url).port);
		const before = sb.listCases().length;

		const api = await rawRequest(sb, '/me', { host, headers: { XApiKey: sb.apiKey } });
		expect(api.status).toBe(421);
		expect(JSON.parse(api.text).error).toMatch(/Host/);
		expect(api.text).not.toContain('Nordlys');

		expect((await rawRequest(sb, '/__sandbox/state', { host })).status).toBe(421);
		const created = await rawRequest(sb, '/__sandbox/cases', {
			host,
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		});
		expect(created.status).toBe(421);
		expect(sb.listCases()).toHaveLength(before);
	});
});

describe('sandbox: control requests are JSON only', () => {
	const sandbox = useSandbox();

	it.each([
		['no Content-Type', {}, ''],
		[
			'text/plain (what a cross-site form or fetch can send without asking)',
			{ 'Content-Type': 'text/plain' },
			'{}',
		],
		['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1'],
		['multipart', { 'Content-Type': 'multipart/form-data; boundary=x' }, '--x--'],
	])(
		'refuses a state change sent with %s (415), and nothing changes',
		async (_label, headers, body) => {
			const sb = sandbox.get();
			sb.reset();
			sb.createCase({ isTest: true });
			for (const [method, path] of [
				['POST', '/reset'],
				['POST', '/cases'],
				['DELETE', '/faults'],
				['POST', '/contracts'],
			]) {
				const answer = await rawRequest(sb, `/__sandbox${path}`, { method, headers, body });
				expect(answer.status).toBe(415);
				expect(JSON.parse(answer.text).error).toMatch(/Content-Type: application\/json/);
			}
			expect(sb.listCases()).toHaveLength(1);
		},
	);

	it('accepts application/json, with or without a charset, and an empty JSON body', async () => {
		const sb = sandbox.get();
		sb.createCase({ isTest: true });
		expect(
			(
				await rawRequest(sb, '/__sandbox/reset', {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
				})
			).status,
		).toBe(204);
		expect(sb.listCases()).toHaveLength(0);
		expect(
			(
				await rawRequest(sb, '/__sandbox/cases', {
					method: 'POST',
					headers: { 'Content-Type': 'application/json; charset=utf-8' },
					body: '{"isTest": true}',
				})
			).status,
		).toBe(200);
	});

	it('reads stay plain GETs: state, file content and the signing page need no Content-Type', async () => {
		const sb = sandbox.get();
		expect((await rawRequest(sb, '/__sandbox/state')).status).toBe(200);
		expect((await rawRequest(sb, '/__sandbox/signing')).status).toBe(200);
	});

	it('refuses an oversized control body with 413 instead of reading it as empty', async () => {
		const sb = sandbox.get();
		sb.reset();
		const answer = await rawRequest(sb, '/__sandbox/cases', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ comments: 'x'.repeat(2 * 1024 * 1024) }),
		});
		expect(answer.status).toBe(413);
		expect(JSON.parse(answer.text).error).toMatch(/1 MB/);
		expect(sb.listCases()).toHaveLength(0);
	});
});

describe('sandbox: fault filters are plain paths', () => {
	const sandbox = useSandbox();

	afterEach(() => sandbox.get().clearFaults());

	it('refuses a pattern over HTTP (a pattern is run against every request) and installs nothing', async () => {
		const sb = sandbox.get();
		const answer = await control(sb, '/faults', 'POST', {
			kind: 'server-error',
			pathRegex: '^(a+)+$',
		});
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(/pathRegex/);
		expect(answer.json.error).toMatch(/path/);
		expect((await call(sb, '/me')).status).toBe(200);

		expect(
			(await control(sb, '/faults', 'POST', { kind: 'server-error', path: { source: '.*' } }))
				.status,
		).toBe(400);
		expect((await call(sb, '/me')).status).toBe(200);
	});

	it('refuses a RegExp from in-process callers too', () => {
		const spec = { kind: 'server-error', path: /^\/me/ } as never;
		expect(() => sandbox.get().injectFault(spec)).toThrow(/path must be a string/);
	});

	it('matches a prefix with a trailing *, case-insensitively', async () => {
		const sb = sandbox.get();
		expect(
			(
				await control(sb, '/faults', 'POST', {
					kind: 'server-error',
					status: 503,
					path: '/payments*',
					count: 2,
				})
			).status,
		).toBe(204);
		expect((await call(sb, '/Payments')).status).toBe(503);
		expect((await call(sb, '/payments/00000000-0000-4000-8000-000000000000')).status).toBe(503);
		expect((await call(sb, '/Payments')).status).toBe(200);
	});
});

describe('sandbox: stored bytes are capped', () => {
	let sb: Sandbox;

	beforeAll(async () => {
		sb = await startSandbox({ fileStorageLimitBytes: 1000 });
	});
	afterAll(() => sb.close());

	function upload(caseId: string, size: number) {
		const form = new FormData();
		form.append(
			'File',
			new Blob([new Uint8Array(size).fill(65)], { type: 'text/plain' }),
			'notes.txt',
		);
		return call(sb, `/cases/${caseId}/files`, { method: 'POST', body: form });
	}

	it('answers 507 once the files would pass the limit, and stores nothing more', async () => {
		const first = sb.createCase({ isTest: true }).id;
		expect((await upload(first, 600)).status).toBe(200);
		const full = await upload(first, 600);
		expect(full.status).toBe(507);
		expect(full.json.businessErrors[0].type).toBe('SandboxStorageFull');
		expect(full.json.message).toMatch(/1000 bytes/);
		expect(full.json.message).toMatch(/\/__sandbox\/reset/);
		expect((await call(sb, `/cases/${first}/files`)).json).toHaveLength(1);
		expect((await upload(first, 400)).status).toBe(200);
	});

	it('frees the space when the case is deleted or the sandbox is reset', async () => {
		sb.reset();
		const caseId = sb.createCase({ isTest: true }).id;
		expect((await upload(caseId, 900)).status).toBe(200);
		expect((await upload(caseId, 200)).status).toBe(507);
		expect((await call(sb, `/test/cases/${caseId}`, { method: 'DELETE' })).status).toBe(204);
		const next = sb.createCase({ isTest: true }).id;
		expect((await upload(next, 900)).status).toBe(200);
		sb.reset();
		const again = sb.createCase({ isTest: true }).id;
		expect((await upload(again, 900)).status).toBe(200);
	});
});
