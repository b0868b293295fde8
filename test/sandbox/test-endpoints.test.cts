import { call, useSandbox, validCaseBody } from './helpers.cjs';

describe('sandbox: /test endpoints', () => {
	const sandbox = useSandbox();

	async function newTestCase(extra: Record<string, unknown> = {}): Promise<string> {
		const result = await call(sandbox.get(), '/cases', {
			method: 'POST',
			body: validCaseBody({ isTest: true, amountToRecover: 800, ...extra }),
		});
		expect(result.status).toBe(200);
		return result.json.id;
	}

	function advance(id: string, body: unknown) {
		return call(sandbox.get(), `/test/cases/${id}/advance`, { method: 'POST', body });
	}

	describe('POST /test/cases/{id}/advance', () => {
		it('activates a new test case once, then reports advanced:false', async () => {
			const id = await newTestCase();
			const first = await advance(id, { to: 'Active' });
			expect(first.status).toBe(200);
			expect(first.json).toEqual({ advanced: true, state: 'Active' });
			const read = sandbox.get().getCase(id)!;
			expect(read.lifecycle).toBe('Active');
			expect(read.dateUpdated).not.toBeNull();
			expect(read.dateCollectionStarted).not.toBeNull();
			expect((await advance(id, { to: 'Active' })).json).toEqual({
				advanced: false,
				state: 'Active',
			});
		});

		it('closes as Paid with a payment in the case currency', async () => {
			const id = await newTestCase({ currencyCode: 'SEK' });
			const result = await advance(id, { to: 'Closed:Paid', amount: 300 });
			expect(result.json).toEqual({ advanced: true, state: 'Closed:Paid' });

			const read = await call(sandbox.get(), `/cases/${id}`);
			expect(read.json).toMatchObject({
				lifecycle: 'Closed',
				closeCode: 'Paid',
				remainder: 500,
				grossAmount: 800,
			});
			expect(read.json.dateFinished).not.toBeNull();
			expect(read.json.dateUpdated).not.toBeNull();

			const payments = await call(sandbox.get(), `/cases/${id}/payments`);
			expect(payments.json).toHaveLength(1);
			expect(payments.json[0]).toMatchObject({
				grossAmount: 300,
				currency: 'SEK',
				invoice: { status: 'Closed', invoiceId: id },
			});
			const all = await call(sandbox.get(), '/Payments?PageSize=100');
			expect(all.json.payments.map((p: { id: string }) => p.id)).toContain(payments.json[0].id);

			expect((await advance(id, { to: 'Closed:Paid', amount: 300 })).json).toEqual({
				advanced: false,
				state: 'Closed:Paid',
			});
			expect((await call(sandbox.get(), `/cases/${id}/payments`)).json).toHaveLength(1);
			// Already closed as Paid: another close code is refused, Active is a no-op.
			expect((await advance(id, { to: 'Closed:NoPayment' })).status).toBe(400);
			expect((await advance(id, { to: 'Active' })).json).toEqual({
				advanced: false,
				state: 'Closed:Paid',
			});
		});

		it('closes with the no-payment close code (en dash)', async () => {
			const id = await newTestCase();
			expect((await advance(id, { to: 'Closed:NoPayment' })).json).toEqual({
				advanced: true,
				state: 'Closed:NoPayment',
			});
			expect(sandbox.get().getCase(id)!.closeCode).toBe('Pre-Legal Exhausted \u2013 No Payment');
			expect((await advance(id, { to: 'Closed:Paid', amount: 5 })).status).toBe(400);
		});

		it('rejects production cases, a missing amount, bad targets and unknown cases', async () => {
			const production = sandbox.get().createCase({ isTest: false }).id;
			expect((await advance(production, { to: 'Active' })).status).toBe(400);
			const id = await newTestCase();
			expect((await advance(id, { to: 'Closed:Paid' })).status).toBe(400);
			expect((await advance(id, { to: 'Closed:Paid', amount: 0 })).status).toBe(400);
			expect((await advance(id, { to: 'Legal' })).status).toBe(400);
			expect((await advance('00000000-0000-4000-8000-000000000000', { to: 'Active' })).status).toBe(
				404,
			);
			expect(sandbox.get().getCase(id)!.lifecycle).toBe('Pending Verification Internal');
		});
	});

	describe('DELETE /test/cases', () => {
		it('deletes a test case with its payments and files; 204 again afterwards, 404 for never-seen ids', async () => {
			const sb = sandbox.get();
			const id = await newTestCase();
			await advance(id, { to: 'Closed:Paid', amount: 100 });
			const paymentId = (await call(sb, `/cases/${id}/payments`)).json[0].id;
			const upload = new FormData();
			upload.append('File', new Blob(['hello']), 'note.txt');
			const fileId = (await call(sb, `/cases/${id}/files`, { method: 'POST', body: upload })).json
				.id;

			const deleted = await call(sb, `/test/cases/${id}`, { method: 'DELETE' });
			expect(deleted.status).toBe(204);
			expect(deleted.text).toBe('');
			expect((await call(sb, `/cases/${id}`)).status).toBe(404);
			expect((await call(sb, `/Payments/${paymentId}`)).status).toBe(404);
			expect(sb.getFile(id, fileId)).toBeUndefined();
			expect((await call(sb, `/test/cases/${id}`, { method: 'DELETE' })).status).toBe(204);
			expect(
				(await call(sb, '/test/cases/00000000-0000-4000-8000-000000000000', { method: 'DELETE' }))
					.status,
			).toBe(404);
		});

		it('refuses to delete a production case', async () => {
			const production = sandbox.get().createCase({ isTest: false }).id;
			expect(
				(await call(sandbox.get(), `/test/cases/${production}`, { method: 'DELETE' })).status,
			).toBe(400);
			expect(sandbox.get().getCase(production)).toBeDefined();
		});

		it('deletes by tag, and deletes nothing when a production case shares the tag', async () => {
			const sb = sandbox.get();
			const tagged = [await newTestCase({ tag: 'run-1' }), await newTestCase({ tag: 'run-1' })];
			const other = await newTestCase({ tag: 'run-2' });
			expect((await call(sb, '/test/cases?tag=run-1', { method: 'DELETE' })).status).toBe(204);
			expect(tagged.map((id) => sb.getCase(id))).toEqual([undefined, undefined]);
			expect(sb.getCase(other)).toBeDefined();
			expect((await call(sb, '/test/cases?tag=nothing-matches', { method: 'DELETE' })).status).toBe(
				204,
			);

			sb.createCase({ isTest: false, tag: 'run-2' });
			expect((await call(sb, '/test/cases?tag=run-2', { method: 'DELETE' })).status).toBe(400);
			expect(sb.getCase(other)).toBeDefined();

			expect((await call(sb, '/test/cases', { method: 'DELETE' })).status).toBe(400);
			expect((await call(sb, '/test/cases?tag=%20', { method: 'DELETE' })).status).toBe(400);
		});
	});
});
