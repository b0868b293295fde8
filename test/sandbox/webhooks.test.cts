import { createHmac } from 'node:crypto';

import { startSandbox, type Sandbox } from '../../sandbox/index.cjs';
import { startReceiver, type Received, type Receiver } from '../webhook/receiver.cjs';
import { call, validCaseBody } from './helpers.cjs';

/** Checks a delivery the way Debitura documents it, independently of the sandbox's own signer. */
function signatureIsValid(delivery: Received, secretBase64: string): boolean {
	const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery.headers['x-debitura-signature'] ?? '');
	if (!match) return false;
	const expected = createHmac('sha256', Buffer.from(secretBase64, 'base64'))
		.update(Buffer.concat([Buffer.from(`${match[1]}.`), delivery.rawBody]))
		.digest('hex');
	return expected === match[2] && Math.abs(Number(match[1]) - Date.now() / 1000) < 60;
}

describe('sandbox: webhooks', () => {
	let sandbox: Sandbox;
	let receiver: Receiver;

	beforeAll(async () => {
		sandbox = await startSandbox({ webhookLoopback: true, webhookRetryScale: 0.0005 });
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});
	beforeEach(() => {
		sandbox.reset();
		sandbox.webhooks.setLoopback(true);
		receiver.received.length = 0;
		receiver.answers.length = 0;
	});

	async function subscribe(
		events: string[],
		isTestMode = true,
	): Promise<{ id: string; secret: string }> {
		const created = await call(sandbox, '/webhooks', {
			method: 'POST',
			body: { url: receiver.url, events, isTestMode },
		});
		expect(created.status).toBe(201);
		return created.json;
	}

	async function newCase(isTest = true, debtorName = 'Acme Handels GmbH'): Promise<string> {
		const created = await call(sandbox, '/cases', {
			method: 'POST',
			body: validCaseBody({ isTest, amountToRecover: 800 }, { name: debtorName }),
		});
		expect(created.status).toBe(200);
		return created.json.id;
	}

	describe('subscriptions', () => {
		it('shows the base64 secret once, at creation', async () => {
			const created = await call(sandbox, '/webhooks', {
				method: 'POST',
				body: { url: receiver.url, events: ['case.created'], isTestMode: true },
			});
			expect(created.json).toMatchObject({
				url: receiver.url,
				events: ['case.created'],
				isActive: true,
				isTestMode: true,
				disabledReason: null,
			});
			expect(Buffer.from(created.json.secret, 'base64')).toHaveLength(32);
			const one = await call(sandbox, `/webhooks/${created.json.id}`);
			expect(one.json.secret).toBeNull();
			const all = await call(sandbox, '/webhooks');
			expect(all.json).toHaveLength(1);
			expect(all.json[0].secret).toBeNull();
		});

		it.each([
			['http://hooks.example.com/x', 400, 'HTTPS'],
			['https://hooks.example.com:8080/x', 400, '443 or 8443'],
			['https://10.0.0.5/x', 422, 'private'],
			['https://192.168.1.2/x', 422, 'private'],
			['https://169.254.169.254/latest', 422, 'private'],
			['https://[::1]/x', 422, 'private'],
		])('refuses %s (%i)', async (url, status, words) => {
			sandbox.webhooks.setLoopback(false);
			const refused = await call(sandbox, '/webhooks', {
				method: 'POST',
				body: { url, events: ['case.created'] },
			});
			expect(refused.status).toBe(status);
			expect(refused.json.message).toContain(words);
		});

		it('accepts public HTTPS on 443 and 8443', async () => {
			for (const url of [
				'https://n8n.example.com/webhook/x',
				'https://n8n.example.com:8443/webhook/x',
			]) {
				expect(
					(
						await call(sandbox, '/webhooks', {
							method: 'POST',
							body: { url, events: ['case.created'] },
						})
					).status,
				).toBe(201);
			}
		});

		it('takes loopback http:// URLs only when started that way', async () => {
			sandbox.webhooks.setLoopback(false);
			const refused = await call(sandbox, '/webhooks', {
				method: 'POST',
				body: { url: receiver.url, events: ['case.created'] },
			});
			expect(refused.status).toBe(400);
			sandbox.webhooks.setLoopback(true);
			expect(
				(
					await call(sandbox, '/webhooks', {
						method: 'POST',
						body: { url: receiver.url, events: ['case.created'] },
					})
				).status,
			).toBe(201);
		});

		it('validates the event names and wants at least one', async () => {
			expect(
				(
					await call(sandbox, '/webhooks', {
						method: 'POST',
						body: { url: receiver.url, events: [] },
					})
				).status,
			).toBe(400);
			const unknown = await call(sandbox, '/webhooks', {
				method: 'POST',
				body: { url: receiver.url, events: ['payment.received'] },
			});
			expect(unknown.status).toBe(400);
			expect(unknown.json.message).toContain('payment.received');
		});

		it('deletes with 204, then 404', async () => {
			const { id } = await subscribe(['case.created']);
			expect((await call(sandbox, `/webhooks/${id}`, { method: 'DELETE' })).status).toBe(204);
			expect((await call(sandbox, `/webhooks/${id}`, { method: 'DELETE' })).status).toBe(404);
			expect((await call(sandbox, `/webhooks/${id}`)).status).toBe(404);
		});

		it('hands out 32-byte secrets, and weak ones only when a test asks (in process or over /__sandbox/webhooks/secret)', async () => {
			const bytesOf = async () =>
				Buffer.from((await subscribe(['case.created'])).secret, 'base64').length;
			expect(await bytesOf()).toBe(32);
			sandbox.webhooks.setSecretBytes(16);
			expect(await bytesOf()).toBe(16);
			const control = (body: unknown) =>
				call(sandbox, '/__sandbox/webhooks/secret', {
					method: 'POST',
					body,
					headers: { 'Content-Type': 'application/json' },
					apiKey: null,
				});
			expect((await control({ bytes: 0 })).json).toEqual({ secretBytes: 0 });
			expect((await subscribe(['case.created'])).secret).toBe('');
			expect((await control({})).json).toEqual({ secretBytes: 32 });
			expect(await bytesOf()).toBe(32);
			sandbox.webhooks.setSecretBytes(8);
			sandbox.reset();
			sandbox.webhooks.setLoopback(true);
			expect(await bytesOf()).toBe(32);
		});

		it('PATCH regenerates the secret and re-enables', async () => {
			const { id, secret } = await subscribe(['case.created']);
			const patched = await call(sandbox, `/webhooks/${id}`, {
				method: 'PATCH',
				body: { regenerateSecret: true, isActive: false },
			});
			expect(patched.json.isActive).toBe(false);
			expect(patched.json.secret).not.toBe(secret);
			const enabled = await call(sandbox, `/webhooks/${id}`, {
				method: 'PATCH',
				body: { isActive: true },
			});
			expect(enabled.json).toMatchObject({ isActive: true, disabledReason: null, secret: null });
		});
	});

	describe('deliveries', () => {
		it('signs case.created over the raw body, with .NET-style escaped JSON', async () => {
			const { secret } = await subscribe(['case.created']);
			const caseId = await newCase(true, 'Müller & Söhne');
			await sandbox.webhooks.idle();
			expect(receiver.received).toHaveLength(1);
			const [delivery] = receiver.received;
			expect(signatureIsValid(delivery, secret)).toBe(true);
			expect(delivery.headers).toMatchObject({
				'x-debitura-event': 'case.created',
				'x-debitura-test': 'true',
				'content-type': 'application/json; charset=utf-8',
			});
			expect(delivery.headers['x-debitura-replay']).toBeUndefined();
			expect(delivery.json).toMatchObject({
				specVersion: '1.0',
				event: 'case.created',
				data: { caseId, isTest: true, classification: 'test' },
			});
			expect(delivery.json.links.self).toBe(`${sandbox.url}/cases/${caseId}`);
			// Re-serialising the parsed body changes the bytes, so it would not verify.
			expect(JSON.stringify(delivery.json)).not.toBe(delivery.rawBody.toString());
		});

		it('sends test-case events only to test subscriptions and live ones only to live subscriptions', async () => {
			await subscribe(['case.created'], true);
			await newCase(false);
			await sandbox.webhooks.idle();
			expect(receiver.received).toHaveLength(0);
			await subscribe(['case.created'], false);
			await newCase(false);
			await sandbox.webhooks.idle();
			expect(receiver.received.map((r) => r.json.data.isTest)).toEqual([false]);
		});

		it('reports the lifecycle, a payment and the close when a test case is advanced', async () => {
			await subscribe(['case.updated', 'case.closed', 'payment.created']);
			const caseId = await newCase();
			await call(sandbox, `/test/cases/${caseId}/advance`, {
				method: 'POST',
				body: { to: 'Active' },
			});
			await sandbox.webhooks.idle();
			await call(sandbox, `/test/cases/${caseId}/advance`, {
				method: 'POST',
				body: { to: 'Closed:Paid', amount: 300 },
			});
			await sandbox.webhooks.idle();
			// Repeating a target already reached fires nothing.
			await call(sandbox, `/test/cases/${caseId}/advance`, {
				method: 'POST',
				body: { to: 'Closed:Paid', amount: 300 },
			});
			await sandbox.webhooks.idle();
			const events = receiver.received.map((r) => r.json);
			expect(events.map((e) => e.event).sort()).toEqual([
				'case.closed',
				'case.updated',
				'case.updated',
				'payment.created',
			]);
			expect(
				events.find((e) => e.event === 'case.updated' && e.data.newLifecycle === 'Active').data
					.oldLifecycle,
			).toBe('Pending Verification Internal');
			expect(events.find((e) => e.event === 'payment.created').data).toMatchObject({
				grossAmount: 300,
				currency: 'EUR',
			});
			expect(events.find((e) => e.event === 'case.closed').data.closeCode).toBe('Paid');
		});

		it('reports deleted payments and chat messages', async () => {
			await subscribe(['payment.deleted', 'chat.created']);
			const caseId = await newCase();
			const payment = sandbox.addPayment({ caseId, grossAmount: 50 });
			sandbox.deletePayment(payment.id);
			const chat = await call(sandbox, `/cases/${caseId}/chats`, {
				method: 'POST',
				body: { message: 'Debtor called', userEmail: 'mette.jensen@example.com' },
			});
			expect(chat.json).toMatchObject({ message: 'Debtor called', role: 1, roleLabel: 'Creditor' });
			await sandbox.webhooks.idle();
			expect(
				receiver.received.map((r) => [r.json.event, r.json.data.paymentId ?? r.json.data.message]),
			).toEqual([
				['payment.deleted', payment.id],
				['chat.created', 'Debtor called'],
			]);
		});
	});

	describe('retries and disabling', () => {
		it('retries a failed delivery and stops once it succeeds', async () => {
			await subscribe(['case.created']);
			receiver.answers.push(500, 503, 500);
			await newCase();
			await sandbox.webhooks.idle();
			expect(receiver.received).toHaveLength(4);
			expect(new Set(receiver.received.map((r) => r.json.id)).size).toBe(1);
			const [event] = sandbox.webhooks.events();
			expect(event).toMatchObject({ attemptCount: 4, lastResponseCode: 200, lastError: null });
			expect(event.deliveredAt).not.toBeNull();
			expect(sandbox.webhooks.subscriptions()[0].isActive).toBe(true);
		});

		it('disables the subscription after 8 failed attempts', async () => {
			const { id } = await subscribe(['case.created']);
			receiver.answers.push(...Array(8).fill(500));
			await newCase();
			await sandbox.webhooks.idle();
			expect(receiver.received).toHaveLength(8);
			const read = await call(sandbox, `/webhooks/${id}`);
			expect(read.json).toMatchObject({
				isActive: false,
				disabledReason: 'Exceeded maximum retry attempts (8 failures)',
			});
			await newCase();
			await sandbox.webhooks.idle();
			expect(receiver.received).toHaveLength(8);
		});

		it('disables the subscription at once on 410 Gone', async () => {
			const { id } = await subscribe(['case.created']);
			receiver.answers.push(410);
			await newCase();
			await sandbox.webhooks.idle();
			expect(receiver.received).toHaveLength(1);
			expect((await call(sandbox, `/webhooks/${id}`)).json).toMatchObject({
				isActive: false,
				disabledReason: 'Endpoint returned 410 Gone',
			});
		});

		it("spaces retries by Debitura's schedule (1, 2, 4 … minutes), scaled", async () => {
			await subscribe(['case.created']);
			receiver.answers.push(500, 500);
			await newCase();
			await sandbox.webhooks.idle();
			const sent = sandbox.webhooks.attempts().map((a) => a.sentAt);
			// Scale 0.0005: 60 s → 30 ms, 120 s → 60 ms (±10 % jitter, timers are never early).
			expect(sent[1] - sent[0]).toBeGreaterThanOrEqual(26);
			expect(sent[2] - sent[1]).toBeGreaterThanOrEqual(53);
		});
	});

	describe('event log, replay and fire', () => {
		it("lists a case's events newest first and wants a caseId", async () => {
			await subscribe(['case.created', 'case.updated']);
			const caseId = await newCase();
			await call(sandbox, `/test/cases/${caseId}/advance`, {
				method: 'POST',
				body: { to: 'Active' },
			});
			await sandbox.webhooks.idle();
			const log = await call(sandbox, `/webhooks/events?caseId=${caseId}`);
			expect(log.json.map((e: any) => e.eventType)).toEqual(['case.updated', 'case.created']);
			expect(JSON.parse(log.json[1].payload).id).toBe(log.json[1].id);
			expect(log.json[1]).toMatchObject({ attemptCount: 1, lastResponseCode: 200, caseId });
			expect((await call(sandbox, '/webhooks/events')).status).toBe(400);
		});

		it('replays the exact payload with X-Debitura-Replay: true', async () => {
			await subscribe(['case.created']);
			const caseId = await newCase();
			await sandbox.webhooks.idle();
			const [event] = (await call(sandbox, `/webhooks/events?caseId=${caseId}`)).json;
			const replay = await call(sandbox, `/webhooks/events/${event.id}/replay`, { method: 'POST' });
			expect(replay.json).toEqual({
				eventId: event.id,
				subscriptionId: event.subscriptionId,
				eventType: 'case.created',
			});
			await sandbox.webhooks.idle();
			expect(receiver.received).toHaveLength(2);
			expect(receiver.received[1].rawBody.equals(receiver.received[0].rawBody)).toBe(true);
			expect(receiver.received[1].headers['x-debitura-replay']).toBe('true');
			expect(
				(
					await call(sandbox, '/webhooks/events/00000000-0000-0000-0000-000000000000/replay', {
						method: 'POST',
					})
				).status,
			).toBe(404);
		});

		it('fires current-state events for test cases, 422 when there is nothing to report', async () => {
			const { id } = await subscribe(['payment.created', 'case.updated']);
			const caseId = await newCase();
			const fire = (body: unknown) =>
				call(sandbox, '/test/webhooks/fire', { method: 'POST', body });
			expect((await fire({ event: 'payment.created', caseId })).status).toBe(422);
			const fired = await fire({ event: 'case.updated', caseId, subscriptionId: id });
			expect(fired.json).toEqual({ eventType: 'case.updated', caseId, enqueuedCount: 1 });
			expect((await fire({ event: 'case.closed', caseId })).json.enqueuedCount).toBe(0);
			expect((await fire({ event: 'case.updated', caseId: await newCase(false) })).status).toBe(
				400,
			);
			expect((await fire({ event: 'nope', caseId })).status).toBe(400);
			await sandbox.webhooks.idle();
			expect(receiver.received[0].json.data).toMatchObject({
				oldLifecycle: 'Pending Verification Internal',
				newLifecycle: 'Pending Verification Internal',
			});
		});

		it('deleting a test case (by ID or by tag) deletes its delivery records and what fire would report', async () => {
			await subscribe(['case.created', 'payment.created', 'chat.created']);
			const byId = await newCase();
			const created = await call(sandbox, '/cases', {
				method: 'POST',
				body: validCaseBody({ isTest: true, amountToRecover: 800, tag: 'run-9' }),
			});
			const byTag = created.json.id;
			for (const caseId of [byId, byTag]) {
				await call(sandbox, `/test/cases/${caseId}/advance`, {
					method: 'POST',
					body: { to: 'Closed:Paid', amount: 10 },
				});
				sandbox.webhooks.addChat(caseId, 'Paid in full.');
			}
			await sandbox.webhooks.idle();
			expect((await call(sandbox, `/webhooks/events?caseId=${byId}`)).json).toHaveLength(3);
			const [logged] = (await call(sandbox, `/webhooks/events?caseId=${byTag}`)).json;

			expect((await call(sandbox, `/test/cases/${byId}`, { method: 'DELETE' })).status).toBe(204);
			expect((await call(sandbox, '/test/cases?tag=run-9', { method: 'DELETE' })).status).toBe(204);
			for (const caseId of [byId, byTag])
				expect((await call(sandbox, `/webhooks/events?caseId=${caseId}`)).json).toEqual([]);
			expect(sandbox.webhooks.events()).toEqual([]);
			expect(
				(await call(sandbox, `/webhooks/events/${logged.id}/replay`, { method: 'POST' })).status,
			).toBe(404);
		});

		it('sends forged and stale probes for receivers to refuse', async () => {
			const { secret } = await subscribe(['case.created']);
			await newCase();
			await sandbox.webhooks.idle();
			const [event] = sandbox.webhooks.events();
			await sandbox.webhooks.probe({ eventId: event.id, signature: 'wrong-secret' });
			await sandbox.webhooks.probe({ eventId: event.id, timestampOffsetSeconds: -301 });
			expect(signatureIsValid(receiver.received[1], secret)).toBe(false);
			expect(signatureIsValid(receiver.received[2], secret)).toBe(false);
		});
	});
});
