import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { isInstalled, N8N_ON_NODE24, type N8nApp } from '../../scripts/n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../../scripts/n8n/cli.cjs';
import { PACKAGE_NODE_TYPES } from '../../scripts/n8n/repo.cjs';
import { N8nRestSession } from '../../scripts/n8n/rest-session.cjs';
import { startSandbox, type InvoiceDto, type PaymentDto, type Sandbox } from '../../sandbox/index.cjs';
import { startCollector, type Collector } from '../e2e/support/collector.cjs';
import { isActivationOf, parseJsonLogs, type LogEntry } from '../e2e/support/json-logs.cjs';
import { startQueueCluster, type ClusterProcess, type QueueCluster } from '../e2e/support/queue/cluster.cjs';
import { keepOnly, pollEveryTenSeconds, startByWebhook } from '../e2e/support/queue/workflows.cjs';
import { importSandboxCredential } from '../e2e/support/sandbox-credential-import.cjs';
import { createSandboxCase, recordSandboxPayment, sandboxState } from '../e2e/support/sandbox-control.cjs';
import { sleep, waitFor } from '../e2e/support/wait.cjs';
import { nodeNamed, postEachItemTo, readExample, writeWorkflow, type WorkflowJson } from '../e2e/support/workflows.cjs';

/**
 * The package in n8n's queue mode: one main, two workers and one webhook processor on PostgreSQL and
 * Redis (all on loopback, started and stopped by the test). Every guarantee the single-process suite
 * checks must hold when executions run on other processes than the one that polled or received the call.
 */

const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';
const IDS = { invoice: 'dbtQInvoice', status: 'dbtQStatus', payments: 'dbtQPayments', crash: 'dbtQCrash' };
const CRASH_REFERENCE = 'INV-QUEUE-CRASH-1';
/** Polls come every 10 s; a poll, the queue and a worker's execution fit well within this. */
const DELIVERY_WAIT_MS = 60_000;
/** After the expected records arrived: time for two more polls, should a duplicate be on its way. */
const QUIET_MS = 25_000;
/** How long the sandbox holds the crash test's Create Case request: time to kill the worker that sent it. */
const HELD_REQUEST_MS = 15_000;


/** Progress on stderr as it happens (jest shows console output only after a test file ends): a run takes minutes. */
const step = (what: string) => process.stderr.write(`[queue mode ${new Date().toISOString().slice(11, 19)}] ${what}\n`);

const logsOf = (process: ClusterProcess): LogEntry[] => parseJsonLogs(process.history);

/** The ids of the executions a worker started, from its "Worker started execution N (job M)" lines. */
function executionsStartedBy(process: ClusterProcess): string[] {
	return logsOf(process)
		.map((entry) => /^Worker started execution (\d+)/.exec(entry.message)?.[1])
		.filter((id): id is string => id !== undefined);
}

function finishedBy(process: ClusterProcess, executionId: string): boolean {
	return logsOf(process).some((entry) => entry.message.startsWith(`Worker finished execution ${executionId} `));
}

function buildWorkflows(collectorUrl: string): WorkflowJson[] {
	const invoice = readExample('overdue-invoice-to-collection-case.json');
	invoice.id = IDS.invoice;
	startByWebhook(invoice, MANUAL_TRIGGER, 'queue-invoice', 'lastNode');

	const status = readExample('case-status-check.json');
	status.id = IDS.status;
	startByWebhook(status, MANUAL_TRIGGER, 'queue-status', 'lastNode');

	const payments = readExample('payment-to-bookkeeping-record.json');
	payments.id = IDS.payments;
	pollEveryTenSeconds(payments, 'New Payment');
	postEachItemTo(payments, 'Bookkeeping Update', collectorUrl);

	// The invoice example up to Create Case, for another invoice, with Retry On Fail as a careful user sets it.
	const crash = readExample('overdue-invoice-to-collection-case.json');
	crash.id = IDS.crash;
	crash.name = 'Queue mode: Create Case on a worker that crashes';
	startByWebhook(crash, MANUAL_TRIGGER, 'queue-crash', 'onReceived');
	keepOnly(crash, [MANUAL_TRIGGER, 'Overdue Invoice', 'Create Case']);
	const fields = nodeNamed(crash, 'Overdue Invoice').parameters.assignments as { assignments: Array<{ name: string; value: unknown }> };
	fields.assignments.find((field) => field.name === 'invoiceNumber')!.value = CRASH_REFERENCE;
	Object.assign(nodeNamed(crash, 'Create Case'), { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 });
	return [invoice, status, payments, crash];
}

function queueModeSuite(app: N8nApp): void {
	describe(`the package in queue mode on ${app.label} (main, 2 workers, webhook processor)`, () => {
		let sandbox: Sandbox;
		let collector: Collector;
		let cluster: QueueCluster;
		let session: N8nRestSession;
		let testCase: InvoiceDto;
		let liveCase: InvoiceDto;

		const waitForActivation = () =>
			waitFor('the payment workflow to be activated', () => logsOf(cluster.main).filter((entry) => isActivationOf(entry, IDS.payments)).at(-1), 120_000);

		/** The executions n8n recorded for a workflow, newest first, as the editor's execution list has them. */
		const executionsOf = async (workflowId: string) => {
			const answer = await session.request<{ data: { results: Array<{ id: string; status: string; mode: string }> } }>(
				'GET',
				`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
			);
			if (answer.status !== 200) throw new Error(`Listing executions answered ${answer.status}: ${JSON.stringify(answer.body)}`);
			return answer.body.data.results;
		};

		/** One execution as the editor's execution view has it (its run data left aside). */
		const execution = async (id: string) => {
			const answer = await session.request<{ data: { id: string; status: string; retrySuccessId?: string | null } }>('GET', `/executions/${id}`);
			if (answer.status !== 200) throw new Error(`Reading execution ${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
			return answer.body.data;
		};

		const callWebhook = async (webhookPath: string) => {
			const response = await fetch(`${cluster.webhookBaseUrl}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			return { status: response.status, body: (await response.json()) as unknown };
		};

		beforeAll(async () => {
			sandbox = await startSandbox({ demoData: true });
			collector = await startCollector();
			cluster = await startQueueCluster(app);
			testCase = await createSandboxCase(sandbox.url, {
				isTest: true, creditorReference: 'E2E-QUEUE-1', currencyCode: 'EUR', amountToRecover: 1000,
				date: new Date(Date.now() - 60 * 86_400_000).toISOString(),
				debtor: { type: 'Company', name: 'Queue Test GmbH', address: 'Teststraße 3', city: 'Hamburg', countryAlpha2: 'DE' },
			});
			liveCase = (await sandboxState(sandbox.url)).cases.find((item) => !item.isTestCase && item.lifecycle === 'Active')!;
			// History: recorded before activation, never reported.
			await recordSandboxPayment(sandbox.url, { caseId: testCase.id, grossAmount: 5 });

			const main = cluster.main.instance;
			step('services and user folders ready; importing the credential and workflows');
			await importSandboxCredential(main, sandbox);
			const folder = mkdtempSync(path.join(main.userFolder, 'workflows-'));
			const workflows = buildWorkflows(collector.url);
			for (const workflow of workflows) writeWorkflow(folder, workflow);
			await importWorkflows(main, folder, true);
			for (const workflow of workflows) await publishWorkflow(main, workflow.id);

			// The main first: it migrates the database the others then use.
			step('starting the main');
			await cluster.start(cluster.main);
			await waitForActivation();
			step('main up, payment workflow active; starting the workers and the webhook processor');
			await Promise.all([...cluster.workers, cluster.webhook].map((process) => cluster.start(process)));

			session = new N8nRestSession(`http://127.0.0.1:${main.port}`);
			const owner = { email: 'queue-test@example.com', password: `Queue-${randomBytes(9).toString('base64url')}-1`, firstName: 'Queue', lastName: 'Test' };
			await session.setupOwner(owner);
			await session.login(owner);
			step('cluster ready');
		}, 600_000);

		afterAll(async () => {
			// For a failed run's post-mortem: QUEUE_E2E_LOG_DIR=/some/folder keeps every process's log.
			const logDir = process.env.QUEUE_E2E_LOG_DIR;
			if (logDir && cluster) {
				mkdirSync(logDir, { recursive: true });
				for (const member of cluster.all) writeFileSync(path.join(logDir, `${member.name.replace(/ /g, '-')}.log`), member.history.join('\n'));
			}
			await cluster?.close();
			await collector?.close();
			await sandbox?.close();
		}, 120_000);

		it('loads the package on every process: main, both workers and the webhook processor', () => {
			for (const process of cluster.all) {
				const loaded = logsOf(process).find((entry) => entry.message === 'Loaded all credentials and nodes from n8n-nodes-debitura');
				expect({ process: process.name, loaded: loaded?.metadata }).toEqual({
					process: process.name,
					loaded: expect.objectContaining({ nodes: PACKAGE_NODE_TYPES.length, credentials: 1 }),
				});
				const complaints = logsOf(process).filter(
					(entry) => ['error', 'warn'].includes(entry.level) && /debitura/i.test(`${entry.message} ${JSON.stringify(entry.metadata ?? {})}`),
				);
				expect({ process: process.name, complaints }).toEqual({ process: process.name, complaints: [] });
			}
		});

		it('runs the examples on the workers, started through the webhook processor', async () => {
			const invoiceRun = await callWebhook('queue-invoice');
			expect(invoiceRun.status).toBe(200);
			const stored = (await sandboxState(sandbox.url)).cases.filter((item) => item.creditorReference === 'INV-2026-00789');
			expect(stored).toHaveLength(1);
			expect(invoiceRun.body).toEqual([expect.objectContaining({ id: stored[0].id, creditorReference: 'INV-2026-00789', isTestCase: true })]);
			// The invoice PDF was uploaded to that case.
			const uploads = sandbox.requests.filter((request) => request.method === 'POST' && request.path.toLowerCase() === `/cases/${stored[0].id}/files`);
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

		it('emits each payment exactly once while a worker is killed and restarted and the main is restarted', async () => {
			const expected: PaymentDto[] = [];
			const pay = async (grossAmount: number) => {
				const payment = await recordSandboxPayment(sandbox.url, { caseId: testCase.id, grossAmount });
				expected.push(payment);
				return payment;
			};
			const allArrived = (what: string) =>
				waitFor(what, () => (expected.every((payment) => collector.received.some((record) => record.paymentId === payment.id)) ? true : undefined), DELIVERY_WAIT_MS);

			await pay(101);
			await pay(102);
			await recordSandboxPayment(sandbox.url, { caseId: liveCase.id, grossAmount: 999 });
			await allArrived('the first two payments');
			step('first payments reported; killing a worker');

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
		});

		it('opens one case when the worker running Create Case is killed mid-request and the workflow runs again', async () => {
			sandbox.injectFault({ kind: 'slow', method: 'POST', path: '/cases', delayMs: HELD_REQUEST_MS });
			const createRequests = () => sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/cases');
			const before = createRequests().length;
			const startedBefore = new Map(cluster.workers.map((worker) => [worker, executionsStartedBy(worker).length]));

			expect((await callWebhook('queue-crash')).status).toBe(200);
			await waitFor('Create Case to reach Debitura', () => (createRequests().length > before ? true : undefined), 60_000);
			const running = cluster.workers.find((worker) => executionsStartedBy(worker).length > startedBefore.get(worker)!)!;
			const executionId = executionsStartedBy(running).at(-1)!;
			step(`Create Case reached the sandbox; killing ${running.name}, which runs execution ${executionId}`);
			await cluster.kill(running);

			// Debitura still creates the case the lost answer was about.
			await waitFor('the held request to create the case', () => sandbox.listCases().some((item) => item.creditorReference === CRASH_REFERENCE) || undefined, 60_000);
			const crashed = await waitFor(
				'n8n to mark the execution as failed',
				async () => {
					const current = await execution(executionId);
					return ['new', 'running', 'waiting'].includes(current.status) ? undefined : current;
				},
				120_000,
			);
			expect(crashed.status).not.toBe('success');
			step(`execution ${executionId} ended as "${crashed.status}"; running the workflow again for the same invoice`);

			// The recovery that works: run the workflow again for the invoice. (n8n 2.41.1's "Retry" of a
			// crashed queue-mode execution finishes at once without running a node: a crash leaves no run
			// data to resume from.) Create Case derives the same Idempotency-Key from the same invoice.
			expect((await callWebhook('queue-crash')).status).toBe(200);
			await waitFor('the second attempt to be answered', () => (createRequests().slice(before).filter((request) => request.status > 0).length >= 2 ? true : undefined), 120_000);
			await cluster.start(running);

			const cases = sandbox.listCases().filter((item) => item.creditorReference === CRASH_REFERENCE);
			expect(cases).toHaveLength(1);
			// Two attempts reached Debitura with one Idempotency-Key; the second was answered with the first's case.
			const attempts = createRequests().slice(before);
			expect(attempts.length).toBeGreaterThanOrEqual(2);
			expect(new Set(attempts.map((request) => request.headers['idempotency-key'])).size).toBe(1);
			expect(attempts.at(-1)!.status).toBeLessThan(300);
		});
	});
}

if (isInstalled(N8N_ON_NODE24)) {
	queueModeSuite(N8N_ON_NODE24);
} else {
	describe.skip(`${N8N_ON_NODE24.label} is not installed: npm ci --ignore-scripts --prefix e2e/n8n-app-node24 && npm run rebuild-native --prefix e2e/n8n-app-node24`, () => {
		it('would run the queue-mode checks', () => undefined);
	});
}
