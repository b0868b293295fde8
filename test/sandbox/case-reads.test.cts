import type { InvoiceDto } from '../../sandbox/index.cjs';
import { call, daysAgo, NAIVE_TIMESTAMP, useSandbox, validCaseBody } from './helpers.cjs';

describe('sandbox: reading cases', () => {
	const sandbox = useSandbox();

	describe('single-case lookups', () => {
		let created: InvoiceDto;
		beforeAll(async () => {
			const result = await call(sandbox.get(), '/cases', {
				method: 'POST',
				body: validCaseBody({ creditorReference: 'LOOKUP/42 ÆØÅ' }),
			});
			created = result.json;
		});

		it('finds a case by id, with zone-less timestamps', async () => {
			const result = await call(sandbox.get(), `/cases/${created.id}`);
			expect(result.status).toBe(200);
			expect(result.json.id).toBe(created.id);
			expect(result.json.reference).toBe(created.reference);
			expect(result.json.dueDate).toMatch(NAIVE_TIMESTAMP);
		});

		it('answers 400 for an id that is not a uuid and 404 for an unknown one', async () => {
			const bad = await call(sandbox.get(), '/cases/not-a-guid');
			expect(bad.status).toBe(400);
			expect(bad.json.businessErrors[0].type).toBe('InvalidId');
			const missing = await call(sandbox.get(), '/cases/00000000-0000-4000-8000-000000000000');
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({
				error: expect.any(String),
				message: expect.any(String),
				businessErrors: [{ type: 'NotFound', message: expect.any(String), solutionUrl: null }],
			});
		});

		it('finds a case by creditor reference (URL-encoded), 404 otherwise', async () => {
			const found = await call(
				sandbox.get(),
				`/cases/by-creditor-reference/${encodeURIComponent('LOOKUP/42 ÆØÅ')}`,
			);
			expect(found.status).toBe(200);
			expect(found.json.id).toBe(created.id);
			const missing = await call(sandbox.get(), '/cases/by-creditor-reference/NOPE-1');
			expect(missing.status).toBe(404);
			expect(missing.json.businessErrors[0].type).toBe('NotFound');
		});

		it('a deleted case is no longer found by its references, and its creditor reference can be used again', async () => {
			const body = validCaseBody({ isTest: true, creditorReference: 'REUSED-7' });
			const first = (await call(sandbox.get(), '/cases', { method: 'POST', body }))
				.json as InvoiceDto;
			expect(
				(await call(sandbox.get(), '/cases', { method: 'POST', body: { ...body } })).status,
			).toBe(422);
			expect(
				(await call(sandbox.get(), `/test/cases/${first.id}`, { method: 'DELETE' })).status,
			).toBe(204);
			expect((await call(sandbox.get(), '/cases/by-creditor-reference/REUSED-7')).status).toBe(404);
			expect((await call(sandbox.get(), `/cases/case-reference/${first.reference}`)).status).toBe(
				404,
			);
			const second = await call(sandbox.get(), '/cases', { method: 'POST', body: { ...body } });
			expect(second.status).toBe(200);
			expect((await call(sandbox.get(), '/cases/by-creditor-reference/REUSED-7')).json.id).toBe(
				second.json.id,
			);
		});

		it('finds a case by case reference (any case), 404 otherwise, 400 when blank', async () => {
			const found = await call(
				sandbox.get(),
				`/cases/case-reference/${created.reference!.toLowerCase()}`,
			);
			expect(found.status).toBe(200);
			expect(found.json.id).toBe(created.id);
			expect((await call(sandbox.get(), '/cases/case-reference/ZZZZZZZZ')).status).toBe(404);
			expect((await call(sandbox.get(), '/cases/case-reference/%20')).status).toBe(400);
		});
	});

	describe('GET /cases', () => {
		let ids: Record<string, string>;
		beforeAll(() => {
			sandbox.get().reset();
			const make = (name: string, extra: Record<string, unknown>) =>
				sandbox
					.get()
					.createCase({ creditorReference: name, debtor: { type: 'Company', name }, ...extra }).id;
			ids = {
				oldest: make('oldest', {
					dateCreated: daysAgo(30),
					amountToRecover: 500,
					lifecycle: 'Active',
				}),
				middle: make('middle', {
					dateCreated: daysAgo(20),
					amountToRecover: 1500,
					lifecycle: 'Closed',
					closeCode: 'Paid',
					dateUpdated: daysAgo(1),
				}),
				newest: make('newest', {
					dateCreated: daysAgo(10),
					amountToRecover: 1000,
					creditorDivisionId: '7d8e9fa0-b1c2-4d3e-9f40-5a6b7c8d9e01',
				}),
			};
		});

		const idsOf = (result: { json: { cases: InvoiceDto[] } }) => result.json.cases.map((c) => c.id);

		it('lists oldest first by default with page metadata', async () => {
			const result = await call(sandbox.get(), '/cases');
			expect(result.status).toBe(200);
			expect(result.json.page).toEqual({
				totalResults: 3,
				pageSize: 10,
				currentPage: 1,
				responseCount: 3,
				totalPages: 1,
			});
			expect(idsOf(result)).toEqual([ids.oldest, ids.middle, ids.newest]);
			expect(result.json.cases[0].dateCreated).toMatch(NAIVE_TIMESTAMP);
		});

		it('filters by status name or label, case-insensitively, repeated or comma-separated', async () => {
			expect(idsOf(await call(sandbox.get(), '/cases?Statuses=closed'))).toEqual([ids.middle]);
			expect(
				idsOf(
					await call(sandbox.get(), '/cases?statuses=Active,pending%20verification%20internal'),
				),
			).toEqual([ids.oldest, ids.newest]);
			expect(idsOf(await call(sandbox.get(), '/cases?Statuses=Active&Statuses=Closed'))).toEqual([
				ids.oldest,
				ids.middle,
			]);
			expect((await call(sandbox.get(), '/cases?Statuses=Sleeping')).status).toBe(400);
		});

		it('filters by Ids and DivisionIds, and rejects ids that are not uuids', async () => {
			expect(idsOf(await call(sandbox.get(), `/cases?Ids=${ids.newest},${ids.oldest}`))).toEqual([
				ids.oldest,
				ids.newest,
			]);
			expect(
				idsOf(await call(sandbox.get(), `/cases?Ids=${ids.middle}&Ids=${ids.newest}`)),
			).toEqual([ids.middle, ids.newest]);
			expect(
				idsOf(await call(sandbox.get(), '/cases?DivisionIds=7d8e9fa0-b1c2-4d3e-9f40-5a6b7c8d9e01')),
			).toEqual([ids.newest]);
			const bad = await call(sandbox.get(), '/cases?Ids=abc');
			expect(bad.status).toBe(400);
			expect(bad.json.businessErrors[0].type).toBe('InvalidId');
		});

		it('sorts by the documented fields and ignores unknown ones', async () => {
			expect(idsOf(await call(sandbox.get(), '/cases?Sort=GrossAmount:desc'))).toEqual([
				ids.middle,
				ids.newest,
				ids.oldest,
			]);
			expect(idsOf(await call(sandbox.get(), '/cases?Sort=grossamount'))).toEqual([
				ids.oldest,
				ids.newest,
				ids.middle,
			]);
			expect(idsOf(await call(sandbox.get(), '/cases?Sort=DateCreated:desc'))).toEqual([
				ids.newest,
				ids.middle,
				ids.oldest,
			]);
			// Never-updated cases have a null dateUpdated, which sorts lowest.
			expect(idsOf(await call(sandbox.get(), '/cases?Sort=DateUpdated:desc'))).toEqual([
				ids.middle,
				ids.oldest,
				ids.newest,
			]);
			expect(idsOf(await call(sandbox.get(), '/cases?Sort=Banana:desc,GrossAmount:asc'))).toEqual([
				ids.oldest,
				ids.newest,
				ids.middle,
			]);
			expect(idsOf(await call(sandbox.get(), '/cases?Sort=Banana:desc'))).toEqual([
				ids.oldest,
				ids.middle,
				ids.newest,
			]);
		});

		it('pages, returns an empty page past the end, and validates Page and PageSize', async () => {
			const second = await call(sandbox.get(), '/cases?Page=2&PageSize=2');
			expect(second.json.page).toEqual({
				totalResults: 3,
				pageSize: 2,
				currentPage: 2,
				responseCount: 1,
				totalPages: 2,
			});
			expect(idsOf(second)).toEqual([ids.newest]);
			const past = await call(sandbox.get(), '/cases?Page=9&PageSize=2');
			expect(past.status).toBe(200);
			expect(past.json.cases).toEqual([]);
			expect(past.json.page.responseCount).toBe(0);
			for (const query of ['PageSize=101', 'PageSize=0', 'Page=0', 'Page=abc']) {
				const bad = await call(sandbox.get(), `/cases?${query}`);
				expect({ query, status: bad.status }).toEqual({ query, status: 400 });
				expect(bad.json.businessErrors[0].type).toBe('InvalidPagination');
			}
			expect((await call(sandbox.get(), '/cases?PageSize=100')).status).toBe(200);
		});
	});

	// The sandbox reuses its last sort while nothing it sorted by has changed (a long list is read page
	// by page, the same sort each time): every kind of change must still show in the next read.
	describe('GET /cases: the same sort asked for again', () => {
		const byUpdate = async () =>
			(
				(await call(sandbox.get(), '/cases?Sort=DateUpdated:desc&PageSize=100')).json
					.cases as InvoiceDto[]
			).map((c) => c.creditorReference);

		// Each change a few ms after the last, so no two changes share a timestamp.
		const later = () => new Promise((resolve) => setTimeout(resolve, 5));

		it('shows cases changed in place, a payment, a test advance, new and deleted cases', async () => {
			sandbox.get().reset();
			const make = (name: string, updatedDaysAgo: number) =>
				sandbox.get().createCase({
					isTest: true,
					creditorReference: name,
					dateCreated: daysAgo(40),
					dateUpdated: daysAgo(updatedDaysAgo),
					amountToRecover: 900,
				});
			const [a, b, c] = [make('A', 3), make('B', 2), make('C', 1)];
			expect(await byUpdate()).toEqual(['C', 'B', 'A']);
			expect(await byUpdate()).toEqual(['C', 'B', 'A']);

			await later();
			sandbox.get().updateCase(a.id, { lifecycle: 'Paused' });
			expect(await byUpdate()).toEqual(['A', 'C', 'B']);
			await later();
			sandbox.get().addPayment({ caseId: b.id, grossAmount: 100 });
			expect(await byUpdate()).toEqual(['B', 'A', 'C']);
			await later();
			expect(
				(
					await call(sandbox.get(), `/test/cases/${c.id}/advance`, {
						method: 'POST',
						body: { to: 'Closed:NoPayment' },
					})
				).json,
			).toMatchObject({ advanced: true });
			expect(await byUpdate()).toEqual(['C', 'B', 'A']);
			await later();
			make('D', 0);
			expect(await byUpdate()).toEqual(['D', 'C', 'B', 'A']);
			expect((await call(sandbox.get(), `/test/cases/${b.id}`, { method: 'DELETE' })).status).toBe(
				204,
			);
			expect(await byUpdate()).toEqual(['D', 'C', 'A']);
		});
	});
});
