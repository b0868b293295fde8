import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { importWorkflows } from '../../../../scripts/n8n/cli.cjs';
import { EXAMPLES_DIR } from '../../../../scripts/n8n/repo.cjs';
import { startSandbox, type Sandbox } from '../../../../sandbox/index.cjs';
import { executeWorkflow, outputOf } from '../execute.cjs';
import { importSandboxCredential } from '../sandbox-credential-import.cjs';
import { sandboxState } from '../sandbox-control.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';
import { nodeNamed, readExample } from '../workflows.cjs';

const INVOICE_EXAMPLE = 'overdue-invoice-to-collection-case.json';
const STATUS_EXAMPLE = 'case-status-check.json';
/** The invoice numbers example (c) checks: cases in the sandbox's demo data, open and closed. */
const CHECKED_REFERENCES = ['INV-2024-1187', 'INV-2024-0932', 'INV-2024-0611', 'INV-2025-0131'];
const CLOSED_LIFECYCLES = ['Closed', 'Merged'];
/** Demo cases example (d) gives work to: a partner's message to answer, details to add; and a closed case with a message. */
const WAITING = { chat: 'INV-2024-1187', moreInfo: 'INV-2025-0107', closed: 'INV-2024-0932' };

/** The invoice the example's "Overdue Invoice" node holds, as the test expects to find it in the sandbox. */
function exampleInvoice(): Record<string, unknown> {
	const fields = nodeNamed(readExample(INVOICE_EXAMPLE), 'Overdue Invoice').parameters
		.assignments as {
		assignments: Array<{ name: string; value: unknown }>;
	};
	return Object.fromEntries(fields.assignments.map((field) => [field.name, field.value]));
}

/**
 * The example workflows as a user imports them (the files in examples/, the "Debitura Sandbox"
 * credential), executed headlessly with `n8n execute`; what they put out must be what the sandbox holds.
 */
export function examplesScenario(app: N8nApp): void {
	describe(`the example workflows in ${app.label}`, () => {
		let sandbox: Sandbox;
		let test: TestInstance;

		beforeAll(async () => {
			sandbox = await startSandbox({ demoData: true });
			test = await createTestInstance(app);
			await importSandboxCredential(test.instance, sandbox);
			await importWorkflows(test.instance, EXAMPLES_DIR, true);
		});

		afterAll(async () => {
			await sandbox?.close();
			test?.dispose();
		});

		it('"overdue invoice to collection case" opens a test case, uploads the PDF and reads its status', async () => {
			const invoice = exampleInvoice();
			const run = await executeWorkflow(test.instance, 'dbtInvoiceToCase');
			const [created] = outputOf(run, 'Create Case');
			const [uploaded] = outputOf(run, 'Upload Invoice');
			const [status] = outputOf(run, 'Get Case Status');

			const stored = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.creditorReference === invoice.invoiceNumber,
			);
			expect(stored).toHaveLength(1);
			expect(stored[0]).toMatchObject({
				id: created.id,
				isTestCase: true,
				currency: invoice.currency,
				grossAmount: invoice.amountDue,
				debtor: {
					type: invoice.customerType,
					name: invoice.customerName,
					countryAlpha2: invoice.customerCountry,
					city: invoice.customerCity,
				},
			});

			expect(uploaded).toMatchObject({
				caseId: created.id,
				fileName: `${invoice.invoiceNumber}.pdf`,
				documentType: 'OriginalInvoice',
			});
			const file = sandbox.getFile(String(created.id), String(uploaded.id));
			expect(file?.bytes.equals(Buffer.from(String(invoice.pdfBase64), 'base64'))).toBe(true);
			expect(file?.contentType).toBe('application/pdf');

			expect(status).toMatchObject({
				id: stored[0].id,
				reference: stored[0].reference,
				creditorReference: invoice.invoiceNumber,
				lifecycle: stored[0].lifecycle,
				grossAmount: stored[0].grossAmount,
				remainder: stored[0].remainder,
				isTestCase: true,
			});
		});

		it('"overdue invoice to collection case" run again returns the same case instead of a second one', async () => {
			const invoice = exampleInvoice();
			const before = (await sandboxState(sandbox.url)).cases.find(
				(item) => item.creditorReference === invoice.invoiceNumber,
			);
			const run = await executeWorkflow(test.instance, 'dbtInvoiceToCase');
			const after = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.creditorReference === invoice.invoiceNumber,
			);
			expect(after).toHaveLength(1);
			expect(outputOf(run, 'Create Case')[0].id).toBe(before?.id);
		});

		it('"status check over several cases" reports each case as the sandbox has it', async () => {
			const run = await executeWorkflow(test.instance, 'dbtCaseStatusCheck');
			const cases = (await sandboxState(sandbox.url)).cases;
			const caseFor = (reference: unknown) =>
				cases.find((item) => item.creditorReference === reference)!;

			const statuses = outputOf(run, 'Get Case Status');
			expect(statuses.map((status) => status.creditorReference)).toEqual(CHECKED_REFERENCES);
			for (const status of statuses) {
				const stored = caseFor(status.creditorReference);
				expect(status).toMatchObject({
					id: stored.id,
					lifecycle: stored.lifecycle,
					closeCode: stored.closeCode,
					remainder: stored.remainder,
					isClosed: CLOSED_LIFECYCLES.includes(String(stored.lifecycle)),
				});
			}

			const closed = CHECKED_REFERENCES.filter((reference) =>
				CLOSED_LIFECYCLES.includes(String(caseFor(reference).lifecycle)),
			);
			const open = CHECKED_REFERENCES.filter((reference) => !closed.includes(reference));
			// The demo data has both kinds, so each branch is really exercised.
			expect(closed.length).toBeGreaterThan(0);
			expect(open.length).toBeGreaterThan(0);
			expect(outputOf(run, 'Closed?', 0).map((item) => item.creditorReference)).toEqual(closed);
			expect(outputOf(run, 'Closed?', 1).map((item) => item.creditorReference)).toEqual(open);

			for (const settled of outputOf(run, 'Closed: Settle Invoice')) {
				const stored = caseFor(settled.creditorReference);
				expect(settled).toMatchObject({
					outcome: stored.closeCode,
					recovered: stored.grossAmount - stored.remainder,
					nextStep:
						stored.closeCode === 'Paid'
							? 'Mark the invoice paid'
							: 'Write off or review the remainder',
				});
			}
			expect(outputOf(run, 'Open: Keep Following Up').map((item) => item.outstanding)).toEqual(
				open.map((reference) => caseFor(reference).remainder),
			);
		});

		it('"cases waiting on me" sums up the open tasks of the cases in progress, largest remainder first', async () => {
			const before = (await sandboxState(sandbox.url)).cases;
			const idOf = (reference: string) =>
				before.find((item) => item.creditorReference === reference)!.id;
			// The demo data has no open task: give two cases in progress work, and a closed case a message.
			sandbox.addPartnerChat(
				idOf(WAITING.chat),
				'Can you confirm the delivery date on the invoice?',
			);
			sandbox.updateCase(idOf(WAITING.moreInfo), { lifecycle: 'NeedsAdditionalDetails' });
			sandbox.addPartnerChat(idOf(WAITING.closed), 'Thank you, the case is settled.');

			const run = await executeWorkflow(test.instance, 'dbtCasesWaitingOnMe');
			const stored = (await sandboxState(sandbox.url)).cases;
			const waiting = stored
				.filter((item) => [WAITING.chat, WAITING.moreInfo].includes(String(item.creditorReference)))
				.sort((a, b) => Number(b.remainder) - Number(a.remainder));

			// Every case in progress was read, and each one's open tasks.
			const inProgress = [
				'Active',
				'More Info Required',
				'Pending Contract Signing',
				'Pending Quote Selection',
			];
			expect(
				outputOf(run, 'Open Cases')
					.map((item) => item.id)
					.sort(),
			).toEqual(
				stored
					.filter((item) => inProgress.includes(String(item.lifecycle)))
					.map((item) => item.id)
					.sort(),
			);
			const [digest] = outputOf(run, 'Digest');
			expect(digest.subject).toBe('2 Debitura cases wait on you');
			expect(digest.cases).toEqual(
				waiting.map((item) => ({
					id: item.id,
					reference: item.reference,
					creditorReference: item.creditorReference,
					lifecycle: item.lifecycle,
					remainder: item.remainder,
					currency: item.currency,
					tasks: [
						expect.objectContaining({
							type: item.creditorReference === WAITING.chat ? 'ReplyToChat' : 'MoreInfoNeeded',
							solutionUrl: expect.stringContaining(String(item.id)),
						}),
					],
				})),
			);
			expect(waiting.map((item) => item.lifecycle)).toEqual(
				expect.arrayContaining(['Active', 'More Info Required']),
			);
			const lines = String(digest.text).split('\n');
			expect(lines).toHaveLength(2);
			lines.forEach((line, index) =>
				expect(line).toContain(
					`${waiting[index].creditorReference} (${waiting[index].lifecycle}, ${waiting[index].remainder} ${waiting[index].currency} outstanding)`,
				),
			);
		});
	});
}
