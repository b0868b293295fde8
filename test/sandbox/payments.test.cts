import type { PaymentDto } from '../../sandbox/index.cjs';
import { call, daysAgo, NAIVE_TIMESTAMP, useSandbox } from './helpers.cjs';

describe('sandbox: payments', () => {
	const sandbox = useSandbox();
	let caseA: string;
	let caseB: string;
	/** Ids in order of dateCreated, oldest first (deliberately not insertion order). */
	let byAge: string[];

	beforeAll(() => {
		const sb = sandbox.get();
		sb.reset();
		caseA = sb.createCase({
			currencyCode: 'DKK',
			amountToRecover: 10_000,
			lifecycle: 'Active',
			debtor: { type: 'Company', name: 'A', countryAlpha2: 'DK' },
		}).id;
		caseB = sb.createCase({ currencyCode: 'GBP', amountToRecover: 500, isTest: true }).id;
		const created = [5, 1, 9, 3, 7, 2, 8].map((age, i) => ({
			age,
			id: sb.addPayment({
				caseId: i % 2 === 0 ? caseA : caseB,
				grossAmount: 10 + i,
				dateCreated: daysAgo(age),
			}).id,
		}));
		byAge = [...created].sort((a, b) => b.age - a.age).map((p) => p.id);
	});

	async function allPages(pageSize: number): Promise<string[]> {
		const ids: string[] = [];
		for (let page = 1; ; page++) {
			const result = await call(sandbox.get(), `/Payments?Page=${page}&PageSize=${pageSize}`);
			expect(result.status).toBe(200);
			ids.push(...result.json.payments.map((p: PaymentDto) => p.id));
			if (page >= result.json.page.totalPages) return ids;
		}
	}

	it('lists oldest-first by dateCreated ascending', async () => {
		sandbox.get().setPaymentOrder('oldest-first');
		expect(await allPages(3)).toEqual(byAge);
	});

	it('lists newest-first by dateCreated descending (the default)', async () => {
		sandbox.get().setPaymentOrder('newest-first');
		expect(await allPages(2)).toEqual([...byAge].reverse());
	});

	it("'unsorted' is neither order, is stable, and a new payment shifts positions", async () => {
		const sb = sandbox.get();
		sb.setPaymentOrder('unsorted');
		const first = await allPages(3);
		expect(new Set(first)).toEqual(new Set(byAge));
		expect(first).not.toEqual(byAge);
		expect(first).not.toEqual([...byAge].reverse());
		expect(await allPages(3)).toEqual(first);

		// Add payments until one lands somewhere other than the end; with a hash order that is near-certain at once.
		let after: string[] = first;
		let added: string[] = [];
		for (
			let attempt = 0;
			attempt < 10 && after.slice(0, first.length).every((id, i) => id === first[i]);
			attempt++
		) {
			added.push(sb.addPayment({ caseId: caseA, grossAmount: 1 }).id);
			after = await allPages(3);
		}
		expect(after.slice(0, first.length)).not.toEqual(first);
		expect(new Set(after)).toEqual(new Set([...first, ...added]));
		for (const id of added) sb.deletePayment(id);
		added = [];
	});

	it('uses PageSize 10 by default and validates Page and PageSize', async () => {
		sandbox.get().setPaymentOrder('newest-first');
		const page = await call(sandbox.get(), '/payments');
		expect(page.json.page).toEqual({
			totalResults: 7,
			pageSize: 10,
			currentPage: 1,
			responseCount: 7,
			totalPages: 1,
		});
		expect((await call(sandbox.get(), '/Payments?PageSize=101')).status).toBe(400);
		expect((await call(sandbox.get(), '/Payments?Page=0')).status).toBe(400);
		expect((await call(sandbox.get(), '/Payments?pagesize=100')).status).toBe(200);
	});

	it('shows PaymentDto fields exactly, linked to the case', async () => {
		const sb = sandbox.get();
		const id = sb.addPayment({
			caseId: caseA,
			grossAmount: 250.5,
			date: '2024-05-01T10:00:00Z',
			recipient: 'Creditor',
			method: 'Card',
		}).id;
		const result = await call(sb, `/Payments/${id}`);
		expect(result.status).toBe(200);
		const caseA_ = sb.getCase(caseA)!;
		expect(result.json).toEqual({
			id,
			dateCreated: expect.stringMatching(NAIVE_TIMESTAMP),
			dateUpdated: null,
			date: '2024-05-01T10:00:00.000',
			grossAmount: 250.5,
			recipient: 'Creditor',
			method: 'Card',
			currency: 'DKK',
			invoice: { status: 'Active', reference: caseA_.reference, invoiceId: caseA },
		});
		expect(caseA_.remainder).toBe(10_000 - 10 - 12 - 14 - 16 - 250.5);
		sb.deletePayment(id);
		expect((await call(sb, `/Payments/${id}`)).status).toBe(404);
		expect((await call(sb, '/Payments/123')).status).toBe(400);
	});

	it("lists one case's payments unpaginated; 404 for an unknown case", async () => {
		const result = await call(sandbox.get(), `/cases/${caseB}/payments`);
		expect(result.status).toBe(200);
		expect(result.json).toHaveLength(3);
		expect(
			result.json.every((p: PaymentDto) => p.invoice.invoiceId === caseB && p.currency === 'GBP'),
		).toBe(true);
		expect(
			(await call(sandbox.get(), '/cases/00000000-0000-4000-8000-000000000000/payments')).status,
		).toBe(404);
	});

	it('editPayment bumps dateUpdated unless told otherwise', () => {
		const sb = sandbox.get();
		const [payment] = sb.listPayments();
		const before = Date.now();
		const edited = sb.editPayment(payment.id, { grossAmount: 99 });
		expect(edited.grossAmount).toBe(99);
		expect(Date.parse(`${edited.dateUpdated}Z`)).toBeGreaterThanOrEqual(before - 1);
		const pinned = sb.editPayment(payment.id, { dateUpdated: '2024-01-02T03:04:05Z' });
		expect(pinned.dateUpdated).toBe('2024-01-02T03:04:05.000');
	});
});
