import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../../../../scripts/n8n/cli.cjs';
import { startN8n, type RunningN8n } from '../../../../scripts/n8n/server.cjs';
import { startSandbox, type Sandbox } from '../../../../sandbox/index.cjs';
import { startCollector, type Collector } from '../collector.cjs';
import { isWorkflowActive, parseJsonLogs } from '../json-logs.cjs';
import { importSandboxCredential } from '../sandbox-credential-import.cjs';
import { sandboxState } from '../sandbox-control.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';
import { sleep, waitFor } from '../wait.cjs';
import {
	nodeNamed,
	pollEveryMinuteAt,
	postEachItemTo,
	readExample,
	writeWorkflow,
	type WorkflowJson,
} from '../workflows.cjs';

const EXAMPLE = 'test-mode-rehearsal.json';
const WORKFLOW_ID = 'dbtTestModeRehearsal';
const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';
const PAYMENT_TRIGGER = 'New Test Payment';
const TAG = 'n8n-rehearsal';
/** n8n polls once a minute at most; a poll plus its execution may take this long. */
const POLL_WAIT_MS = 100_000;
const QUIET_MS = 5_000;

/**
 * A published workflow cannot be started by its manual trigger from outside the editor, so the
 * test starts the rehearsal row through a Webhook node put in the manual trigger's place (same
 * name, same connections); everything after it is the example as shipped.
 */
function startRehearsalByWebhook(workflow: WorkflowJson, webhookPath: string): void {
	const trigger = nodeNamed(workflow, MANUAL_TRIGGER);
	Object.assign(trigger, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
		webhookId: randomUUID(),
	});
}

/** A second branch from the Payment Trigger to the collector, beside the example's own. */
function alsoPostPaymentsTo(workflow: WorkflowJson, url: string): void {
	const trigger = nodeNamed(workflow, PAYMENT_TRIGGER);
	const name = 'Payment to Collector';
	workflow.nodes.push({
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [trigger.position[0] + 220, trigger.position[1] + 200],
		parameters: {
			method: 'POST',
			url,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ payment: $json }) }}',
			options: {},
		},
	});
	workflow.connections[PAYMENT_TRIGGER].main[0].push({ node: name, type: 'main', index: 0 });
}

/**
 * The test-mode example published in a running n8n: its manual row creates a tagged test case and
 * advances it to Closed: Paid; the Payment Trigger reports the payment Debitura recorded; the
 * rehearsal's cases are then deleted by tag. A live case sharing nothing with the rehearsal stays.
 */
export function testModeScenario(app: N8nApp): void {
	describe(`the test-mode rehearsal example published in ${app.label}`, () => {
		let sandbox: Sandbox;
		let test: TestInstance;
		let collector: Collector;
		let n8n: RunningN8n | undefined;
		const webhookPath = `rehearse-${randomUUID()}`;

		beforeAll(async () => {
			sandbox = await startSandbox({ demoData: true });
			collector = await startCollector();
			test = await createTestInstance(app);
			const workflow = readExample(EXAMPLE);
			pollEveryMinuteAt(workflow, PAYMENT_TRIGGER, new Date(Date.now() + 40_000).getUTCSeconds());
			startRehearsalByWebhook(workflow, webhookPath);
			postEachItemTo(workflow, 'Delete Test Cases by Tag', collector.url);
			alsoPostPaymentsTo(workflow, collector.url);
			const folder = mkdtempSync(path.join(test.instance.userFolder, 'workflows-'));
			await importSandboxCredential(test.instance, sandbox);
			await importWorkflows(test.instance, writeWorkflow(folder, workflow), false);
			await publishWorkflow(test.instance, workflow.id);
			n8n = startN8n(test.instance);
			await n8n.ready;
			await waitFor(
				'the workflow to be activated',
				() =>
					isWorkflowActive(parseJsonLogs(n8n!.logs), WORKFLOW_ID, [PAYMENT_TRIGGER])
						? true
						: undefined,
				60_000,
			);
		});

		afterAll(async () => {
			await n8n?.stop();
			await collector?.close();
			await sandbox?.close();
			test?.dispose();
		});

		it('creates a tagged test case, closes it as paid, hears the payment, then deletes the test cases by tag', async () => {
			const liveBefore = (await sandboxState(sandbox.url)).cases
				.filter((item) => !item.isTestCase)
				.map((item) => item.id);
			const started = await fetch(`${n8n!.url}/webhook/${webhookPath}`, { method: 'POST' });
			expect(started.status).toBe(200);

			const created = await waitFor(
				'the test case to be created',
				() =>
					sandbox.requests.find(
						(r) => r.method === 'POST' && r.path === '/cases' && r.status < 300,
					),
				60_000,
			);
			expect(created.body).toMatchObject({ isTest: true, tag: TAG });
			// Preview first: the same debtor, currency and amount, answered without creating anything.
			const previews = sandbox.requests.filter(
				(r) => r.method === 'POST' && r.path === '/cases/preview',
			);
			expect(previews.map((r) => [r.status, r.body])).toEqual([
				[200, expect.objectContaining({ currencyCode: 'EUR', amountToRecover: 1500 })],
			]);
			expect(sandbox.requests.indexOf(previews[0])).toBeLessThan(sandbox.requests.indexOf(created));

			await waitFor(
				'the payment and the clean-up',
				() => (collector.received.some((record) => record.deleted === true) ? true : undefined),
				POLL_WAIT_MS,
			);
			await sleep(QUIET_MS);

			const advance = sandbox.requests.filter(
				(r) => r.method === 'POST' && r.path.startsWith('/test/cases/'),
			);
			expect(advance).toHaveLength(1);
			expect(advance[0].body).toEqual({ to: 'Closed:Paid', amount: 1500 });
			expect(advance[0].status).toBe(200);
			const reportedCaseId = advance[0].path.split('/')[3];

			const payments = collector.received
				.filter((record) => record.payment)
				.map((record) => record.payment as Record<string, unknown>);
			expect(payments).toHaveLength(1);
			expect(payments[0]).toMatchObject({
				caseId: reportedCaseId,
				grossAmount: 1500,
				isTestCase: true,
			});
			expect(String(payments[0].creditorReference)).toMatch(/^REHEARSAL-\d+$/);

			expect(collector.received.filter((record) => record.deleted)).toEqual([
				{ deleted: true, tag: TAG },
			]);
			const deletes = sandbox.requests.filter((r) => r.method === 'DELETE');
			expect(deletes.map((r) => [r.path, r.query, r.status])).toEqual([
				['/test/cases', { tag: [TAG] }, 204],
			]);

			const after = await sandboxState(sandbox.url);
			expect(after.cases.find((item) => item.id === reportedCaseId)).toBeUndefined();
			expect(
				after.payments.filter((payment) => payment.invoice.invoiceId === reportedCaseId),
			).toEqual([]);
			expect(after.cases.filter((item) => !item.isTestCase).map((item) => item.id)).toEqual(
				liveBefore,
			);
		});
	});
}
