import { call, UUID, useSandbox } from './helpers.cjs';

describe('sandbox: authentication and /me', () => {
	const sandbox = useSandbox();

	it.each([
		['no key', null],
		['a wrong key', 'not-the-key'],
	])('answers 401 with an empty body for %s', async (_label, apiKey) => {
		for (const [method, path] of [
			['GET', '/me'],
			['GET', '/cases'],
			['GET', '/Payments'],
			['DELETE', '/test/cases?tag=x'],
			['POST', '/cases'],
		]) {
			const result = await call(sandbox.get(), path, { method, apiKey });
			expect({ path, status: result.status, text: result.text }).toEqual({
				path,
				status: 401,
				text: '',
			});
		}
	});

	it('returns the sandbox creditor for a valid key', async () => {
		const result = await call(sandbox.get(), '/me');
		expect(result.status).toBe(200);
		expect(result.json.id).toMatch(UUID);
		expect(result.json.companyName).toBe('Nordlys Trading ApS');
		expect(result.json.country).toBe('DK');
		expect(Object.keys(result.json).sort()).toEqual([
			'address',
			'city',
			'companyName',
			'companyRegistrationNumber',
			'country',
			'id',
			'officeEmail',
			'officePhone',
			'state',
			'zipCode',
		]);
	});

	it('records API requests with lower-cased header names and a status', async () => {
		const sb = sandbox.get();
		const before = sb.requests.length;
		await call(sb, '/me?Foo=1&foo=2');
		const recorded = sb.requests[before];
		expect(recorded.method).toBe('GET');
		expect(recorded.path).toBe('/me');
		expect(recorded.query).toEqual({ Foo: ['1'], foo: ['2'] });
		expect(recorded.headers.xapikey).toBe(sb.apiKey);
		expect(recorded.body).toBeNull();
		expect(recorded.status).toBe(200);
	});

	it('answers 404 with no body for an unknown route, and 405 for a wrong method', async () => {
		const unknown = await call(sandbox.get(), '/nope');
		expect(unknown.status).toBe(404);
		expect(unknown.text).toBe('');
		const wrongMethod = await call(sandbox.get(), '/me', { method: 'DELETE' });
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('GET');
	});
});
