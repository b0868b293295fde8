import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../../../../scripts/n8n/cli.cjs';
import { startN8n, type RunningN8n } from '../../../../scripts/n8n/server.cjs';
import { startSandbox, type InvoiceDto, type PaymentDto, type Sandbox } from '../../../../sandbox/index.cjs';
import { startCollector, type Collector } from '../collector.cjs';
import { isActivationOf, parseJsonLogs } from '../json-logs.cjs';
import { importSandboxCredential } from '../sandbox-credential-import.cjs';
import { createSandboxCase, recordSandboxPayment, sandboxState } from '../sandbox-control.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';
import { sleep, waitFor } from '../wait.cjs';
import { pollEveryMinuteAt, postEachItemTo, readExample, writeWorkflow } from '../workflows.cjs';

const EXAMPLE = 'payment-to-bookkeeping-record.json';
const TRIGGER = 'New Payment';
const WORKFLOW_ID = 'dbtPaymentToBooks';
/** n8n polls once a minute at most; a poll plus its execution may take this long to reach the collector. */
const POLL_WAIT_MS = 100_000;
/** After the expected records arrived: time for a duplicate, should one be on its way. */
const QUIET_MS = 5_000;

/**
 * Example (b) published in a running n8n: the Debitura Payment Trigger reports every payment the
 * sandbox records on a test case while n8n runs, exactly once, across a restart of n8n too, and
 * never the history from before activation or payments on live cases. The example's last node
 * posts each bookkeeping record to a collector standing in for the CRM.
 */
export function paymentTriggerScenario(app: N8nApp): void {
	describe(`the payment trigger example published in ${app.label}`, () => {
		let sandbox: Sandbox;
		let test: TestInstance;
		let collector: Collector;
		let n8n: RunningN8n | undefined;
		let testCase: InvoiceDto;
		let liveCase: InvoiceDto;
		const expected: PaymentDto[] = [];

		const pay = async (onCase: InvoiceDto, grossAmount: number) => recordSandboxPayment(sandbox.url, { caseId: onCase.id, grossAmount });

		/** Starts n8n and waits until the workflow is active: its activation poll has read the sandbox. */
		const startAndActivate = async () => {
			n8n = startN8n(test.instance);
			await n8n.ready;
			await waitFor(
				'the workflow to be activated',
				() => parseJsonLogs(n8n!.logs).find((entry) => isActivationOf(entry, WORKFLOW_ID)),
				60_000,
			);
		};

		const recordsFor = (payments: PaymentDto[]) => collector.received.filter((record) => payments.some((payment) => payment.id === record.paymentId));

		beforeAll(async () => {
			sandbox = await startSandbox({ demoData: true });
			collector = await startCollector();
			test = await createTestInstance(app);
			testCase = await createSandboxCase(sandbox.url, {
				isTest: true, creditorReference: 'E2E-TRIGGER-1', currencyCode: 'EUR', amountToRecover: 1000,
				date: new Date(Date.now() - 60 * 86_400_000).toISOString(),
				debtor: { type: 'Company', name: 'Trigger Test GmbH', address: 'Teststraße 2', city: 'Berlin', countryAlpha2: 'DE' },
			});
			liveCase = (await sandboxState(sandbox.url)).cases.find((item) => !item.isTestCase && item.lifecycle === 'Active')!;
			// History: recorded before the workflow is activated, so never reported.
			await pay(testCase, 11);

			const workflow = readExample(EXAMPLE);
			// Every minute, at the second about 40 s from now: after n8n is up and the first payments are in.
			pollEveryMinuteAt(workflow, TRIGGER, new Date(Date.now() + 40_000).getUTCSeconds());
			postEachItemTo(workflow, 'Bookkeeping Update', collector.url);
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

		it('reports payments recorded while n8n runs, once each, but not history or live cases', async () => {
			await startAndActivate();
			expected.push(await pay(testCase, 120), await pay(testCase, 80.5));
			await pay(liveCase, 999);

			await waitFor('two bookkeeping records', () => (collector.received.length >= 2 ? true : undefined), POLL_WAIT_MS);
			await sleep(QUIET_MS);
			expect(collector.received.map((record) => record.paymentId).sort()).toEqual(expected.map((payment) => payment.id).sort());
		});

		it('after a restart, reports what was paid while n8n was down and later payments, with no duplicates', async () => {
			await n8n!.stop();
			const whileDown = [await pay(testCase, 30), await pay(testCase, 40)];
			expected.push(...whileDown);

			await startAndActivate();
			await waitFor('the payments recorded while n8n was down', () => (recordsFor(whileDown).length >= 2 ? true : undefined), POLL_WAIT_MS);

			const afterRestart = await pay(testCase, 50);
			expected.push(afterRestart);
			await waitFor('the payment recorded after the restart', () => (recordsFor([afterRestart]).length ? true : undefined), POLL_WAIT_MS);
			await sleep(QUIET_MS);

			const reported = collector.received.map((record) => record.paymentId);
			expect(reported.sort()).toEqual(expected.map((payment) => payment.id).sort());
		});

		it('turns each payment into the bookkeeping record of its invoice', () => {
			for (const payment of expected) {
				const [record] = recordsFor([payment]);
				expect(record).toMatchObject({
					invoiceNumber: testCase.creditorReference,
					customer: testCase.debtor.name,
					paymentId: payment.id,
					amountPaid: payment.grossAmount,
					currency: payment.currency,
				});
			}
		});
	});
}
