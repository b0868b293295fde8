import { call, daysAgo, useSandbox } from './helpers.cjs';

/** The setup endpoints' documented errors and rules that the node's own checks keep it from reaching. */
describe('sandbox: users, coverage, preview and divisions', () => {
	const sandbox = useSandbox();
	beforeEach(() => sandbox.get().reset());

	it('GET /users pages 50 by default and answers a bad page size as ProblemDetails', async () => {
		const ok = await call(sandbox.get(), '/users');
		expect(ok.json.page).toMatchObject({ pageSize: 50, totalResults: 2 });
		const bad = await call(sandbox.get(), '/users?PageSize=500');
		expect(bad.status).toBe(400);
		expect(bad.json).toMatchObject({ title: 'Invalid pagination parameters', status: 400 });
	});

	it('POST /cases/preview refuses what its schema forbids, as ApiErrorResponseDto', async () => {
		const base = {
			amountToRecover: 100,
			currencyCode: 'EUR',
			debtor: { type: 'Company', countryAlpha2: 'DE' },
		};
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[
				{ ...base, debtor: { ...base.debtor, name: 'A GmbH' } },
				/debtor\.name is not a known field/,
			],
			[
				{ ...base, debtor: { type: 'Company', countryAlpha2: 'US' } },
				/stateAlpha2\) is required for US debtors/,
			],
			[
				{
					...base,
					dueDate: daysAgo(30),
					amountToRecoverOver12Months: 50,
					amountToRecoverOver24Months: 10,
				},
				/dueDate cannot be combined/,
			],
			[{ ...base, currencyCode: 'XYZ' }, /Invalid currency code/],
			[{ ...base, amountToRecover: 0 }, /positive amount/],
		];
		for (const [body, message] of cases) {
			const result = await call(sandbox.get(), '/cases/preview', { method: 'POST', body });
			expect(result.status).toBe(400);
			expect(result.json.message).toMatch(message);
			expect(result.json.businessErrors[0]).toMatchObject({ type: 'ValidationError' });
		}
		expect(sandbox.get().listCases()).toHaveLength(0);
	});

	it('POST /coverage/check-eligibility: 400 for a missing state or bad amount; unknown jurisdiction 404', async () => {
		const noState = await call(sandbox.get(), '/coverage/check-eligibility', {
			method: 'POST',
			body: { countryAlpha2: 'US', debtorType: 'Company', amount: 10, currencyCode: 'USD' },
		});
		expect(noState.status).toBe(400);
		const tiny = await call(sandbox.get(), '/coverage/check-eligibility', {
			method: 'POST',
			body: { countryAlpha2: 'DK', debtorType: 'Company', amount: 0.001, currencyCode: 'DKK' },
		});
		expect(tiny.json.message).toMatch(/amount must be at least 0.01/);
		const unknown = await call(sandbox.get(), '/coverage/99999');
		expect(unknown.status).toBe(404);
	});

	it('divisions: an Idempotency-Key replays the first create; another body with it is a 422 IdempotencyConflict', async () => {
		const body = { companyName: 'Keyed Branch', city: 'Odense', countryCode: 'DK' };
		const headers = { 'Idempotency-Key': 'division-keyed-1' };
		const first = await call(sandbox.get(), '/divisions', { method: 'POST', body, headers });
		const again = await call(sandbox.get(), '/divisions', { method: 'POST', body, headers });
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect(again.json).toEqual(first.json);
		const conflict = await call(sandbox.get(), '/divisions', {
			method: 'POST',
			body: { ...body, city: 'Vejle' },
			headers,
		});
		expect(conflict.status).toBe(422);
		expect(conflict.json.businessErrors[0].type).toBe('IdempotencyConflict');
		const listed = await call(sandbox.get(), '/divisions?pageSize=100');
		expect(
			listed.json.divisions.filter(
				(division: { companyName: string }) => division.companyName === 'Keyed Branch',
			),
		).toHaveLength(1);
		// Without a key the same body makes another division, as the spec leaves it.
		const unkeyed = await call(sandbox.get(), '/divisions', { method: 'POST', body });
		expect(unkeyed.json.id).not.toBe(first.json.id);
	});

	it('divisions: 201 on create, the :archive alias, 422 on a second archive, archived ones hidden by default', async () => {
		const created = await call(sandbox.get(), '/divisions', {
			method: 'POST',
			body: { companyName: 'Branch', city: 'Aarhus', countryCode: 'DK' },
		});
		expect(created.status).toBe(201);
		const bad = await call(sandbox.get(), '/divisions', {
			method: 'POST',
			body: { companyName: 'Branch', city: 'Aarhus', countryCode: 'DNK' },
		});
		expect(bad.status).toBe(400);
		const archived = await call(sandbox.get(), `/divisions/${created.json.id}:archive`, {
			method: 'POST',
		});
		expect(archived.json).toMatchObject({ isArchived: true });
		const again = await call(sandbox.get(), `/divisions/${created.json.id}/archive`, {
			method: 'POST',
		});
		expect(again.status).toBe(422);
		const listed = await call(sandbox.get(), '/divisions');
		expect(listed.json.divisions.map((d: { id: string }) => d.id)).not.toContain(created.json.id);
		const withArchived = await call(sandbox.get(), '/divisions?includeArchived=true');
		expect(withArchived.json.divisions.map((d: { id: string }) => d.id)).toContain(created.json.id);
	});

	it('divisions: delete is refused while an open case uses the division, allowed once the case is closed', async () => {
		const created = await call(sandbox.get(), '/divisions', {
			method: 'POST',
			body: { companyName: 'Branch', city: 'Aarhus', countryCode: 'DK' },
		});
		const stored = sandbox.get().createCase({ isTest: true, creditorDivisionId: created.json.id });
		expect(
			(await call(sandbox.get(), `/divisions/${created.json.id}`, { method: 'DELETE' })).status,
		).toBe(422);
		sandbox.get().updateCase(stored.id, { lifecycle: 'Closed' });
		expect(
			(await call(sandbox.get(), `/divisions/${created.json.id}`, { method: 'DELETE' })).status,
		).toBe(204);
		expect((await call(sandbox.get(), `/divisions/${created.json.id}`)).status).toBe(404);
	});
});
