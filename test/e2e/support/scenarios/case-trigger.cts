import { randomUUID } from 'node:crypto';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import type { InvoiceDto } from '../../../../sandbox/index.cjs';
import { call } from '../../../sandbox/helpers.cjs';
import type { Collector } from '../collector.cjs';
import { POLL_WAIT_MS, PublishedPoller, QUIET_MS } from '../published-poller.cjs';
import { sandboxState } from '../sandbox-control.cjs';
import { sleep, waitFor } from '../wait.cjs';
import { nodeNamed, readExample, type WorkflowJson } from '../workflows.cjs';

const EXAMPLE = 'case-closed-to-crm.json';
const EXAMPLE_TRIGGER = 'Case Closed';
/** Short: n8n never saves static data for workflow ids longer than 21 characters. */
const EVENTS_WORKFLOW = 'dbtCaseEventsE2e';
const EVENTS = ['created', 'updated', 'closed'] as const;
type CaseEvent = (typeof EVENTS)[number];
type Events = Record<CaseEvent, string[]>;
const TRIGGER_NAMES: Record<CaseEvent, string> = {
	created: 'New Case',
	updated: 'Case Updated',
	closed: 'Case Closed',
};

/** Packing the package and four n8n commands (each an n8n start-up) on a loaded machine. */
const SET_UP_MS = 600_000;

const noEvents = (): Events => ({ created: [], updated: [], closed: [] });

/**
 * A workflow with one Debitura Case Trigger per event (New Case, Case Updated, Case Closed; test
 * cases, as the example), each item going to one node the test's collector is put after. Each
 * trigger keeps its own cursor, as n8n keeps static data per node.
 */
function everyCaseEventWorkflow(example: WorkflowJson): WorkflowJson {
	const template = nodeNamed(example, EXAMPLE_TRIGGER);
	const triggers = EVENTS.map((event, index) => ({
		...template,
		id: randomUUID(),
		name: TRIGGER_NAMES[event],
		position: [0, index * 200] as [number, number],
		parameters: { event, cases: 'test', simplify: true, options: {} },
	}));
	const sink = {
		id: randomUUID(),
		name: 'Case Event',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [240, 200] as [number, number],
		parameters: {},
	};
	return {
		id: EVENTS_WORKFLOW,
		name: 'Debitura Case Trigger e2e: every case event',
		nodes: [...triggers, sink],
		connections: Object.fromEntries(
			triggers.map((trigger) => [
				trigger.name,
				{ main: [[{ node: sink.name, type: 'main', index: 0 }]] },
			]),
		),
		settings: { executionOrder: 'v1' },
	};
}

/**
 * The Debitura Case Trigger published in a running n8n: each case event on a test case — a new case,
 * a change, a close — is reported once, while n8n runs and across a restart (events made while n8n
 * was down included); history from before activation and live cases never. The "case closed → CRM"
 * example runs alongside and turns each close into its CRM update.
 */
export function caseTriggerScenario(app: N8nApp): void {
	describe(`the case trigger published in ${app.label}`, () => {
		let env: PublishedPoller;
		let events: Collector;
		let crm: Collector;
		/** Open test cases made before activation: each is changed or closed once, then dropped from here. */
		const spare: InvoiceDto[] = [];
		const expected = noEvents();
		let counter = 0;

		const newCase = (isTest: boolean) =>
			env.sandbox.createCase({
				isTest,
				lifecycle: 'Active',
				creditorReference: `E2E-CASE-${++counter}`,
				currencyCode: 'EUR',
				amountToRecover: 500 + counter,
				date: new Date(Date.now() - 60 * 86_400_000).toISOString(),
				debtor: {
					type: 'Company',
					name: `Case Trigger Test ${counter} GmbH`,
					address: 'Teststraße 3',
					city: 'Berlin',
					countryAlpha2: 'DE',
				},
			});
		const advance = async (caseId: string, body: Record<string, unknown>) => {
			const answer = await call(env.sandbox, `/test/cases/${caseId}/advance`, {
				method: 'POST',
				body,
			});
			expect(answer.json).toMatchObject({ advanced: true });
		};

		/**
		 * One of each event on test cases, through the sandbox's own API where Debitura has one (the
		 * test endpoint closes a case); a new live case and a change to one besides, never reported.
		 * A close is a change too: it is a Case Updated as well as a Case Closed.
		 */
		const makeEvents = async (close: 'Closed:Paid' | 'Closed:NoPayment'): Promise<Events> => {
			const made = noEvents();
			made.created.push(newCase(true).id);
			const [toChange, toClose] = spare.splice(0, 2);
			env.sandbox.updateCase(toChange.id, { lifecycle: 'Paused' });
			await advance(
				toClose.id,
				close === 'Closed:Paid' ? { to: close, amount: toClose.grossAmount } : { to: close },
			);
			made.updated.push(toChange.id, toClose.id);
			made.closed.push(toClose.id);
			env.sandbox.updateCase(newCase(false).id, { lifecycle: 'Closed', closeCode: 'Paid' });
			for (const event of EVENTS) expected[event].push(...made[event]);
			return made;
		};

		const reported = (event: CaseEvent) =>
			events.received
				.filter((item) => item.event === `case.${event}`)
				.map((item) => String(item.id))
				.sort();
		const allArrived = (made: Events) =>
			EVENTS.every((event) => made[event].every((id) => reported(event).includes(id)));
		const waitForEvents = (what: string, made: Events) =>
			waitFor(what, () => (allArrived(made) ? true : undefined), POLL_WAIT_MS);
		const expectExactlyExpected = () => {
			for (const event of EVENTS)
				expect({ event, ids: reported(event) }).toEqual({
					event,
					ids: [...expected[event]].sort(),
				});
			expect(crm.received.map((record) => String(record.caseId)).sort()).toEqual(
				[...expected.closed].sort(),
			);
		};

		beforeAll(async () => {
			env = await PublishedPoller.create(app);
			for (let index = 0; index < 4; index++) spare.push(newCase(true));
			// History: changed and closed before activation, so never reported.
			env.sandbox.updateCase(newCase(true).id, { lifecycle: 'Paused' });
			env.sandbox.updateCase(newCase(true).id, { lifecycle: 'Closed', closeCode: 'Paid' });
			[crm, events] = await env.publish(
				{ workflow: readExample(EXAMPLE), triggers: [EXAMPLE_TRIGGER], lastNode: 'CRM Update' },
				{
					workflow: everyCaseEventWorkflow(readExample(EXAMPLE)),
					triggers: Object.values(TRIGGER_NAMES),
					lastNode: 'Case Event',
				},
			);
		}, SET_UP_MS);

		afterAll(async () => {
			await env?.dispose();
		});

		it('reports a new case, a change and a close made while n8n runs, once each, but not history or live cases', async () => {
			await env.startAndActivate();
			const made = await makeEvents('Closed:Paid');
			await waitForEvents('a new case, two changes and a close', made);
			await waitFor(
				'the CRM update of the closed case',
				() => (crm.received.length >= 1 ? true : undefined),
				POLL_WAIT_MS,
			);
			await sleep(QUIET_MS);
			expectExactlyExpected();
		});

		it('after a restart, reports what happened while n8n was down and later events, with no duplicates', async () => {
			await env.stopN8n();
			const whileDown = await makeEvents('Closed:NoPayment');
			await env.startAndActivate();
			await waitForEvents('the events made while n8n was down', whileDown);

			// A new case right after the restart; the last two spare cases are each closed outright.
			const afterRestart = noEvents();
			afterRestart.created.push(newCase(true).id);
			for (const spareCase of spare.splice(0)) {
				await advance(spareCase.id, { to: 'Closed:Paid', amount: spareCase.grossAmount });
				afterRestart.updated.push(spareCase.id);
				afterRestart.closed.push(spareCase.id);
			}
			for (const event of EVENTS) expected[event].push(...afterRestart[event]);
			await waitForEvents('the events made after the restart', afterRestart);
			await waitFor(
				'every CRM update',
				() => (crm.received.length >= expected.closed.length ? true : undefined),
				POLL_WAIT_MS,
			);
			await sleep(QUIET_MS);
			expectExactlyExpected();
		});

		it('the example turns each closed case into the CRM update of its invoice', async () => {
			const cases = (await sandboxState(env.sandbox.url)).cases;
			for (const record of crm.received) {
				const closed = cases.find((item) => item.id === record.caseId)!;
				const paid = closed.closeCode === 'Paid';
				expect(record).toMatchObject({
					invoiceNumber: closed.creditorReference,
					customer: closed.debtor.name,
					debituraCase: closed.reference,
					outcome: closed.closeCode,
					recovered: closed.grossAmount - closed.remainder,
					currency: closed.currency,
					invoiceStatus: paid ? 'paid' : 'closed unpaid',
					nextStep: paid ? 'Mark the invoice paid' : 'Write off or review the remainder',
				});
				expect(Date.parse(String(record.closedOn))).toBeGreaterThan(0);
			}
			expect(crm.received.map((record) => record.outcome)).toEqual(
				expect.arrayContaining(['Paid', expect.stringMatching(/No Payment/)]),
			);
		});
	});
}
