import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { debituraBaseUrlFor } from '../shared/transport';
import { fetchCases } from './cases';
import type { Case, Payment } from '../shared/types';
import { Cursor, eventKey, newCursorState, unreadableBecause, type CursorState } from '../shared/polling/cursor';
import { recordPoll } from '../shared/polling/poll';
import { createReader, readAll, readFeed } from '../shared/polling/scan';
import { accountIdentity, credentialFingerprint } from './account';
import { keepSeedCopy, seedCopy } from './activation-seed';
import { toOutputItem } from './output';
import { catchUp, leaveState, takeTurn } from './poll-turns';
import { eventTime, paymentFeed, type PaymentEvent } from './payment-feed';

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
		const credentials = await this.getCredentials('debituraApi');
		const baseURL = await debituraBaseUrlFor(this);
		const feed = paymentFeed(this, baseURL, event);
		const reader = createReader(this, feed, startedAt);

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
			const kept = await readAll(reader, (payment) => Number.isFinite(eventTime(payment, event)));
			// The newest few hundred are plenty to find a sample; beyond them the look-ups would cost more than a test is worth.
			const newestFirst = kept.sort((a, b) => eventTime(b, event) - eventTime(a, event)).slice(0, MANUAL_CANDIDATES);
			for (let start = 0; start < newestFirst.length; start += 100) {
				const items = await toItems(newestFirst.slice(start, start + 100));
				if (items.length) return [[items[items.length - 1]]];
			}
			const which = filter === 'both' ? '' : `${filter} `;
			throw new NodeOperationError(
				this.getNode(),
				kept.length > MANUAL_CANDIDATES
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
		const node = this.getNode();
		// Polls of this trigger take turns, each from the newest state (see poll-turns.ts).
		const trigger = `${this.getWorkflow().id ?? ''}:${node.id}`;
		const budgetMs = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : undefined;
		const turn = await takeTurn(trigger, budgetMs);
		try {
			catchUp(trigger, staticData, turn, startedAt);
			// No cursor of its own: the one made at activation, should n8n have dropped it (see activation-seed.ts).
			const copy = seedCopy(globalData, node.id);
			if (staticData.cursor === undefined && copy !== undefined && !unreadableBecause(copy)) {
				staticData.cursor = JSON.parse(JSON.stringify(copy)) as IDataObject;
			}
			const problem = staticData.cursor === undefined ? undefined : unreadableBecause(staticData.cursor);
			if (problem) {
				this.logger.warn(
					`Debitura Payment Trigger "${node.name}": its saved state is unreadable (${problem}); starting afresh, as on activation`,
					{ workflowId: this.getWorkflow().id, node: node.name },
				);
			}
			/** The saved cursor, when it is readable and follows this event (a changed Event parameter starts afresh). */
			const saved = (): CursorState | undefined => {
				const value = staticData.cursor as unknown as CursorState | undefined;
				return value !== undefined && !unreadableBecause(value) && value.event === event ? (JSON.parse(JSON.stringify(value)) as CursorState) : undefined;
			};
			// The cursor belongs to one account; `GET /me` is asked only when the credential's data changed.
			const credential = credentialFingerprint(baseURL, credentials.apiKey);
			let state = saved();
			if (!state || state.credential !== credential) {
				const account = await accountIdentity(this, baseURL);
				if (state && state.account !== account) {
					this.logger.info(`Debitura Payment Trigger "${node.name}": the credential now reaches another account; starting afresh`, {
						workflowId: this.getWorkflow().id,
						node: node.name,
					});
				}
				state = state?.account === account ? { ...state, credential } : newCursorState(event, account, credential);
			}
			const before = new Cursor(state);
			const keep = (payment: Payment) => before.isNew(feed.time(payment), eventKey(feed, payment));
			const fullReadDue = state.seeding === true || startedAt - (state.lastFullScan ?? 0) > FULL_SCAN_INTERVAL_MS;
			const outcome = await readFeed(reader, state, keep, fullReadDue);
			const items = !state.seeding && outcome.kept.length ? await toItems(outcome.kept) : [];

			// Decide and record in one synchronous step, on the cursor as it is now: should another poll
			// of this trigger have finished meanwhile, what it handled is not handled again.
			const now = saved();
			const cursor = new Cursor(now && now.account === state.account ? { ...now, credential } : state);
			const { fresh, seeding: wasSeeding } = recordPoll(cursor, feed, outcome, { startedAt, lateWindowMs });
			const freshIds = new Set(fresh.map((payment) => payment.id));
			const written = cursor.toJson() as unknown as IDataObject;
			keepSeedCopy(globalData, node.id, written, wasSeeding);

			const output = wasSeeding ? [] : items.filter((item) => freshIds.has(String(item.json.paymentId)));
			const withinBudget = budgetMs === undefined || Date.now() - startedAt < budgetMs;
			leaveState(trigger, staticData, written, output.length === 0 || withinBudget);
			return output.length ? [output] : null;
		} finally {
			turn.end();
		}
	}
}
