import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../../../../scripts/n8n/cli.cjs';
import { localOwner } from '../../../../scripts/n8n/local-owner.cjs';
import { generateOwnerPassword } from '../../../../scripts/n8n/local-secrets.cjs';
import { N8nRestSession } from '../../../../scripts/n8n/rest-session.cjs';
import { startN8n, type RunningN8n } from '../../../../scripts/n8n/server.cjs';
import { startSandbox, type Sandbox } from '../../../../sandbox/index.cjs';
import { startCollector, type Collector } from '../collector.cjs';
import { importSandboxCredential } from '../sandbox-credential-import.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';
import { sleep, waitFor } from '../wait.cjs';
import { nodeNamed, postEachItemTo, readExample, writeWorkflow } from '../workflows.cjs';

const EXAMPLE = 'payment-or-case-closed-to-crm.json';
const TRIGGER = 'Debitura Event';
const WORKFLOW_ID = 'dbtEventsToCrm';
const EVENTS = ['case.created', 'case.updated', 'case.closed', 'payment.created'];
/** A delivery reaches n8n within milliseconds; this is slack for a loaded machine. */
const DELIVERY_WAIT_MS = 60_000;
/** After the expected records arrived: time for a duplicate, should one be on its way. */
const QUIET_MS = 5_000;

/**
 * The webhook example published in a running n8n, against a sandbox that delivers to loopback URLs:
 * n8n subscribes its own webhook URL once, each event of a test case runs the workflow once, forged,
 * stale and replayed deliveries run nothing, a restart re-uses the subscription, and deactivating
 * the workflow deletes it. n8n's webhook URL is http://127.0.0.1:<port>/ (N8N_PROTOCOL, N8N_HOST,
 * N8N_PORT; what WEBHOOK_URL would say), which only the sandbox's loopback mode accepts.
 */
export function webhookTriggerScenario(app: N8nApp): void {
	describe(`the webhook trigger example published in ${app.label}`, () => {
		let sandbox: Sandbox;
		let test: TestInstance;
		let collector: Collector;
		let n8n: RunningN8n | undefined;
		let webhookId: string;
		let caseId: string;

		const api = async (method: string, apiPath: string, body?: unknown) => {
			const response = await fetch(`${sandbox.url}${apiPath}`, {
				method,
				headers: {
					XApiKey: sandbox.apiKey,
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			return { status: response.status, json: text ? JSON.parse(text) : undefined };
		};

		const webhookCalls = () =>
			sandbox.requests
				.filter((request) => request.path.startsWith('/webhooks'))
				.map((request) => request.method);

		/**
		 * Starts n8n; on first activation waits until the trigger has subscribed (n8n's activation log
		 * line differs between versions for webhook-only workflows), then a little longer, so a
		 * second call that should not come would have come.
		 */
		const startAndActivate = async (firstTime: boolean) => {
			sandbox.requests.length = 0;
			n8n = startN8n(test.instance);
			await n8n.ready;
			if (firstTime)
				await waitFor(
					'the trigger to subscribe',
					() => (webhookCalls().length > 0 ? true : undefined),
					60_000,
				);
			await sleep(QUIET_MS);
		};

		const webhookUrl = () => `${n8n!.url}/webhook/${webhookId}/webhook`;

		const eventsReceived = () => collector.received.map((record) => record.event as string);

		beforeAll(async () => {
			sandbox = await startSandbox({ webhookLoopback: true, webhookRetryScale: 0.01 });
			collector = await startCollector();
			test = await createTestInstance(app);
			const workflow = readExample(EXAMPLE);
			const trigger = nodeNamed(workflow, TRIGGER);
			trigger.parameters.events = EVENTS;
			webhookId = (trigger as unknown as { webhookId: string }).webhookId;
			postEachItemTo(workflow, 'CRM Update', collector.url);
			const folder = mkdtempSync(path.join(test.instance.userFolder, 'workflows-'));
			await importSandboxCredential(test.instance, sandbox);
			await importWorkflows(test.instance, writeWorkflow(folder, workflow), false);
			await publishWorkflow(test.instance, workflow.id);
		});

		afterAll(async () => {
			await n8n?.stop();
			await collector?.close();
			await sandbox?.close();
			test?.dispose();
		});

		it("subscribes n8n's webhook URL once, for test cases and the chosen events", async () => {
			await startAndActivate(true);
			// Reads first (the trigger lists the account's subscriptions for strays), then one subscription.
			expect(webhookCalls().filter((method) => method !== 'GET')).toEqual(['POST']);
			const subscriptions = sandbox.webhooks.subscriptions();
			expect(subscriptions).toHaveLength(1);
			expect(subscriptions[0]).toMatchObject({
				url: webhookUrl(),
				isTestMode: true,
				isActive: true,
			});
			expect([...subscriptions[0].events].sort()).toEqual([...EVENTS].sort());
		});

		it('runs the workflow once per event as a test case is created, activated and paid', async () => {
			const created = await api('POST', '/cases', {
				isTest: true,
				creditorReference: 'E2E-WEBHOOK-1',
				currencyCode: 'EUR',
				amountToRecover: 900,
				date: new Date(Date.now() - 60 * 86_400_000).toISOString(),
				debtor: {
					type: 'Company',
					name: 'Webhook Test GmbH',
					address: 'Teststraße 3',
					city: 'Hamburg',
					countryAlpha2: 'DE',
				},
			});
			expect(created.status).toBe(200);
			caseId = created.json.id;
			await waitFor(
				'case.created',
				() => (eventsReceived().includes('case.created') ? true : undefined),
				DELIVERY_WAIT_MS,
			);
			expect((await api('POST', `/test/cases/${caseId}/advance`, { to: 'Active' })).json).toEqual({
				advanced: true,
				state: 'Active',
			});
			expect(
				(await api('POST', `/test/cases/${caseId}/advance`, { to: 'Closed:Paid', amount: 900 }))
					.json,
			).toEqual({ advanced: true, state: 'Closed:Paid' });
			await waitFor(
				'five CRM updates',
				() => (collector.received.length >= 5 ? true : undefined),
				DELIVERY_WAIT_MS,
			);
			await sleep(QUIET_MS);

			expect(eventsReceived().sort()).toEqual([
				'case.closed',
				'case.created',
				'case.updated',
				'case.updated',
				'payment.created',
			]);
			const logged = sandbox.webhooks.events();
			expect(collector.received.map((record) => record.eventId).sort()).toEqual(
				logged.map((event) => event.id).sort(),
			);
			expect(
				logged.every((event) => event.attemptCount === 1 && event.lastResponseCode === 200),
			).toBe(true);
			const payment = collector.received.find((record) => record.event === 'payment.created')!;
			expect(payment).toMatchObject({
				invoiceNumber: 'E2E-WEBHOOK-1',
				customer: 'Webhook Test GmbH',
				amountPaid: 900,
				currency: 'EUR',
			});
			expect(collector.received.find((record) => record.event === 'case.closed')).toMatchObject({
				invoiceStatus: 'paid',
				outstanding: 0,
			});
		});

		it('runs nothing for forged, stale, unsigned and replayed deliveries', async () => {
			const before = collector.received.length;
			const [event] = sandbox.webhooks.events();
			const probes = await Promise.all([
				sandbox.webhooks.probe({ eventId: event.id, signature: 'wrong-secret' }),
				sandbox.webhooks.probe({ eventId: event.id, signature: 'raw-secret' }),
				sandbox.webhooks.probe({ eventId: event.id, timestampOffsetSeconds: -301 }),
				sandbox.webhooks.probe({ eventId: event.id, signature: 'none' }),
			]);
			expect(probes.map((probe) => probe.status)).toEqual([401, 401, 401, 401]);
			expect((await api('POST', `/webhooks/events/${event.id}/replay`)).status).toBe(200);
			await sandbox.webhooks.idle();
			expect(
				sandbox.webhooks
					.attempts()
					.filter((attempt) => attempt.kind === 'replay')
					.map((attempt) => attempt.status),
			).toEqual([200]);
			await sleep(QUIET_MS);
			expect(collector.received.length).toBe(before);
		});

		it('after a restart, keeps the one subscription (checked, never duplicated) and keeps receiving', async () => {
			const [before] = sandbox.webhooks.subscriptions();
			await n8n!.stop();
			await startAndActivate(false);
			// n8n 2.x keeps a published workflow's webhook registered across restarts and does not
			// always ask the node again (2.41 skips checkExists when the webhook row exists): at most a
			// check (GET), never a second subscription.
			expect(webhookCalls().filter((method) => method !== 'GET')).toEqual([]);
			expect(sandbox.webhooks.subscriptions().map((subscription) => subscription.id)).toEqual([
				before.id,
			]);

			const received = collector.received.length;
			expect(
				(await api('POST', '/test/webhooks/fire', { event: 'case.updated', caseId })).json
					.enqueuedCount,
			).toBe(1);
			await waitFor(
				'the fired case.updated',
				() => (collector.received.length > received ? true : undefined),
				DELIVERY_WAIT_MS,
			);
			await sleep(QUIET_MS);
			expect(collector.received.length).toBe(received + 1);
		});

		it('deactivating the workflow deletes the subscription', async () => {
			const session = new N8nRestSession(n8n!.url);
			const owner = localOwner(generateOwnerPassword());
			await session.setupOwner(owner);
			await session.login(owner);
			const answer = await session.request('POST', `/workflows/${WORKFLOW_ID}/deactivate`, {});
			expect(answer.status).toBe(200);
			await waitFor(
				'the subscription to be deleted',
				() => (sandbox.webhooks.subscriptions().length === 0 ? true : undefined),
				30_000,
			);
		});
	});
}
