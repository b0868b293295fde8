import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../../../../scripts/n8n/cli.cjs';
import { startN8n, type RunningN8n } from '../../../../scripts/n8n/server.cjs';
import {
	startSandbox,
	type InvoiceDto,
	type PaymentDto,
	type Sandbox,
} from '../../../../sandbox/index.cjs';
import { startCollector, type Collector } from '../collector.cjs';
import { isWorkflowActive, parseJsonLogs } from '../json-logs.cjs';
import { importSandboxCredential } from '../sandbox-credential-import.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';
import { sleep, waitFor } from '../wait.cjs';
import { PACKAGE_NODE_TYPES } from '../../../../scripts/n8n/repo.cjs';
import {
	nodeNamed,
	postEachItemTo,
	readExample,
	writeWorkflow,
	type WorkflowJson,
} from '../workflows.cjs';

const EXAMPLE = 'payment-to-bookkeeping-record.json';
const TRIGGER = 'New Payment';
/** Workflow ids stay short: n8n never saves static data for ids longer than 21 characters. */
const FIRST = 'dbtDurablePayA';
const SECOND = 'dbtDurablePayB';
/** A Case Trigger (New Case) workflow: the same poll routine, so the same workarounds. */
const CASES = 'dbtDurableCase';

/**
 * n8n's durable scheduler (n8n ≥ 2.36, opt-in): polls run as scheduled tasks, and a poll node's static
 * data is a cursor row staged per poll and committed with the execution, or alone after a quiet poll.
 * A poll may run for N8N_SCHEDULER_POLL_TIMEOUT seconds; n8n offers the node 5 s less as its budget.
 */
const DURABLE_SCHEDULER: Record<string, string> = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_SCHEDULER_POLL_TIMEOUT: '10',
};

/**
 * Polls every 10 s, with waiting for n8n's scheduler and the execution: a payment arrives well within
 * this. Generous, because after a restart n8n's late polls may each run up to its 45 s poll timeout on a
 * busy machine; the wait ends as soon as everything has arrived.
 */
const ARRIVAL_MS = 120_000;
/** After the expected records arrived: time for a duplicate, should one be on its way. */
const QUIET_MS = 12_000;
/** Enough history for three pages of GET /Payments (100 a page), so a slowed read cannot fit one poll. */
const HISTORY = 230;

/**
 * Six Poll Times, "every minute at second 0, 10, … 50": n8n allows nothing shorter than a minute per
 * entry, and every entry is a job of its own, so the trigger polls every 10 s.
 */
function pollEveryTenSeconds(workflow: WorkflowJson): void {
	const item = [0, 10, 20, 30, 40, 50].map((second) => ({
		mode: 'custom',
		cronExpression: `${second} * * * * *`,
	}));
	nodeNamed(workflow, TRIGGER).parameters.pollTimes = { item };
}

/**
 * The example with its trigger made a Case Trigger (New Case, test cases) whose items go straight
 * to the collector: the node keeps its name, so it polls every 10 s as the payment workflows do.
 */
function asNewCaseWorkflow(workflow: WorkflowJson): void {
	const trigger = nodeNamed(workflow, TRIGGER);
	const caseTrigger = PACKAGE_NODE_TYPES.find((type) => type.endsWith('.debituraCaseTrigger'));
	if (!caseTrigger) throw new Error('package.json declares no Case Trigger');
	trigger.type = caseTrigger;
	trigger.parameters = { event: 'created', cases: 'test', simplify: true };
	workflow.nodes = workflow.nodes.filter((node) => node.name !== 'Bookkeeping Update');
	delete workflow.connections[TRIGGER];
}

/**
 * The payment trigger under n8n's durable scheduler, in a shuffled order of GET /Payments: every payment
 * the sandbox records after a workflow's activation reaches the workflow exactly once — in batches,
 * across a 500, across polls cut short by the poll budget, across restarts midway and right after the
 * activation (seeding) poll.
 */
export function durableSchedulerScenario(app: N8nApp): void {
	describe(`the payment trigger under the durable scheduler of ${app.label}`, () => {
		let sandbox: Sandbox;
		let test: TestInstance;
		let n8n: RunningN8n | undefined;
		let testCase: InvoiceDto;
		let workflowFolder: string;
		const collectors = new Map<string, Collector>();
		/** The ids each workflow should report: payment ids, or case ids for the Case Trigger workflow. */
		const expected = new Map<string, string[]>([
			[FIRST, []],
			[SECOND, []],
			[CASES, []],
		]);

		const pay = (grossAmount: number) => sandbox.addPayment({ caseId: testCase.id, grossAmount });
		const payMany = (count: number, from: number) =>
			Array.from({ length: count }, (_, index) => pay(from + index));
		/** Every payment from now on is expected once in each of these workflows. */
		const expectIn = (workflowIds: string[], payments: PaymentDto[]) => {
			for (const id of workflowIds)
				expected.get(id)!.push(...payments.map((payment) => payment.id));
			return payments;
		};
		const newCases = (count: number) => {
			const ids = Array.from({ length: count }, () => sandbox.createCase({ isTest: true }).id);
			expected.get(CASES)!.push(...ids);
		};
		const reported = (workflowId: string) =>
			collectors
				.get(workflowId)!
				.received.map((record) => String(workflowId === CASES ? record.id : record.paymentId))
				.sort();
		const wanted = (workflowId: string) => [...expected.get(workflowId)!].sort();

		/** Waits until each workflow reported what it should, then a little longer for duplicates; compares. */
		const expectExactlyOnce = async (workflowIds: string[]) => {
			const arrived = () =>
				workflowIds.every((id) =>
					wanted(id).every((paymentId) => reported(id).includes(paymentId)),
				);
			await waitFor(
				'every expected payment',
				() => (arrived() ? true : undefined),
				ARRIVAL_MS,
			).catch(() => undefined);
			await sleep(QUIET_MS);
			for (const id of workflowIds)
				expect({ workflow: id, reported: reported(id) }).toEqual({
					workflow: id,
					reported: wanted(id),
				});
		};

		/** The log lines of every n8n run so far. */
		const earlierLogs: string[] = [];
		const logs = () => parseJsonLogs([...earlierLogs, ...(n8n?.logs ?? [])]);
		const startAndActivate = async (workflowIds: string[]) => {
			n8n = startN8n(test.instance);
			await n8n.ready;
			const thisRun = n8n;
			await waitFor(
				`the activation of ${workflowIds.join(' and ')}`,
				() => {
					const entries = parseJsonLogs(thisRun.logs);
					return workflowIds.every((id) => isWorkflowActive(entries, id, [TRIGGER]))
						? true
						: undefined;
				},
				120_000,
			);
		};
		const stop = async () => {
			await n8n?.stop();
			earlierLogs.push(...(n8n?.logs ?? []));
			n8n = undefined;
		};

		const addWorkflow = async (id: string) => {
			const collector = await startCollector();
			collectors.set(id, collector);
			const workflow = { ...readExample(EXAMPLE), id, name: `Durable scheduler ${id}` };
			pollEveryTenSeconds(workflow);
			if (id === CASES) asNewCaseWorkflow(workflow);
			postEachItemTo(workflow, id === CASES ? TRIGGER : 'Bookkeeping Update', collector.url);
			await importWorkflows(test.instance, writeWorkflow(workflowFolder, workflow), false);
			await publishWorkflow(test.instance, id);
		};

		beforeAll(async () => {
			sandbox = await startSandbox({ demoData: true, paymentOrder: 'unsorted' });
			test = await createTestInstance(app);
			test.instance.env = DURABLE_SCHEDULER;
			testCase = sandbox.createCase({
				isTest: true,
				creditorReference: 'E2E-DURABLE-1',
				currencyCode: 'EUR',
				amountToRecover: 100_000,
				date: new Date(Date.now() - 60 * 86_400_000).toISOString(),
				debtor: {
					type: 'Company',
					name: 'Durable Test GmbH',
					address: 'Teststraße 3',
					city: 'Berlin',
					countryAlpha2: 'DE',
				},
			});
			// History, recorded before activation: never reported, but read on every poll (the order is shuffled).
			payMany(HISTORY, 1);
			workflowFolder = mkdtempSync(path.join(test.instance.userFolder, 'workflows-'));
			await importSandboxCredential(test.instance, sandbox);
			await addWorkflow(FIRST);
		});

		afterAll(async () => {
			await stop();
			for (const collector of collectors.values()) await collector.close();
			await sandbox?.close();
			test?.dispose();
		});

		it('reports payments recorded in batches right after activation and later, once each', async () => {
			await startAndActivate([FIRST]);
			expectIn([FIRST], payMany(4, 1_000));
			await expectExactlyOnce([FIRST]);
			expectIn([FIRST], payMany(3, 2_000));
			await sleep(10_000);
			expectIn([FIRST], payMany(3, 3_000));
			await expectExactlyOnce([FIRST]);
			// The polls ran as the durable scheduler's tasks, not as n8n's in-memory crons.
			expect(
				logs().some((entry) => entry.message.startsWith('Poll returned new data; handed off')),
			).toBe(true);
			expect(
				logs().some((entry) => entry.message.includes('durable poll cursors stay disabled')),
			).toBe(false);
		});

		it('loses nothing to a 500 in the middle of a read', async () => {
			sandbox.injectFault({ method: 'GET', path: '/Payments', kind: 'server-error', skip: 1 });
			expectIn([FIRST], payMany(2, 4_000));
			await expectExactlyOnce([FIRST]);
		});

		it('finishes a read that takes longer than the poll budget over several polls', async () => {
			// 2.5 s a page against a budget of about 4 s: no poll reads all three pages.
			sandbox.injectFault({
				method: 'GET',
				path: '/Payments',
				kind: 'slow',
				delayMs: 2_500,
				count: 9,
			});
			expectIn([FIRST], payMany(2, 5_000));
			await expectExactlyOnce([FIRST]);
		});

		it('across restarts midway and right after the activation poll, reports each payment (and each new case) once', async () => {
			await stop();
			// n8n's default poll timeout (45 s) from here on. After a restart n8n runs the late occurrence of
			// every Poll Time at once; the trigger's polls take turns, and the first passes its state on only
			// if it ends within its budget. On a busy 2-core machine that first poll can take longer than the
			// 5 s a 10 s timeout leaves (the README's limit for the durable scheduler).
			const { N8N_SCHEDULER_POLL_TIMEOUT: _shortTimeout, ...defaultTimeout } = DURABLE_SCHEDULER;
			test.instance.env = defaultTimeout;
			expectIn([FIRST], payMany(2, 6_000));
			await addWorkflow(SECOND);
			await addWorkflow(CASES);
			const all = [FIRST, SECOND, CASES];

			// The second and case workflows' activation polls run at start-up; n8n stops right after them.
			await startAndActivate(all);
			expectIn([FIRST, SECOND], payMany(3, 7_000));
			newCases(2);
			await stop();
			expectIn([FIRST, SECOND], payMany(2, 8_000));
			newCases(1);

			await startAndActivate(all);
			await expectExactlyOnce(all);
			expectIn([FIRST, SECOND], payMany(1, 9_000));
			newCases(1);
			await expectExactlyOnce(all);
		}, 600_000);
	});
}
