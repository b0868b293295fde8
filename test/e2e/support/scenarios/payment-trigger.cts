import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import type { InvoiceDto, PaymentDto } from '../../../../sandbox/index.cjs';
import type { Collector } from '../collector.cjs';
import { POLL_WAIT_MS, PublishedPoller, QUIET_MS } from '../published-poller.cjs';
import { createSandboxCase, recordSandboxPayment, sandboxState } from '../sandbox-control.cjs';
import { sleep, waitFor } from '../wait.cjs';
import { readExample } from '../workflows.cjs';

const EXAMPLE = 'payment-to-bookkeeping-record.json';
const TRIGGER = 'New Payment';

/**
 * Example (b) published in a running n8n: the Debitura Payment Trigger reports every payment the
 * sandbox records on a test case while n8n runs, exactly once, across a restart of n8n too, and
 * never the history from before activation or payments on live cases. The example's last node
 * posts each bookkeeping record to a collector standing in for the CRM.
 */
export function paymentTriggerScenario(app: N8nApp): void {
	describe(`the payment trigger example published in ${app.label}`, () => {
		let env: PublishedPoller;
		let collector: Collector;
		let testCase: InvoiceDto;
		let liveCase: InvoiceDto;
		const expected: PaymentDto[] = [];

		const pay = async (onCase: InvoiceDto, grossAmount: number) =>
			recordSandboxPayment(env.sandbox.url, { caseId: onCase.id, grossAmount });

		const recordsFor = (payments: PaymentDto[]) =>
			collector.received.filter((record) =>
				payments.some((payment) => payment.id === record.paymentId),
			);

		beforeAll(async () => {
			env = await PublishedPoller.create(app);
			testCase = await createSandboxCase(env.sandbox.url, {
				isTest: true,
				creditorReference: 'E2E-TRIGGER-1',
				currencyCode: 'EUR',
				amountToRecover: 1000,
				date: new Date(Date.now() - 60 * 86_400_000).toISOString(),
				debtor: {
					type: 'Company',
					name: 'Trigger Test GmbH',
					address: 'Teststraße 2',
					city: 'Berlin',
					countryAlpha2: 'DE',
				},
			});
			liveCase = (await sandboxState(env.sandbox.url)).cases.find(
				(item) => !item.isTestCase && item.lifecycle === 'Active',
			)!;
			// History: recorded before the workflow is activated, so never reported.
			await pay(testCase, 11);
			[collector] = await env.publish({
				workflow: readExample(EXAMPLE),
				triggers: [TRIGGER],
				lastNode: 'Bookkeeping Update',
			});
		});

		afterAll(async () => {
			await env?.dispose();
		});

		it('reports payments recorded while n8n runs, once each, but not history or live cases', async () => {
			await env.startAndActivate();
			expected.push(await pay(testCase, 120), await pay(testCase, 80.5));
			await pay(liveCase, 999);

			await waitFor(
				'two bookkeeping records',
				() => (collector.received.length >= 2 ? true : undefined),
				POLL_WAIT_MS,
			);
			await sleep(QUIET_MS);
			expect(collector.received.map((record) => record.paymentId).sort()).toEqual(
				expected.map((payment) => payment.id).sort(),
			);
		});

		it('after a restart, reports what was paid while n8n was down and later payments, with no duplicates', async () => {
			await env.stopN8n();
			const whileDown = [await pay(testCase, 30), await pay(testCase, 40)];
			expected.push(...whileDown);

			await env.startAndActivate();
			await waitFor(
				'the payments recorded while n8n was down',
				() => (recordsFor(whileDown).length >= 2 ? true : undefined),
				POLL_WAIT_MS,
			);

			const afterRestart = await pay(testCase, 50);
			expected.push(afterRestart);
			await waitFor(
				'the payment recorded after the restart',
				() => (recordsFor([afterRestart]).length ? true : undefined),
				POLL_WAIT_MS,
			);
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
