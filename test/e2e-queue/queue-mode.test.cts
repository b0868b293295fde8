import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { isInstalled, N8N_ON_NODE24, type N8nApp } from '../../scripts/n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../../scripts/n8n/cli.cjs';
import { PACKAGE_NODE_TYPES } from '../../scripts/n8n/repo.cjs';
import { N8nRestSession } from '../../scripts/n8n/rest-session.cjs';
import {
	startSandbox,
	type InvoiceDto,
	type PaymentDto,
	type Sandbox,
} from '../../sandbox/index.cjs';
import { signatureHeader } from '../../sandbox/webhooks-wire.cjs';
import { startCollector, type Collector } from '../e2e/support/collector.cjs';
import { isWorkflowActive, parseJsonLogs, type LogEntry } from '../e2e/support/json-logs.cjs';
import {
	startQueueCluster,
	type ClusterProcess,
	type QueueCluster,
} from '../e2e/support/queue/cluster.cjs';
import { keepOnly, pollEveryTenSeconds, startByWebhook } from '../e2e/support/queue/workflows.cjs';
import { importSandboxCredential } from '../e2e/support/sandbox-credential-import.cjs';
import {
	createSandboxCase,
	recordSandboxPayment,
	sandboxState,
} from '../e2e/support/sandbox-control.cjs';
import { sleep, waitFor } from '../e2e/support/wait.cjs';
import {
	nodeNamed,
	postEachItemTo,
	readExample,
	writeWorkflow,
	type WorkflowJson,
} from '../e2e/support/workflows.cjs';

/**
 * The package in n8n's queue mode: one main, two workers and two webhook processors on PostgreSQL and
 * Redis (all on loopback, started and stopped by the test). Every guarantee the single-process suite
 * checks must hold when executions run on other processes than the one that polled or received the call.
 */

const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';
const IDS = {
	invoice: 'dbtQInvoice',
	status: 'dbtQStatus',
	payments: 'dbtQPayments',
	crash: 'dbtQCrash',
	events: 'dbtQEvents',
	newCases: 'dbtQNewCases',
	closedCases: 'dbtQClosedCases',
};
/** Every event the webhook trigger can ask for, so each delivery of the run is one to check. */
const WEBHOOK_EVENTS = ['case.created', 'case.updated', 'case.closed', 'payment.created'];
const CASE_TRIGGER = 'Case Event';
/** The poll-triggered workflows, each with its trigger's name: the main activates each trigger and logs it. */
const POLLED: Record<string, string> = {
	[IDS.payments]: 'New Payment',
	[IDS.newCases]: CASE_TRIGGER,
	[IDS.closedCases]: CASE_TRIGGER,
};
const CRASH_REFERENCE = 'INV-QUEUE-CRASH-1';
/** Polls come every 10 s; a poll, the queue and a worker's execution fit well within this. */
const DELIVERY_WAIT_MS = 60_000;
/** After the expected records arrived: time for two more polls, should a duplicate be on its way. */
const QUIET_MS = 25_000;
/** How long the sandbox holds the crash test's Create Case request: time to kill the worker that sent it. */
const HELD_REQUEST_MS = 15_000;
/**
 * How long the Payment and Case Triggers' collectors hold each answer. A kill in that window would
 * crash an execution whose record already arrived: the tests kill a worker only once the workers are idle.
 */
const SLOW_ANSWER_MS = 3_000;
/** Packing, four user folders, nine n8n CLI starts and four servers: minutes on a loaded 2-core machine. */
const SETUP_TIMEOUT_MS = 1_200_000;

/** Progress on stderr as it happens (jest shows console output only after a test file ends): a run takes minutes. */
const step = (what: string) =>
	process.stderr.write(`[queue mode ${new Date().toISOString().slice(11, 19)}] ${what}\n`);

const logsOf = (process: ClusterProcess): LogEntry[] => parseJsonLogs(process.history);

/** The ids of the executions a worker's log lines say it started or finished ("Worker started execution N (job M)"). */
function workerExecutions(entries: LogEntry[], what: 'started' | 'finished'): string[] {
	const line = new RegExp(`^Worker ${what} execution (\\d+)`);
	return entries
		.map((entry) => line.exec(entry.message)?.[1])
		.filter((id): id is string => id !== undefined);
}

function executionsStartedBy(process: ClusterProcess): string[] {
	return workerExecutions(logsOf(process), 'started');
}

/** Executions a running worker started in its current run and has not yet logged as finished. */
function unfinishedOn(process: ClusterProcess): string[] {
	if (!process.running) return [];
	const entries = parseJsonLogs(process.history.slice(process.runStartsAt));
	const finished = new Set(workerExecutions(entries, 'finished'));
	return workerExecutions(entries, 'started').filter((id) => !finished.has(id));
}

function finishedBy(process: ClusterProcess, executionId: string): boolean {
	return logsOf(process).some((entry) =>
		entry.message.startsWith(`Worker finished execution ${executionId} `),
	);
}

/** Whether this process put the execution on the queue ("Enqueued execution N (job M)"): the process that received the call or ran the poll. */
function enqueuedBy(process: ClusterProcess, executionId: string): boolean {
	return logsOf(process).some((entry) =>
		entry.message.startsWith(`Enqueued execution ${executionId} `),
	);
}

/** The Case Trigger, for one event and test cases, polling every 10 s and sending each case to a collector. */
function caseTriggerWorkflow(
	id: string,
	event: 'created' | 'closed',
	collectorUrl: string,
): WorkflowJson {
	// The payment example's trigger node, credential included, becomes a Case Trigger with nothing after it but the collector.
	const workflow = readExample('payment-to-bookkeeping-record.json');
	workflow.id = id;
	workflow.name = `Queue mode: Debitura Case Trigger (${event})`;
	keepOnly(workflow, ['New Payment']);
	delete workflow.connections['New Payment'];
	Object.assign(nodeNamed(workflow, 'New Payment'), {
		name: CASE_TRIGGER,
		type: 'n8n-nodes-debitura.debituraCaseTrigger',
		typeVersion: 1,
		parameters: { event, cases: 'test', simplify: true, options: {} },
	});
	pollEveryTenSeconds(workflow, CASE_TRIGGER);
	postEachItemTo(workflow, CASE_TRIGGER, collectorUrl);
	return workflow;
}

interface Collectors {
	payments: Collector;
	events: Collector;
	newCases: Collector;
	closedCases: Collector;
}

function buildWorkflows(collectors: Collectors): WorkflowJson[] {
	const invoice = readExample('overdue-invoice-to-collection-case.json');
	invoice.id = IDS.invoice;
	startByWebhook(invoice, MANUAL_TRIGGER, 'queue-invoice', 'lastNode');

	const status = readExample('case-status-check.json');
	status.id = IDS.status;
	startByWebhook(status, MANUAL_TRIGGER, 'queue-status', 'lastNode');

	const payments = readExample('payment-to-bookkeeping-record.json');
	payments.id = IDS.payments;
	pollEveryTenSeconds(payments, 'New Payment');
	postEachItemTo(payments, 'Bookkeeping Update', collectors.payments.url);

	// The invoice example up to Create Case, for another invoice, with Retry On Fail as a careful user sets it.
	const crash = readExample('overdue-invoice-to-collection-case.json');
	crash.id = IDS.crash;
	crash.name = 'Queue mode: Create Case on a worker that crashes';
	startByWebhook(crash, MANUAL_TRIGGER, 'queue-crash', 'onReceived');
	keepOnly(crash, [MANUAL_TRIGGER, 'Overdue Invoice', 'Create Case']);
	const fields = nodeNamed(crash, 'Overdue Invoice').parameters.assignments as {
		assignments: Array<{ name: string; value: unknown }>;
	};
	fields.assignments.find((field) => field.name === 'invoiceNumber')!.value = CRASH_REFERENCE;
	Object.assign(nodeNamed(crash, 'Create Case'), {
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 1000,
	});

	// The webhook trigger example, as published: the main subscribes, the webhook processor receives.
	const events = readExample('payment-or-case-closed-to-crm.json');
	events.id = IDS.events;
	nodeNamed(events, 'Debitura Event').parameters.events = WEBHOOK_EVENTS;
	postEachItemTo(events, 'CRM Update', collectors.events.url);

	const newCases = caseTriggerWorkflow(IDS.newCases, 'created', collectors.newCases.url);
	const closedCases = caseTriggerWorkflow(IDS.closedCases, 'closed', collectors.closedCases.url);
	return [invoice, status, payments, crash, events, newCases, closedCases];
}

function queueModeSuite(app: N8nApp): void {
	describe(`the package in queue mode on ${app.label} (main, 2 workers, 2 webhook processors)`, () => {
		let sandbox: Sandbox;
		let collector: Collector;
		let collectors: Collectors;
		let cluster: QueueCluster;
		let session: N8nRestSession;
		let testCase: InvoiceDto;
		let liveCase: InvoiceDto;
		/** The test cases, and the closed ones, that existed when the Case Triggers were activated: history, never reported. */
		let casesAtActivation: Set<string>;
		let closedAtActivation: Set<string>;
		/** The webhook trigger's subscription calls made before any process but the main ran. */
		let subscribedByMain: string[];

		const waitForActivation = () =>
			waitFor(
				'the poll-triggered workflows to be activated',
				() => {
					const entries = logsOf(cluster.main);
					return Object.entries(POLLED).every(([id, trigger]) =>
						isWorkflowActive(entries, id, [trigger]),
					)
						? true
						: undefined;
				},
				120_000,
			);
		const webhookCalls = () =>
			sandbox.requests
				.filter((request) => request.path.toLowerCase().startsWith('/webhooks'))
				.map((request) => request.method);

		/** A call to the sandbox's Debitura API, as a user's other systems would make it. */
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
			return {
				status: response.status,
				json: (text ? JSON.parse(text) : undefined) as { id: string } & Record<string, unknown>,
			};
		};
		const openTestCase = async (creditorReference: string) => {
			const created = await api('POST', '/cases', {
				isTest: true,
				creditorReference,
				currencyCode: 'EUR',
				amountToRecover: 700,
				date: new Date(Date.now() - 45 * 86_400_000).toISOString(),
				debtor: {
					type: 'Company',
					name: `${creditorReference} GmbH`,
					address: 'Teststraße 5',
					city: 'Berlin',
					countryAlpha2: 'DE',
				},
			});
			if (created.status !== 200)
				throw new Error(
					`Creating ${creditorReference} answered ${created.status}: ${JSON.stringify(created.json)}`,
				);
			return created.json.id;
		};
		/** Closes a test case without a payment (a paid close would also be a payment for the Payment Trigger's test). */
		const closeTestCase = async (caseId: string) => {
			const closed = await api('POST', `/test/cases/${caseId}/advance`, { to: 'Closed:NoPayment' });
			if (closed.status !== 200)
				throw new Error(
					`Closing ${caseId} answered ${closed.status}: ${JSON.stringify(closed.json)}`,
				);
		};
		const testCases = () => sandbox.listCases().filter((item) => item.isTestCase);

		/** The executions n8n recorded that match a filter of the editor's execution list, newest first. */
		const executionsWhere = async (filter: { workflowId?: string; status?: string[] }) => {
			const answer = await session.request<{
				data: { results: Array<{ id: string; status: string; mode: string }> };
			}>('GET', `/executions?filter=${encodeURIComponent(JSON.stringify(filter))}&limit=100`);
			if (answer.status !== 200)
				throw new Error(
					`Listing executions answered ${answer.status}: ${JSON.stringify(answer.body)}`,
				);
			return answer.body.data.results;
		};
		const executionsOf = (workflowId: string) => executionsWhere({ workflowId });

		/** One execution as the editor's execution view has it (its run data left aside). */
		const execution = async (id: string) => {
			const answer = await session.request<{
				data: { id: string; status: string; retrySuccessId?: string | null };
			}>('GET', `/executions/${id}`);
			if (answer.status !== 200)
				throw new Error(
					`Reading execution ${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
				);
			return answer.body.data;
		};

		/**
		 * Waits until no execution is queued or running and each worker has finished, in its log, every
		 * execution it took. The trigger tests kill a worker between executions: a kill during one crashes
		 * it, and n8n does not run a crashed execution again, whichever node it was in.
		 */
		const workersIdle = () =>
			waitFor(
				'the workers to finish every execution',
				async () => {
					const busy = ['new', 'running'];
					// Filtered again here: the check must not depend on the server honouring the status filter.
					const pending = (await executionsWhere({ status: busy })).filter((item) =>
						busy.includes(item.status),
					);
					return pending.length === 0 &&
						cluster.workers.every((worker) => unfinishedOn(worker).length === 0)
						? true
						: undefined;
				},
				DELIVERY_WAIT_MS,
			);

		const callWebhook = async (webhookPath: string) => {
			const response = await fetch(`${cluster.webhookBaseUrl}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			return { status: response.status, body: (await response.json()) as unknown };
		};

		beforeAll(async () => {
			// Loopback webhook delivery: the sandbox accepts the webhook processor's http://127.0.0.1 URL.
			sandbox = await startSandbox({ demoData: true, webhookLoopback: true });
			// The trigger tests' systems answer slowly, so a worker is still running an execution when its record arrives.
			const slow = { answerAfterMs: SLOW_ANSWER_MS };
			collectors = {
				payments: await startCollector(slow),
				events: await startCollector(),
				newCases: await startCollector(slow),
				closedCases: await startCollector(slow),
			};
			collector = collectors.payments;
			cluster = await startQueueCluster(app, 2, 2);
			testCase = await createSandboxCase(sandbox.url, {
				isTest: true,
				creditorReference: 'E2E-QUEUE-1',
				currencyCode: 'EUR',
				amountToRecover: 1000,
				date: new Date(Date.now() - 60 * 86_400_000).toISOString(),
				debtor: {
					type: 'Company',
					name: 'Queue Test GmbH',
					address: 'Teststraße 3',
					city: 'Hamburg',
					countryAlpha2: 'DE',
				},
			});
			liveCase = (await sandboxState(sandbox.url)).cases.find(
				(item) => !item.isTestCase && item.lifecycle === 'Active',
			)!;
			// History: recorded before activation, never reported.
			await recordSandboxPayment(sandbox.url, { caseId: testCase.id, grossAmount: 5 });

			const main = cluster.main.instance;
			step('services and user folders ready; importing the credential and workflows');
			await importSandboxCredential(main, sandbox);
			const folder = mkdtempSync(path.join(main.userFolder, 'workflows-'));
			const workflows = buildWorkflows(collectors);
			for (const workflow of workflows) writeWorkflow(folder, workflow);
			await importWorkflows(main, folder, true);
			// Each publish is an n8n CLI start of its own; on PostgreSQL they can run side by side.
			await Promise.all(workflows.map((workflow) => publishWorkflow(main, workflow.id)));

			// The main first: it migrates the database the others then use.
			step('starting the main');
			await cluster.start(cluster.main);
			await waitForActivation();
			// The webhook trigger subscribes when the main activates it; no other process is running yet.
			await waitFor(
				'the webhook trigger to subscribe',
				() => (sandbox.webhooks.subscriptions().length > 0 ? true : undefined),
				120_000,
			);
			subscribedByMain = webhookCalls();
			casesAtActivation = new Set(testCases().map((item) => item.id));
			closedAtActivation = new Set(
				testCases()
					.filter((item) => item.lifecycle === 'Closed')
					.map((item) => item.id),
			);
			step(
				'main up, poll triggers active, webhook subscribed; starting the workers and the webhook processors',
			);
			await Promise.all(
				[...cluster.workers, ...cluster.webhooks].map((process) => cluster.start(process)),
			);

			session = new N8nRestSession(`http://127.0.0.1:${main.port}`);
			const owner = {
				email: 'queue-test@example.com',
				password: `Queue-${randomBytes(9).toString('base64url')}-1`,
				firstName: 'Queue',
				lastName: 'Test',
			};
			await session.setupOwner(owner);
			await session.login(owner);
			step('cluster ready');
		}, SETUP_TIMEOUT_MS);

		afterAll(async () => {
			// For a failed run's post-mortem: QUEUE_E2E_LOG_DIR=/some/folder keeps every process's log.
			const logDir = process.env.QUEUE_E2E_LOG_DIR;
			if (logDir && cluster) {
				mkdirSync(logDir, { recursive: true });
				for (const member of cluster.all)
					writeFileSync(
						path.join(logDir, `${member.name.replace(/ /g, '-')}.log`),
						member.history.join('\n'),
					);
			}
			await cluster?.close();
			for (const each of Object.values(collectors ?? {})) await each.close();
			await sandbox?.close();
		}, 120_000);

		it('loads the package on every process: main, both workers and both webhook processors', () => {
			for (const process of cluster.all) {
				const loaded = logsOf(process).find(
					(entry) => entry.message === 'Loaded all credentials and nodes from n8n-nodes-debitura',
				);
				expect({ process: process.name, loaded: loaded?.metadata }).toEqual({
					process: process.name,
					loaded: expect.objectContaining({ nodes: PACKAGE_NODE_TYPES.length, credentials: 1 }),
				});
				const complaints = logsOf(process).filter(
					(entry) =>
						['error', 'warn'].includes(entry.level) &&
						/debitura/i.test(`${entry.message} ${JSON.stringify(entry.metadata ?? {})}`),
				);
				expect({ process: process.name, complaints }).toEqual({
					process: process.name,
					complaints: [],
				});
			}
		});

		it('runs the examples on the workers, started through the webhook processor', async () => {
			const invoiceRun = await callWebhook('queue-invoice');
			expect(invoiceRun.status).toBe(200);
			const stored = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.creditorReference === 'INV-2026-00789',
			);
			expect(stored).toHaveLength(1);
			expect(invoiceRun.body).toEqual([
				expect.objectContaining({
					id: stored[0].id,
					creditorReference: 'INV-2026-00789',
					isTestCase: true,
				}),
			]);
			// The invoice PDF was uploaded to that case.
			const uploads = sandbox.requests.filter(
				(request) =>
					request.method === 'POST' &&
					request.path.toLowerCase() === `/cases/${stored[0].id}/files`,
			);
			expect(uploads.map((request) => request.status)).toEqual([200]);

			const statusRun = await callWebhook('queue-status');
			expect(statusRun.status).toBe(200);

			for (const workflowId of [IDS.invoice, IDS.status]) {
				const [execution] = await executionsOf(workflowId);
				expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
				// A worker ran it (its log says so), and no other kind of process runs executions in queue mode.
				expect(cluster.workers.some((worker) => finishedBy(worker, execution.id))).toBe(true);
				expect([cluster.main, cluster.webhook].flatMap(executionsStartedBy)).toEqual([]);
			}
		});

		it('webhook trigger: subscribed by the main, each delivery checked by the webhook processor and run once on a worker, a forged one runs nothing', async () => {
			const [subscription] = sandbox.webhooks.subscriptions();
			const webhookId = (
				nodeNamed(readExample('payment-or-case-closed-to-crm.json'), 'Debitura Event') as {
					webhookId?: string;
				}
			).webhookId;
			// One subscription, created while only the main ran, for the webhook processor's URL; nobody subscribed again.
			// Reads aside (the trigger lists the account's subscriptions for strays before it subscribes).
			const changes = (methods: string[]) => methods.filter((method) => method !== 'GET');
			expect(changes(subscribedByMain)).toEqual(['POST']);
			expect(changes(webhookCalls())).toEqual(['POST']);
			expect(sandbox.webhooks.subscriptions()).toHaveLength(1);
			expect(subscription).toMatchObject({
				url: `${cluster.webhookBaseUrl}/webhook/${webhookId}/webhook`,
				isTestMode: true,
				isActive: true,
			});

			const caseId = await openTestCase('E2E-QUEUE-HOOK-1');
			expect((await api('POST', `/test/cases/${caseId}/advance`, { to: 'Active' })).status).toBe(
				200,
			);
			await closeTestCase(caseId);
			// Created, updated to Active, updated to Closed, closed: four events. Every event of the run so far (the examples' case included), not only this case's.
			const reportedIds = () => collectors.events.received.map((record) => String(record.eventId));
			await waitFor(
				'every delivered event to be reported',
				() =>
					sandbox.webhooks.events().length >= 4 &&
					sandbox.webhooks.events().every((event) => reportedIds().includes(event.id))
						? true
						: undefined,
				DELIVERY_WAIT_MS,
			);
			await sandbox.webhooks.idle();
			await sleep(QUIET_MS);

			const logged = sandbox.webhooks.events();
			expect(
				logged
					.filter((event) => event.caseId === caseId)
					.map((event) => event.eventType)
					.sort(),
			).toEqual(['case.closed', 'case.created', 'case.updated', 'case.updated']);
			expect(reportedIds().sort()).toEqual(logged.map((event) => event.id).sort());
			expect(
				logged.every((event) => event.attemptCount === 1 && event.lastResponseCode === 200),
			).toBe(true);

			// The processor received each delivery, enqueued its execution, and a worker ran it.
			const received = logsOf(cluster.webhook).filter(
				(entry) => entry.message === `Received webhook "POST" for path "${webhookId}/webhook"`,
			);
			expect(received.length).toBeGreaterThanOrEqual(logged.length);
			const executions = await executionsOf(IDS.events);
			expect(executions).toHaveLength(logged.length);
			for (const execution of executions) {
				expect({
					execution,
					enqueuedByProcessor: enqueuedBy(cluster.webhook, execution.id),
					onWorker: cluster.workers.some((worker) => finishedBy(worker, execution.id)),
				}).toEqual({
					execution: expect.objectContaining({ status: 'success', mode: 'webhook' }),
					enqueuedByProcessor: true,
					onWorker: true,
				});
			}

			// A delivery signed with another secret reaches the processor, is refused there, and starts nothing.
			const forged = await sandbox.webhooks.probe({
				eventId: logged[0].id,
				signature: 'wrong-secret',
			});
			expect(forged.status).toBe(401);
			await waitFor(
				'the webhook processor to log the forged delivery',
				() =>
					logsOf(cluster.webhook).filter((entry) => entry.message === received[0].message)
						.length ===
					received.length + 1
						? true
						: undefined,
				30_000,
			);
			await sleep(QUIET_MS);
			expect(await executionsOf(IDS.events)).toHaveLength(executions.length);
			expect(collectors.events.received).toHaveLength(logged.length);
		}, 300_000);

		it('webhook trigger: an acknowledged event replayed to both webhook processors at once starts no execution', async () => {
			const webhookId = (
				nodeNamed(readExample('payment-or-case-closed-to-crm.json'), 'Debitura Event') as {
					webhookId?: string;
				}
			).webhookId;
			const [subscription] = sandbox.webhooks.subscriptions();
			const eventIdsReported = () =>
				collectors.events.received.map((record) => String(record.eventId));
			/**
			 * The exact bytes Debitura logged for the event, signed now with the subscription's secret, to each
			 * processor at the same moment: what a load balancer in front of the processors passes on.
			 */
			const deliverToEveryProcessor = (payload: string, headers: Record<string, string>) => {
				const body = Buffer.from(payload);
				const signature = signatureHeader(subscription.secret, Math.floor(Date.now() / 1000), body);
				return Promise.all(
					cluster.webhookBaseUrls.map(async (baseUrl) => {
						const response = await fetch(`${baseUrl}/webhook/${webhookId}/webhook`, {
							method: 'POST',
							headers: {
								'content-type': 'application/json; charset=utf-8',
								'x-debitura-signature': signature,
								'x-debitura-test': 'true',
								...headers,
							},
							body: new Uint8Array(body),
						});
						await response.arrayBuffer();
						return response.status;
					}),
				);
			};

			// Genuine deliveries: seven events of a test case at once, to the subscribed URL (processor 1), which acknowledges each.
			const caseId = await openTestCase('E2E-QUEUE-HOOK-2');
			const created = await waitFor(
				'the case.created event to be logged',
				() => sandbox.webhooks.events().find((event) => event.caseId === caseId),
				DELIVERY_WAIT_MS,
			);
			const fired = await Promise.all(
				[
					'case.updated',
					'case.closed',
					'case.updated',
					'case.created',
					'case.closed',
					'case.updated',
				].map((event) => api('POST', '/test/webhooks/fire', { event, caseId })),
			);
			expect(fired.map((answer) => answer.status)).toEqual(fired.map(() => 200));
			const acknowledged = sandbox.webhooks.events().filter((event) => event.caseId === caseId);
			expect(acknowledged).toHaveLength(7);
			await waitFor(
				'the seven events to run',
				() =>
					acknowledged.every((event) => eventIdsReported().includes(event.id)) ? true : undefined,
				DELIVERY_WAIT_MS,
			);
			await sandbox.webhooks.idle();
			await workersIdle();
			const executionsBefore = (await executionsOf(IDS.events)).length;

			// Each event replayed to both processors at once: processor 1 took them, processor 2 never saw them.
			const replayed = await Promise.all(
				acknowledged.map((event) =>
					deliverToEveryProcessor(event.payload, {
						'x-debitura-event': event.eventType,
						'x-debitura-replay': 'true',
					}),
				),
			);
			expect(replayed.flat()).toEqual(replayed.flat().map(() => 200));
			await sleep(QUIET_MS);
			await workersIdle();
			expect({
				executions: (await executionsOf(IDS.events)).length,
				reports: acknowledged.map(
					(event) => eventIdsReported().filter((id) => id === event.id).length,
				),
			}).toEqual({ executions: executionsBefore, reports: acknowledged.map(() => 1) });

			// Measured, not promised: a first delivery of a new event reaching both processors at the same
			// instant. No store both processors share can be reached from a node, so each may take it.
			const firstId = randomUUID();
			const fresh = JSON.parse(created.payload) as { id: string };
			fresh.id = firstId;
			expect(
				await deliverToEveryProcessor(JSON.stringify(fresh), {
					'x-debitura-event': created.eventType,
				}),
			).toEqual(cluster.webhookBaseUrls.map(() => 200));
			await waitFor(
				'the simultaneous first delivery to run',
				() => (eventIdsReported().includes(firstId) ? true : undefined),
				DELIVERY_WAIT_MS,
			);
			await sleep(QUIET_MS);
			await workersIdle();
			const runs = eventIdsReported().filter((id) => id === firstId).length;
			step(
				`a first delivery sent to both webhook processors at the same instant ran ${runs} time(s)`,
			);
			expect(runs).toBeGreaterThanOrEqual(1);
			expect(runs).toBeLessThanOrEqual(cluster.webhooks.length);
		}, 300_000);

		it('Case Trigger: polls on the main, runs on the workers, reports each new and each closed case once across a worker kill', async () => {
			const newSince = () =>
				testCases()
					.filter((item) => !casesAtActivation.has(item.id))
					.map((item) => item.id);
			const closedSince = () =>
				testCases()
					.filter((item) => item.lifecycle === 'Closed' && !closedAtActivation.has(item.id))
					.map((item) => item.id);
			const reported = (which: Collector) => which.received.map((record) => String(record.id));
			const allArrived = (what: string) =>
				waitFor(
					what,
					() =>
						newSince().every((id) => reported(collectors.newCases).includes(id)) &&
						closedSince().every((id) => reported(collectors.closedCases).includes(id))
							? true
							: undefined,
					DELIVERY_WAIT_MS,
				);

			const first = await openTestCase('E2E-QUEUE-CASE-1');
			const second = await openTestCase('E2E-QUEUE-CASE-2');
			await closeTestCase(first);
			await allArrived('the first new and closed cases');
			const victim = cluster.workers[1];
			await workersIdle();
			step(`first cases reported, workers idle; killing ${victim.name}`);

			await cluster.kill(victim);
			const third = await openTestCase('E2E-QUEUE-CASE-3');
			await closeTestCase(second);
			await allArrived('the cases opened and closed while a worker was down');
			step(`reported by the other worker; restarting ${victim.name}`);
			await cluster.start(victim);

			await openTestCase('E2E-QUEUE-CASE-4');
			await closeTestCase(third);
			await allArrived('the cases opened and closed after the restart');
			await sleep(QUIET_MS);

			// Every test case opened since activation once (the examples' and the webhook test's included), every close once.
			expect(reported(collectors.newCases).sort()).toEqual(newSince().sort());
			expect(reported(collectors.closedCases).sort()).toEqual(closedSince().sort());
			expect(collectors.newCases.received.every((record) => record.event === 'case.created')).toBe(
				true,
			);
			expect(
				collectors.closedCases.received.every(
					(record) => record.event === 'case.closed' && record.isClosed === true,
				),
			).toBe(true);

			// The main polled and enqueued each execution; a worker ran it.
			for (const workflowId of [IDS.newCases, IDS.closedCases]) {
				const executions = await executionsOf(workflowId);
				expect(executions.length).toBeGreaterThan(0);
				for (const execution of executions) {
					expect({
						execution,
						enqueuedByMain: enqueuedBy(cluster.main, execution.id),
						onWorker: cluster.workers.some((worker) => finishedBy(worker, execution.id)),
					}).toEqual({
						execution: expect.objectContaining({ status: 'success', mode: 'trigger' }),
						enqueuedByMain: true,
						onWorker: true,
					});
				}
			}
		}, 600_000);

		it('emits each payment exactly once while a worker is killed and restarted and the main is restarted', async () => {
			const expected: PaymentDto[] = [];
			const pay = async (grossAmount: number) => {
				const payment = await recordSandboxPayment(sandbox.url, {
					caseId: testCase.id,
					grossAmount,
				});
				expected.push(payment);
				return payment;
			};
			const allArrived = (what: string) =>
				waitFor(
					what,
					() =>
						expected.every((payment) =>
							collector.received.some((record) => record.paymentId === payment.id),
						)
							? true
							: undefined,
					DELIVERY_WAIT_MS,
				);

			await pay(101);
			await pay(102);
			await recordSandboxPayment(sandbox.url, { caseId: liveCase.id, grossAmount: 999 });
			await allArrived('the first two payments');
			await workersIdle();
			step('first payments reported, workers idle; killing a worker');

			// A worker crashes; the other one takes the executions.
			const [crashed] = cluster.workers;
			await cluster.kill(crashed);
			await pay(103);
			await pay(104);
			await allArrived('the payments made while a worker was down');
			step('payments reported by the other worker; restarting the killed one');
			await cluster.start(crashed);
			step('restarting the main');

			// The main, which polls, restarts; payments made meanwhile are reported after it is back.
			await cluster.stop(cluster.main);
			await pay(105);
			await pay(106);
			await cluster.start(cluster.main);
			await allArrived('the payments made while the main was down');
			step('payments made while the main was down reported');

			await pay(107);
			await allArrived('the payment made after the restarts');
			await sleep(QUIET_MS);

			const reported = collector.received.map((record) => record.paymentId);
			expect(reported.sort()).toEqual(expected.map((payment) => payment.id).sort());
		}, 600_000);

		it('opens one case when the worker running Create Case is killed mid-request and the workflow runs again', async () => {
			sandbox.injectFault({
				kind: 'slow',
				method: 'POST',
				path: '/cases',
				delayMs: HELD_REQUEST_MS,
			});
			const createRequests = () =>
				sandbox.requests.filter(
					(request) => request.method === 'POST' && request.path === '/cases',
				);
			const before = createRequests().length;

			expect((await callWebhook('queue-crash')).status).toBe(200);
			await waitFor(
				'Create Case to reach Debitura',
				() => (createRequests().length > before ? true : undefined),
				60_000,
			);
			// Other workflows (the webhook trigger, the Case Triggers) may run meanwhile: the crash workflow's execution names the worker.
			const [crashRun] = await executionsOf(IDS.crash);
			const executionId = crashRun.id;
			const running = cluster.workers.find((worker) =>
				executionsStartedBy(worker).includes(executionId),
			)!;
			step(
				`Create Case reached the sandbox; killing ${running.name}, which runs execution ${executionId}`,
			);
			await cluster.kill(running);

			// Debitura still creates the case the lost answer was about.
			await waitFor(
				'the held request to create the case',
				() =>
					sandbox.listCases().some((item) => item.creditorReference === CRASH_REFERENCE) ||
					undefined,
				60_000,
			);
			const crashed = await waitFor(
				'n8n to mark the execution as failed',
				async () => {
					const current = await execution(executionId);
					return ['new', 'running', 'waiting'].includes(current.status) ? undefined : current;
				},
				120_000,
			);
			expect(crashed.status).not.toBe('success');
			step(
				`execution ${executionId} ended as "${crashed.status}"; running the workflow again for the same invoice`,
			);

			// The recovery that works: run the workflow again for the invoice. (n8n 2.41.1's "Retry" of a
			// crashed queue-mode execution finishes at once without running a node: a crash leaves no run
			// data to resume from.) Create Case derives the same Idempotency-Key from the same invoice.
			expect((await callWebhook('queue-crash')).status).toBe(200);
			await waitFor(
				'the second attempt to be answered',
				() =>
					createRequests()
						.slice(before)
						.filter((request) => request.status > 0).length >= 2
						? true
						: undefined,
				120_000,
			);
			await cluster.start(running);

			const cases = sandbox
				.listCases()
				.filter((item) => item.creditorReference === CRASH_REFERENCE);
			expect(cases).toHaveLength(1);
			// Two attempts reached Debitura with one Idempotency-Key; the second was answered with the first's case.
			const attempts = createRequests().slice(before);
			expect(attempts.length).toBeGreaterThanOrEqual(2);
			expect(new Set(attempts.map((request) => request.headers['idempotency-key'])).size).toBe(1);
			expect(attempts.at(-1)!.status).toBeLessThan(300);
		}, 600_000);
	});
}

if (isInstalled(N8N_ON_NODE24)) {
	queueModeSuite(N8N_ON_NODE24);
} else {
	describe.skip(`${N8N_ON_NODE24.label} is not installed: npm ci --ignore-scripts --prefix e2e/n8n-app-node24 && npm run rebuild-native --prefix e2e/n8n-app-node24`, () => {
		it('would run the queue-mode checks', () => undefined);
	});
}
