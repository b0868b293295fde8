import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { debituraBaseUrl } from '../../credentials/DebituraApi.credentials';
import { fetchCases } from './cases';
import type { Case, Payment } from '../shared/types';
import { advanceFloor, eventTime, isCursorState, isNew, markHandled, newCursor, type PaymentEvent } from './cursor';
import { keepSeedCopy, seedCopy } from './activation-seed';
import { catchUp, leaveState, takeTurn } from './poll-turns';
import { toOutputItem } from './output';
import { createReader, fullScan, scanPayments } from './scan';

type CaseFilter = 'test' | 'live' | 'both';

/** Fetch Test Event looks for a matching payment among this many of the newest. */
const MANUAL_CANDIDATES = 500;

/** How often a full read re-checks the order that cheaper ordered reads rely on. */
const FULL_SCAN_INTERVAL_MS = 24 * 60 * 60 * 1000;

export class DebituraPaymentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Debitura Payment Trigger',
		name: 'debituraPaymentTrigger',
		icon: { light: 'file:../../icons/debitura.svg', dark: 'file:../../icons/debitura.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] === "updated" ? "Payment Updated" : "New Payment" }}',
		description: 'Starts the workflow when Debitura records a payment on one of your cases, or a payment is edited',
		defaults: { name: 'Debitura Payment Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'debituraApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'created',
				options: [
					{ name: 'New Payment', value: 'created', description: 'A payment was recorded on a case' },
					{
						name: 'Payment Updated',
						value: 'updated',
						description: 'A recorded payment was edited (its amount, date or method changed)',
					},
				],
			},
			{
				displayName:
					'Reporting payments on test cases only, to match Create Case\'s Test Mode. Switch to "Live Cases Only" when the workflow goes live.',
				name: 'testNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { cases: ['test'] } },
			},
			{
				displayName: 'Cases',
				name: 'cases',
				type: 'options',
				default: 'test',
				description: 'Which cases\' payments start the workflow. Test cases are those created with Test Mode on.',
				options: [
					{ name: 'Test Cases Only', value: 'test' },
					{ name: 'Live Cases Only', value: 'live' },
					{ name: 'Test and Live Cases', value: 'both' },
				],
			},
			{
				displayName: 'Include Case Details',
				name: 'includeCaseDetails',
				type: 'boolean',
				default: true,
				description:
					'Whether to add the case\'s creditor reference, case reference, debtor name, lifecycle and test flag to each payment, so the output maps straight onto CRM and accounting records',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Late Arrival Window (Minutes)',
						name: 'lateWindowMinutes',
						type: 'number',
						default: 60,
						typeOptions: { minValue: 1 },
						description:
							'How much older than the newest payment already seen a payment may be when it first shows up and still be reported. Larger is safer; the trigger remembers every payment within it.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const startedAt = Date.now();
		const event = this.getNodeParameter('event', 'created') as PaymentEvent;
		const filter = this.getNodeParameter('cases', 'test') as CaseFilter;
		const includeDetails = this.getNodeParameter('includeCaseDetails', true) as boolean;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const lateWindowMs = Number(options.lateWindowMinutes ?? 60) * 60_000;
		const baseURL = debituraBaseUrl(await this.getCredentials('debituraApi'));
		const reader = createReader(this, baseURL, startedAt);

		/** The output items for these payments: their cases looked up in batches, filtered to test/live, oldest first. */
		const toItems = async (payments: Payment[]): Promise<INodeExecutionData[]> => {
			const needCases = includeDetails || filter !== 'both';
			const caseOf = (payment: Payment) => payment.invoice?.invoiceId ?? '';
			const cases = needCases ? await fetchCases(this, baseURL, payments.map(caseOf)) : new Map<string, Case>();
			return payments
				.filter((payment) => {
					if (filter === 'both') return true;
					// A payment whose case is gone cannot be shown to be live; only test cases are ever deleted.
					const isTest = cases.get(caseOf(payment))?.isTestCase;
					return filter === 'test' ? isTest === true : isTest === false;
				})
				.sort((a, b) => eventTime(a, event) - eventTime(b, event))
				.map((payment) => toOutputItem(payment, event, includeDetails ? cases.get(caseOf(payment)) : undefined));
		};

		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the newest matching payment; the cursor is not touched.
			const scan = await fullScan(reader, (payment) => Number.isFinite(eventTime(payment, event)));
			// The newest few hundred are plenty to find a sample; beyond them the look-ups would cost more than a test is worth.
			const newestFirst = scan.kept.sort((a, b) => eventTime(b, event) - eventTime(a, event)).slice(0, MANUAL_CANDIDATES);
			for (let start = 0; start < newestFirst.length; start += 100) {
				const items = await toItems(newestFirst.slice(start, start + 100));
				if (items.length) return [[items[items.length - 1]]];
			}
			const which = filter === 'both' ? '' : `${filter} `;
			throw new NodeOperationError(
				this.getNode(),
				scan.kept.length > MANUAL_CANDIDATES
					? `None of the ${MANUAL_CANDIDATES} newest ${event === 'created' ? 'payments' : 'edited payments'} is on a ${which}case`
					: event === 'created'
						? `No payments on ${which}cases yet`
						: `No edited payments on ${which}cases yet`,
				{
					description:
						filter === 'test'
							? 'Create a test case with the Debitura node and record a payment on it (in the sandbox: advance it to Closed:Paid), then fetch again.'
							: 'The trigger starts the workflow when Debitura records one; fetch again once a payment exists.',
				},
			);
		}

		const staticData = this.getWorkflowStaticData('node');
		const globalData = this.getWorkflowStaticData('global');
		const nodeId = this.getNode().id;
		// Polls of this trigger take turns, each from the newest state (see poll-turns.ts).
		const trigger = `${this.getWorkflow().id ?? ''}:${nodeId}`;
		const budgetMs = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : undefined;
		const turn = await takeTurn(trigger, budgetMs);
		try {
			catchUp(trigger, staticData, turn, startedAt);
			const current = () => (isCursorState(staticData.cursor, event) ? staticData.cursor : undefined);
			// No cursor of its own: the one made at activation, should n8n have dropped it (see activation-seed.ts).
			const copy = seedCopy(globalData, nodeId);
			if (!current() && isCursorState(copy, event)) staticData.cursor = JSON.parse(JSON.stringify(copy)) as IDataObject;
			const state = current() ?? newCursor(event);
			let newest = Number.NEGATIVE_INFINITY;
			const keep = (payment: Payment) => {
				const time = eventTime(payment, event);
				if (time > newest) newest = time;
				return isNew(state, payment);
			};
			const forceFullScan =
				state.seeding === true || event === 'updated' || startedAt - (state.lastFullScan ?? 0) > FULL_SCAN_INTERVAL_MS;
			const scan = await scanPayments(reader, state, keep, forceFullScan);
			const items = !state.seeding && scan.kept.length ? await toItems(scan.kept) : [];

			// Decide and record in one synchronous step, on the cursor as it is now: should another poll
			// of this trigger have finished meanwhile, what it handled is not handled again.
			const cursor = current() ?? state;
			const fresh = scan.kept.filter((payment) => isNew(cursor, payment));
			const freshIds = new Set(fresh.map((payment) => payment.id));
			markHandled(cursor, fresh);
			if (scan.mode === 'full') {
				cursor.resumePage = scan.complete ? undefined : scan.resumePage;
				if (scan.observedOrder) {
					cursor.lastFullScan = startedAt;
					if (scan.observedOrder !== 'unknown') cursor.order = scan.observedOrder;
				}
			}
			if (scan.tailPage !== undefined) cursor.tailPage = scan.tailPage;
			// While seeding nothing is emitted, so the floor may follow what was read even before the read completes.
			if (scan.complete || cursor.seeding) advanceFloor(cursor, newest, lateWindowMs);
			const wasSeeding = cursor.seeding === true;
			if (scan.complete) delete cursor.seeding;
			const written = { ...cursor, seen: { ...cursor.seen } } as unknown as IDataObject;
			keepSeedCopy(globalData, nodeId, written, wasSeeding);

			const output = wasSeeding ? [] : items.filter((item) => freshIds.has(String(item.json.paymentId)));
			const withinBudget = budgetMs === undefined || Date.now() - startedAt < budgetMs;
			leaveState(trigger, staticData, written, output.length === 0 || withinBudget);
			return output.length ? [output] : null;
		} finally {
			turn.end();
		}
	}
}
