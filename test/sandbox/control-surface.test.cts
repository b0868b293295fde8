import type { InvoiceDto, PaymentDto, RecordedRequest } from '../../sandbox/index.cjs';
import { call, daysAgo, useSandbox, validCaseBody } from './helpers.cjs';

/** The /__sandbox/ HTTP endpoints, driven only over HTTP, as an external n8n process would. */
describe('sandbox: HTTP control surface', () => {
	const sandbox = useSandbox();

	/** Every request that changes something is JSON, an empty one included (see local-safety.test.cts). */
	function control(path: string, method = 'GET', body?: unknown) {
		const headers: Record<string, string> =
			method === 'GET' ? {} : { 'Content-Type': 'application/json' };
		return call(sandbox.get(), `/__sandbox${path}`, { method, body, headers, apiKey: null });
	}

	it('resets, creates cases and payments, edits and deletes payments, and shows state', async () => {
		expect((await control('/reset', 'POST')).status).toBe(204);
		const created = await control('/cases', 'POST', {
			isTest: true,
			currencyCode: 'NOK',
			amountToRecover: 900,
			lifecycle: 'Active',
			creditorReference: 'CTRL-1',
		});
		expect(created.status).toBe(200);
		const theCase: InvoiceDto = created.json;
		expect(theCase).toMatchObject({
			isTestCase: true,
			currency: 'NOK',
			lifecycle: 'Active',
			creditorReference: 'CTRL-1',
		});

		const added = await control('/payments', 'POST', {
			caseId: theCase.id,
			grossAmount: 400,
			dateCreated: daysAgo(3),
		});
		expect(added.status).toBe(200);
		const payment: PaymentDto = added.json;
		expect(payment).toMatchObject({
			grossAmount: 400,
			currency: 'NOK',
			invoice: { invoiceId: theCase.id, reference: theCase.reference },
		});

		const edited = await control(`/payments/${payment.id}`, 'PATCH', { grossAmount: 450 });
		expect(edited.status).toBe(200);
		expect(edited.json.grossAmount).toBe(450);
		expect(edited.json.dateUpdated).not.toBeNull();

		const state = await control('/state');
		expect(state.json.cases.map((c: InvoiceDto) => c.id)).toEqual([theCase.id]);
		expect(state.json.cases[0].remainder).toBe(450);
		expect(state.json.payments.map((p: PaymentDto) => p.id)).toEqual([payment.id]);

		expect((await control(`/payments/${payment.id}`, 'DELETE')).status).toBe(204);
		expect((await control(`/payments/${payment.id}`, 'DELETE')).status).toBe(404);
		expect(
			(
				await control('/payments', 'POST', {
					caseId: '00000000-0000-4000-8000-000000000000',
					grossAmount: 1,
				})
			).status,
		).toBe(404);
		expect((await control('/state')).json.payments).toEqual([]);
	});

	it('switches the payment order', async () => {
		await control('/reset', 'POST');
		const caseId = (await control('/cases', 'POST', {})).json.id;
		const older = (
			await control('/payments', 'POST', { caseId, grossAmount: 1, dateCreated: daysAgo(5) })
		).json.id;
		const newer = (
			await control('/payments', 'POST', { caseId, grossAmount: 2, dateCreated: daysAgo(1) })
		).json.id;
		expect((await control('/order', 'POST', { order: 'oldest-first' })).json).toEqual({
			order: 'oldest-first',
		});
		expect(
			(await call(sandbox.get(), '/Payments')).json.payments.map((p: PaymentDto) => p.id),
		).toEqual([older, newer]);
		await control('/order', 'POST', { order: 'newest-first' });
		expect(
			(await call(sandbox.get(), '/Payments')).json.payments.map((p: PaymentDto) => p.id),
		).toEqual([newer, older]);
		expect((await control('/order', 'POST', { order: 'sideways' })).status).toBe(400);
	});

	it('toggles contract signing', async () => {
		expect((await control('/contracts', 'POST', { signed: false })).json).toEqual({
			signed: false,
		});
		expect(
			(
				await call(sandbox.get(), '/cases', {
					method: 'POST',
					body: validCaseBody({ isTest: false }),
				})
			).status,
		).toBe(422);
		await control('/contracts', 'POST', { signed: true });
		expect(
			(
				await call(sandbox.get(), '/cases', {
					method: 'POST',
					body: validCaseBody({ isTest: false }),
				})
			).status,
		).toBe(200);
	});

	it('injects and clears faults, with string paths', async () => {
		expect(
			(
				await control('/faults', 'POST', {
					kind: 'server-error',
					status: 502,
					path: '/me',
					count: 2,
				})
			).status,
		).toBe(204);
		expect((await call(sandbox.get(), '/me')).status).toBe(502);
		expect((await control('/faults', 'DELETE')).status).toBe(204);
		expect((await call(sandbox.get(), '/me')).status).toBe(200);
		expect((await control('/faults', 'POST', { kind: 'bogus' })).status).toBe(400);
	});

	it('lists recorded API requests, without control requests', async () => {
		await control('/reset', 'POST');
		await call(sandbox.get(), '/cases?Statuses=Active,Closed', { headers: { 'X-Trace': 'abc' } });
		await control('/state');
		const requests: RecordedRequest[] = (await control('/requests')).json;
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			path: '/cases',
			query: { Statuses: ['Active,Closed'] },
			status: 200,
		});
		expect(requests[0].headers['x-trace']).toBe('abc');
		expect(requests[0].headers.xapikey).toBe('sandbox key');
	});

	it('serves uploaded file bytes', async () => {
		const caseId = (await control('/cases', 'POST', { isTest: true })).json.id;
		const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a]);
		const upload = new FormData();
		upload.append('File', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'x.pdf');
		const fileId = (
			await call(sandbox.get(), `/cases/${caseId}/files`, { method: 'POST', body: upload })
		).json.id;
		const response = await fetch(
			`${sandbox.get().url}/__sandbox/cases/${caseId}/files/${fileId}/content`,
		);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
		expect(
			(await control(`/cases/${caseId}/files/00000000-0000-4000-8000-000000000000/content`)).status,
		).toBe(404);
	});

	it('needs no API key and answers 404 for unknown control paths', async () => {
		expect((await control('/nothing-here')).status).toBe(404);
		expect((await control('/state')).status).toBe(200);
	});
});
