import { call, useSandbox } from './helpers.cjs';

describe('sandbox: injected faults', () => {
	const sandbox = useSandbox();

	afterEach(() => sandbox.get().clearFaults());

	it('rate-limit: 429 with retryAfter in the body and no Retry-After header', async () => {
		sandbox.get().injectFault({ kind: 'rate-limit', path: '/me', retryAfter: 2.5 });
		const limited = await call(sandbox.get(), '/me');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBeNull();
		expect(limited.json).toEqual({
			error: 'rate_limit_exceeded',
			message: expect.stringMatching(/^Too many requests\./),
			retryAfter: 2.5,
		});
		expect((await call(sandbox.get(), '/me')).status).toBe(200);
	});

	it('honours count and only hits matching method and path', async () => {
		sandbox.get().injectFault({ kind: 'server-error', method: 'GET', path: '/cases*', count: 2 });
		expect((await call(sandbox.get(), '/me')).status).toBe(200);
		expect((await call(sandbox.get(), '/cases', { method: 'POST', body: {} })).status).toBe(400);
		expect((await call(sandbox.get(), '/cases')).status).toBe(500);
		expect((await call(sandbox.get(), '/cases/00000000-0000-4000-8000-000000000000')).status).toBe(
			500,
		);
		expect((await call(sandbox.get(), '/cases')).status).toBe(200);
	});

	it('server-error: chosen status with an InternalError body, even without an API key', async () => {
		sandbox.get().injectFault({ kind: 'server-error', status: 503, path: '/payments*' });
		const result = await call(sandbox.get(), '/Payments', { apiKey: null });
		expect(result.status).toBe(503);
		expect(result.json).toEqual({
			businessErrors: [{ type: 'InternalError', message: expect.any(String), solutionUrl: null }],
		});
		expect((await call(sandbox.get(), '/Payments', { apiKey: null })).status).toBe(401);
	});

	it('server-error after the write: the request is carried out, then the error is answered', async () => {
		const before = sandbox.get().listCases().length;
		sandbox.get().injectFault({
			kind: 'server-error',
			status: 504,
			method: 'POST',
			path: '/divisions',
			afterWrite: true,
		});
		const result = await call(sandbox.get(), '/divisions', {
			method: 'POST',
			body: { companyName: 'Gateway Branch', city: 'Aarhus', countryCode: 'DK' },
		});
		expect(result.status).toBe(504);
		expect(result.json).toEqual({
			businessErrors: [{ type: 'InternalError', message: expect.any(String), solutionUrl: null }],
		});
		const listed = await call(sandbox.get(), '/divisions?pageSize=100');
		expect(
			listed.json.divisions.map((division: { companyName: string }) => division.companyName),
		).toContain('Gateway Branch');
		expect(sandbox.get().listCases()).toHaveLength(before);
	});

	it('slow: waits, then answers normally', async () => {
		sandbox.get().injectFault({ kind: 'slow', delayMs: 300 });
		const started = Date.now();
		const result = await call(sandbox.get(), '/me');
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(result.status).toBe(200);
		expect(result.json.companyName).toBe('Nordlys Trading ApS');
	});

	it('drop: the connection closes without an answer and the request is recorded with status 0', async () => {
		const sb = sandbox.get();
		sb.injectFault({ kind: 'drop', path: '/me' });
		await expect(fetch(`${sb.url}/me`, { headers: { XApiKey: sb.apiKey } })).rejects.toThrow();
		const recorded = sb.requests[sb.requests.length - 1];
		expect(recorded).toMatchObject({ method: 'GET', path: '/me', status: 0 });
		expect((await call(sb, '/me')).status).toBe(200);
	});

	it('drop-response: the request takes effect, then the connection closes without an answer', async () => {
		sandbox.get().injectFault({ kind: 'drop-response', method: 'POST', path: '/test/cases/*' });
		const created = sandbox.get().createCase({ isTest: true });
		await expect(
			call(sandbox.get(), `/test/cases/${created.id}/advance`, {
				method: 'POST',
				body: { to: 'Closed:Paid', amount: 10 },
			}),
		).rejects.toThrow();
		expect(sandbox.get().listPayments()).toHaveLength(1);
		expect(sandbox.get().requests.at(-1)?.status).toBe(0);
	});

	it('skip: lets that many matching requests through before the fault applies', async () => {
		sandbox.get().injectFault({ kind: 'server-error', path: '/me', skip: 2 });
		expect((await call(sandbox.get(), '/me')).status).toBe(200);
		expect((await call(sandbox.get(), '/cases')).status).toBe(200);
		expect((await call(sandbox.get(), '/me')).status).toBe(200);
		expect((await call(sandbox.get(), '/me')).status).toBe(500);
		expect((await call(sandbox.get(), '/me')).status).toBe(200);
	});

	it('records faulted requests with their status', async () => {
		const sb = sandbox.get();
		sb.injectFault({ kind: 'rate-limit', path: '/me' });
		await call(sb, '/me');
		expect(sb.requests[sb.requests.length - 1].status).toBe(429);
	});

	it('tamper: ignorePage serves page 1 for any Page; set and unset change the JSON answer', async () => {
		const sb = sandbox.get();
		for (let i = 0; i < 3; i++) sb.createCase({ isTest: true });
		const firstPage = await call(sb, '/cases?PageSize=1&Page=1');
		sb.injectFault({
			kind: 'tamper',
			path: '/cases',
			ignorePage: true,
			set: { 'cases.0.id': 42, 'page.totalPages': 9 },
			unset: ['page.totalResults'],
		});
		const tampered = await call(sb, '/cases?PageSize=1&Page=3');
		const body = tampered.json as {
			cases: Array<{ id: unknown; reference: unknown }>;
			page: Record<string, unknown>;
		};
		expect(body.cases[0]).toMatchObject({
			id: 42,
			reference: (firstPage.json as { cases: Array<{ reference: unknown }> }).cases[0].reference,
		});
		expect(body.page.totalPages).toBe(9);
		expect(body.page).not.toHaveProperty('totalResults');
		expect((await call(sb, '/cases?PageSize=1&Page=3')).json).toMatchObject({
			page: { currentPage: 3 },
		});
	});

	it('rejects nonsense fault specs', () => {
		expect(() => sandbox.get().injectFault({ kind: 'server-error', status: 418 })).toThrow();
		expect(() => sandbox.get().injectFault({ kind: 'explode' as never })).toThrow();
		expect(() => sandbox.get().injectFault({ kind: 'drop', count: 0 })).toThrow();
	});
});
