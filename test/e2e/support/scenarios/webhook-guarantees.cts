import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../../../../scripts/n8n/cli.cjs';
import { localOwner } from '../../../../scripts/n8n/local-owner.cjs';
import { generateOwnerPassword } from '../../../../scripts/n8n/local-secrets.cjs';
import { N8nRestSession } from '../../../../scripts/n8n/rest-session.cjs';
import {
	SANDBOX_CREDENTIAL,
	sandboxCredentialData,
} from '../../../../scripts/n8n/sandbox-credential.cjs';
import { startN8n, type RunningN8n } from '../../../../scripts/n8n/server.cjs';
import { startSandbox, type Sandbox } from '../../../../sandbox/index.cjs';
import { dotnetJson, signatureHeader } from '../../../../sandbox/webhooks-wire.cjs';
import { startCollector, type Collector } from '../collector.cjs';
import { parseJsonLogs } from '../json-logs.cjs';
import { forgetStaticData } from '../n8n-database.cjs';
import { importSandboxCredential } from '../sandbox-credential-import.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';
import { sleep, waitFor } from '../wait.cjs';
import { writeWorkflow, type WorkflowJson } from '../workflows.cjs';

const ALL_EVENTS = [
	'case.created',
	'case.updated',
	'case.closed',
	'payment.created',
	'payment.deleted',
	'chat.created',
];
const TRIGGER = 'Debitura Trigger';
/** The workflow most tests drive: test cases, all six events, Include Case Details on, each item posted to a collector as the trigger put it out. */
const EVENTS_ID = 'dbtHookGuarantee';
/** A second workflow on test and live cases (two subscriptions, two secrets), for payments only: the case events the tests fire are not its. */
const BOTH_ID = 'dbtHookBothModes';
/** A delivery reaches n8n within milliseconds; this is slack for a loaded machine. */
const DELIVERY_WAIT_MS = 60_000;
/** After the expected records arrived: time for a duplicate, should one be on its way. */
const QUIET_MS = 5_000;
/**
 * How long the sandbox holds the re-publish test's case lookups (Include Case Details): long enough to
 * re-publish meanwhile, short of Debitura's 10 s delivery timeout.
 */
const HELD_LOOKUP_MS = 8_000;

function triggerWorkflow(
	id: string,
	cases: 'test' | 'both',
	events: string[],
	includeCaseDetails: boolean,
	collectorUrl: string,
): WorkflowJson {
	return {
		id,
		name: `Debitura Trigger guarantees (${cases})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: TRIGGER,
				type: 'n8n-nodes-debitura.debituraTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { events, cases, includeCaseDetails },
				credentials: { debituraApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name } },
				webhookId: randomUUID(),
			} as WorkflowJson['nodes'][number],
			{
				id: randomUUID(),
				name: 'Send to Collector',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'POST',
					url: collectorUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Send to Collector', type: 'main', index: 0 }]] } },
	};
}

const webhookIdOf = (workflow: WorkflowJson) =>
	(workflow.nodes[0] as unknown as { webhookId: string }).webhookId;

/**
 * What the Debitura Trigger promises, tried in a running n8n as users run it (`n8n start`, published
 * workflows, deliveries from the sandbox to n8n's loopback URL): each event runs once across
 * concurrent deliveries and a restart, a re-publish during deliveries keeps the new secret, activation
 * leaves exactly one subscription per URL, a switched account and a weak secret are handled, and the
 * test/live flag comes from the subscription whose secret verified the delivery.
 */
export function webhookGuaranteesScenario(app: N8nApp): void {
	describe(`the Debitura Trigger's guarantees in ${app.label}`, () => {
		let sandbox: Sandbox;
		let test: TestInstance;
		let collector: Collector;
		let bothCollector: Collector;
		let n8n: RunningN8n | undefined;
		let session: N8nRestSession;
		let events: WorkflowJson;
		let both: WorkflowJson;
		let caseId: string;

		const api = async (
			method: string,
			apiPath: string,
			body?: unknown,
			on: { url: string; apiKey: string } = sandbox,
		) => {
			const response = await fetch(`${on.url}${apiPath}`, {
				method,
				headers: {
					XApiKey: on.apiKey,
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			return { status: response.status, json: text ? JSON.parse(text) : undefined };
		};

		const urlOf = (workflow: WorkflowJson) =>
			`${n8n!.url}/webhook/${webhookIdOf(workflow)}/webhook`;
		const subscriptionsFor = (workflow: WorkflowJson, on: Sandbox = sandbox) =>
			on.webhooks.subscriptions().filter((subscription) => subscription.url === urlOf(workflow));
		const workflowById = (id: string) => (id === EVENTS_ID ? events : both);
		const recordsOf = (eventId: string, from: Collector = collector) =>
			from.received.filter((record) => record.id === eventId);

		/** The executions n8n recorded for a workflow, newest first. */
		const executionsOf = async (workflowId: string) => {
			const answer = await session.request<{
				data: { results: Array<{ id: string; status: string }> };
			}>(
				'GET',
				`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
			);
			if (answer.status !== 200)
				throw new Error(
					`Listing executions answered ${answer.status}: ${JSON.stringify(answer.body)}`,
				);
			return answer.body.data.results;
		};
		const finishedExecutions = (workflowId: string) =>
			waitFor(
				`the executions of ${workflowId} to finish`,
				async () => {
					const all = await executionsOf(workflowId);
					return all.every((execution) => !['new', 'running'].includes(execution.status))
						? all
						: undefined;
				},
				DELIVERY_WAIT_MS,
			);

		const startN8nAndLogIn = async () => {
			n8n = startN8n(test.instance);
			await n8n.ready;
			session = new N8nRestSession(n8n.url);
			const owner = localOwner(ownerPassword);
			await session.setupOwner(owner);
			await session.login(owner);
		};
		const ownerPassword = generateOwnerPassword();

		/** Fires events of the test case at once (one delivery each, to the events workflow); resolves with their ids. */
		const fireAtOnce = async (types: string[]) => {
			const before = new Set(sandbox.webhooks.events().map((event) => event.id));
			const fired = await Promise.all(
				types.map((event) => api('POST', '/test/webhooks/fire', { event, caseId })),
			);
			expect(fired.map((answer) => answer.status)).toEqual(types.map(() => 200));
			const ids = sandbox.webhooks
				.events()
				.filter((event) => !before.has(event.id))
				.map((event) => event.id);
			expect(ids).toHaveLength(types.length);
			return ids;
		};

		/**
		 * Unpublishes and publishes the workflow again, as a user does in the editor, and waits until the
		 * trigger has subscribed at `on`: n8n 2.8 activates before it answers, n8n 2.41 after,
		 * through its publication outbox (which re-registers a trigger only when it changed, so a plain
		 * re-publish of the same version would not subscribe again). Returns the answer to the publish.
		 */
		const republish = async (workflowId: string, on: Sandbox = sandbox) => {
			const answered = (method: string, apiPath: RegExp) =>
				on.requests.filter(
					(request) =>
						request.method === method && apiPath.test(request.path) && request.status > 0,
				).length;
			const current = await session.request<{ data: { versionId: string; active: boolean } }>(
				'GET',
				`/workflows/${workflowId}`,
			);
			if (current.body.data.active) {
				const deletes = answered('DELETE', /^\/webhooks\//);
				expect(
					(await session.request('POST', `/workflows/${workflowId}/deactivate`, {})).status,
				).toBe(200);
				// Slack for n8n 2.41's outbox; a trigger that knows no subscription deletes nothing.
				await waitFor(
					'the trigger to unsubscribe',
					() => (answered('DELETE', /^\/webhooks\//) > deletes ? true : undefined),
					10_000,
				).catch(() => undefined);
			}
			const creates = answered('POST', /^\/webhooks$/);
			const answer = await session.request<{ message?: string }>(
				'POST',
				`/workflows/${workflowId}/activate`,
				{ versionId: current.body.data.versionId },
			);
			// n8n 2.8 has activated by the time it answers: a trigger that found its subscription intact asked for none.
			const activatedAlready = () =>
				answer.status === 200 &&
				app.version.startsWith('2.8.') &&
				subscriptionsFor(workflowById(workflowId), on).length > 0;
			await waitFor(
				'the published trigger to subscribe',
				() => (answered('POST', /^\/webhooks$/) > creates || activatedAlready() ? true : undefined),
				DELIVERY_WAIT_MS,
			).catch((error: Error) => {
				const calls = on.requests
					.filter((request) => request.path.startsWith('/webhooks'))
					.slice(-12)
					.map((request) => `${request.method} ${request.path} ${request.status}`);
				const complaints = parseJsonLogs(n8n!.logs)
					.filter((entry) => ['warn', 'error'].includes(entry.level))
					.slice(-8)
					.map((entry) => entry.message);
				throw new Error(
					`${error.message}; publishing answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}; the sandbox's last webhook calls: ${calls.join(', ')}; n8n's last complaints: ${complaints.join(' | ')}`,
				);
			});
			return answer;
		};
		/**
		 * The activation error n8n reports for a workflow, or null: n8n 2.8 keeps it with the workflow
		 * (GET /active-workflows/error/:id); n8n 2.41 also on each trigger's publication status.
		 */
		const activationError = async (workflowId: string) => {
			const kept = await session.request<{ data: string | null }>(
				'GET',
				`/active-workflows/error/${workflowId}`,
			);
			if (kept.status !== 200)
				throw new Error(
					`Reading the activation error answered ${kept.status}: ${JSON.stringify(kept.body)}`,
				);
			if (kept.body.data) return kept.body.data;
			const publication = await session.request<{
				data: { triggers: Array<{ status: string; errorMessage: string | null }> };
			}>('GET', `/workflows/${workflowId}/publication-status`);
			if (publication.status !== 200) return null;
			const failures = publication.body.data.triggers.filter(
				(trigger) => trigger.status === 'failed' && trigger.errorMessage,
			);
			return failures.length > 0
				? failures.map((trigger) => trigger.errorMessage).join('; ')
				: null;
		};

		beforeAll(async () => {
			sandbox = await startSandbox({ webhookLoopback: true, webhookRetryScale: 0.001 });
			collector = await startCollector();
			bothCollector = await startCollector();
			test = await createTestInstance(app);
			events = triggerWorkflow(EVENTS_ID, 'test', ALL_EVENTS, true, collector.url);
			both = triggerWorkflow(BOTH_ID, 'both', ['payment.created'], false, bothCollector.url);
			const folder = mkdtempSync(path.join(test.instance.userFolder, 'workflows-'));
			await importSandboxCredential(test.instance, sandbox);
			writeWorkflow(folder, events);
			writeWorkflow(folder, both);
			await importWorkflows(test.instance, folder, true);
			await publishWorkflow(test.instance, EVENTS_ID);
			await publishWorkflow(test.instance, BOTH_ID);
			const created = await api('POST', '/cases', {
				isTest: true,
				creditorReference: 'E2E-HOOK-GUARANTEE-1',
				currencyCode: 'EUR',
				amountToRecover: 800,
				date: new Date(Date.now() - 60 * 86_400_000).toISOString(),
				debtor: {
					type: 'Company',
					name: 'Guarantee Test GmbH',
					address: 'Teststraße 4',
					city: 'Bremen',
					countryAlpha2: 'DE',
				},
			});
			expect(created.status).toBe(200);
			caseId = created.json.id;

			await startN8nAndLogIn();
			await waitFor(
				'both workflows to subscribe',
				() =>
					subscriptionsFor(events).length === 1 && subscriptionsFor(both).length === 2
						? true
						: undefined,
				DELIVERY_WAIT_MS,
			);
			await sleep(QUIET_MS);
		});

		afterAll(async () => {
			await n8n?.stop();
			await collector?.close();
			await bothCollector?.close();
			await sandbox?.close();
			test?.dispose();
		});

		it('takes the test/live flag from the subscription whose secret verified the delivery, not from X-Debitura-Test', async () => {
			const [testSubscription] = subscriptionsFor(both).filter(
				(subscription) => subscription.isTestMode,
			);
			const [liveSubscription] = subscriptionsFor(both).filter(
				(subscription) => !subscription.isTestMode,
			);
			expect(liveSubscription).toBeDefined();
			/** A delivery as Debitura would sign it with the subscription's secret, plus whatever headers a sender adds. */
			const deliver = async (secret: string, headers: Record<string, string>) => {
				const id = randomUUID();
				const body = Buffer.from(
					dotnetJson({
						id,
						specVersion: '1.0',
						event: 'payment.created',
						timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
						data: {
							caseId: randomUUID(),
							reference: 'E2E-LIVE-FLAG',
							paymentId: randomUUID(),
							grossAmount: 10,
							currency: 'EUR',
							isTest: false,
						},
					}),
				);
				const response = await fetch(urlOf(both), {
					method: 'POST',
					headers: {
						'content-type': 'application/json; charset=utf-8',
						'x-debitura-event': 'payment.created',
						'x-debitura-signature': signatureHeader(secret, Math.floor(Date.now() / 1000), body),
						...headers,
					},
					body: new Uint8Array(body),
				});
				expect(response.status).toBe(200);
				return id;
			};
			const live = await deliver(liveSubscription.secret, { 'x-debitura-test': 'true' });
			const unflagged = await deliver(testSubscription.secret, {});
			await waitFor(
				'both deliveries to run',
				() =>
					recordsOf(live, bothCollector).length && recordsOf(unflagged, bothCollector).length
						? true
						: undefined,
				DELIVERY_WAIT_MS,
			);
			expect(recordsOf(live, bothCollector).map((record) => record.isTest)).toEqual([false]);
			expect(recordsOf(unflagged, bothCollector).map((record) => record.isTest)).toEqual([true]);
		});

		it('runs seven concurrent deliveries once each, and after a restart on the same URL a replay of each runs nothing', async () => {
			const ids = await fireAtOnce([
				'case.created',
				'case.updated',
				'case.closed',
				'case.updated',
				'case.created',
				'case.closed',
				'case.updated',
			]);
			await waitFor(
				'the seven events to run',
				() => (ids.every((id) => recordsOf(id).length > 0) ? true : undefined),
				DELIVERY_WAIT_MS,
			);
			await sandbox.webhooks.idle();
			await finishedExecutions(EVENTS_ID);
			await sleep(QUIET_MS);
			expect(ids.map((id) => recordsOf(id).length)).toEqual(ids.map(() => 1));
			const executionsBefore = (await executionsOf(EVENTS_ID)).length;
			const recordsBefore = collector.received.length;

			await n8n!.stop();
			await startN8nAndLogIn();
			expect(subscriptionsFor(events)).toHaveLength(1);

			for (const id of ids)
				expect((await api('POST', `/webhooks/events/${id}/replay`)).status).toBe(200);
			await sandbox.webhooks.idle();
			await sleep(QUIET_MS);
			await finishedExecutions(EVENTS_ID);
			// Each replay was answered 200 (acknowledged), and none started an execution.
			const replays = sandbox.webhooks
				.attempts()
				.filter((attempt) => attempt.kind === 'replay' && ids.includes(attempt.eventId));
			expect(replays.map((attempt) => attempt.status)).toEqual(ids.map(() => 200));
			expect({
				records: collector.received.length,
				executions: (await executionsOf(EVENTS_ID)).length,
			}).toEqual({
				records: recordsBefore,
				executions: executionsBefore,
			});
		});

		it('accepts the next genuine delivery after a re-publish made while deliveries were being received', async () => {
			const [before] = subscriptionsFor(events);
			// Include Case Details looks the case up; held, the deliveries are in n8n's hands while the workflow is re-published.
			const lookups = () =>
				sandbox.requests.filter(
					(request) =>
						request.method === 'GET' && request.path.toLowerCase() === `/cases/${caseId}`,
				);
			const lookupsBefore = lookups().length;
			sandbox.injectFault({
				kind: 'slow',
				method: 'GET',
				path: `/cases/${caseId}`,
				delayMs: HELD_LOOKUP_MS,
				count: 3,
			});
			const inFlight = await fireAtOnce(['case.updated', 'case.updated', 'case.updated']);
			await waitFor(
				"the three deliveries' case lookups to be held",
				() =>
					lookups()
						.slice(lookupsBefore)
						.filter((request) => request.status === 0).length >= 3
						? true
						: undefined,
				DELIVERY_WAIT_MS,
			);
			const republished = await republish(EVENTS_ID);
			expect(republished.status).toBe(200);
			// The test means something only if the re-publish finished while the deliveries were still held.
			expect(
				lookups()
					.slice(lookupsBefore)
					.filter((request) => request.status === 0).length,
			).toBeGreaterThan(0);
			await waitFor(
				'the old subscription to be replaced',
				() =>
					subscriptionsFor(events).every((subscription) => subscription.id !== before.id)
						? true
						: undefined,
				DELIVERY_WAIT_MS,
			);
			expect(subscriptionsFor(events)).toHaveLength(1);
			await sandbox.webhooks.idle();
			await waitFor(
				'the held deliveries to run',
				() => (inFlight.every((id) => recordsOf(id).length > 0) ? true : undefined),
				DELIVERY_WAIT_MS,
			).catch(() => undefined);
			await finishedExecutions(EVENTS_ID);

			const [next] = await fireAtOnce(['case.updated']);
			await sandbox.webhooks.idle();
			await waitFor(
				'the delivery after the re-publish to run',
				() => (recordsOf(next).length > 0 ? true : undefined),
				DELIVERY_WAIT_MS,
			).catch(() => undefined);
			const attempts = sandbox.webhooks.attempts().filter((attempt) => attempt.eventId === next);
			expect({ firstAnswer: attempts[0]?.status, records: recordsOf(next).length }).toEqual({
				firstAnswer: 200,
				records: 1,
			});
		});

		it('leaves exactly one subscription for its URL when activated with its static data gone, and receives on it', async () => {
			await n8n!.stop();
			await forgetStaticData(test.instance, EVENTS_ID);
			await startN8nAndLogIn();
			// n8n keeps a published webhook registered across restarts without asking the trigger again;
			// publishing it again is what activates it.
			await republish(EVENTS_ID);
			await sleep(QUIET_MS);
			expect(subscriptionsFor(events).map((subscription) => subscription.isActive)).toEqual([true]);

			const [next] = await fireAtOnce(['case.updated']);
			await sandbox.webhooks.idle();
			await waitFor(
				'the delivery to run',
				() => (recordsOf(next).length > 0 ? true : undefined),
				DELIVERY_WAIT_MS,
			).catch(() => undefined);
			expect(
				sandbox.webhooks
					.attempts()
					.filter((attempt) => attempt.eventId === next)
					.map((attempt) => attempt.status),
			).toEqual([200]);
			expect(recordsOf(next)).toHaveLength(1);
		});

		it('refuses activation on a secret shorter than 32 bytes (empty or 16 bytes), and leaves no subscription behind', async () => {
			try {
				for (const bytes of [0, 16]) {
					sandbox.webhooks.setSecretBytes(bytes);
					const answer = await republish(EVENTS_ID);
					// n8n 2.8 answers the activation with its error; n8n 2.41 activates after answering.
					expect({ bytes, status: answer.status }).toEqual({
						bytes,
						status: app.version.startsWith('2.8.') ? 400 : 200,
					});
					const reported = await waitFor(
						'n8n to report the refused activation, and the subscription to be gone',
						async () => {
							const error = await activationError(EVENTS_ID);
							return error && subscriptionsFor(events).length === 0 ? error : undefined;
						},
						DELIVERY_WAIT_MS,
					).catch(
						(error: Error) =>
							`${error.message}; subscriptions left: ${subscriptionsFor(events).length}`,
					);
					expect({ bytes, reported }).toEqual({
						bytes,
						reported: expect.stringMatching(/secret/i),
					});
				}
			} finally {
				sandbox.webhooks.setSecretBytes(undefined);
			}
		});

		it('on a credential switched to another account, removes its subscription at the old account or says it could not', async () => {
			expect((await republish(EVENTS_ID)).status).toBe(200);
			expect(subscriptionsFor(events).length).toBeGreaterThan(0);
			const other = await startSandbox({
				webhookLoopback: true,
				webhookRetryScale: 0.001,
				apiKey: 'second-account-key',
			});
			try {
				const updated = await session.request('PATCH', `/credentials/${SANDBOX_CREDENTIAL.id}`, {
					name: SANDBOX_CREDENTIAL.name,
					type: SANDBOX_CREDENTIAL.type,
					data: sandboxCredentialData(other.url, other.apiKey),
				});
				expect(updated.status).toBe(200);
				const logLinesBefore = n8n!.logs.length;
				expect((await republish(EVENTS_ID, other)).status).toBe(200);
				await sleep(QUIET_MS);
				expect(subscriptionsFor(events, other)).toHaveLength(1);
				const left = subscriptionsFor(events);
				const said = parseJsonLogs(n8n!.logs.slice(logLinesBefore)).filter(
					(entry) =>
						entry.level === 'warn' &&
						left.some((subscription) => JSON.stringify(entry).includes(subscription.id)),
				);
				// Either nothing is left at the old account, or n8n's log names what is left there.
				expect({ left: left.length, warned: said.length > 0 }).toEqual(
					left.length === 0 ? { left: 0, warned: false } : { left: left.length, warned: true },
				);
			} finally {
				await other.close();
			}
		});
	});
}
