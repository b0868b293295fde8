import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeError } from '../common/errors';
import { debituraBaseUrlFor } from '../common/transport';
import { casesProperties, pollingOptions, type CaseFilter } from '../common/triggerProperties';
import { fetchCases } from './cases';
import type { Case, Payment } from '../common/types';
import { createReader, readAll } from '../common/polling/scan';
import { runScheduledPoll } from '../common/polling/triggerPoll';
import { toOutputItem } from './output';
import { eventTime, paymentFeed, type PaymentEvent } from './paymentFeed';

/** Fetch Test Event looks for a matching payment among this many of the newest. */
const MANUAL_CANDIDATES = 500;

export class DebituraPaymentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Debitura Payment Trigger',
		name: 'debituraPaymentTrigger',
		icon: { light: 'file:../../icons/debitura.svg', dark: 'file:../../icons/debitura.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] === "updated" ? "Payment Updated" : "New Payment" }}',
		description:
			'Starts the workflow when Debitura records a payment on one of your cases, or a payment is edited',
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
					{
						name: 'New Payment',
						value: 'created',
						description: 'A payment was recorded on a case',
					},
					{
						name: 'Payment Updated',
						value: 'updated',
						description: 'A recorded payment was edited (its amount, date or method changed)',
					},
				],
			},
			...casesProperties({
				reporting: 'payments on test cases',
				description:
					"Which cases' payments start the workflow. Test cases are those created with Test Mode on.",
			}),
			{
				displayName: 'Include Case Details',
				name: 'includeCaseDetails',
				type: 'boolean',
				default: true,
				description:
					"Whether to add the case's creditor reference, case reference, debtor name, lifecycle and test flag to each payment, so the output maps straight onto CRM and accounting records",
			},
			pollingOptions(
				'How much older than the newest payment already seen a payment may be when it first shows up and still be reported. Larger is safer; the trigger remembers every payment within it.',
			),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const startedAt = Date.now();
		const event = this.getNodeParameter('event', 'created') as PaymentEvent;
		const filter = this.getNodeParameter('cases', 'test') as CaseFilter;
		const includeDetails = this.getNodeParameter('includeCaseDetails', true) as boolean;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const lateWindowMs = Number(options.lateWindowMinutes ?? 60) * 60_000;
		const baseURL = await debituraBaseUrlFor(this);
		const feed = paymentFeed(this, baseURL, event);
		const reader = createReader(this, feed, startedAt);

		/** The output items for these payments: their cases looked up in batches, filtered to test/live, oldest first. */
		const toItems = async (payments: Payment[]): Promise<INodeExecutionData[]> => {
			const needCases = includeDetails || filter !== 'both';
			const caseOf = (payment: Payment) => payment.invoice?.invoiceId ?? '';
			const cases = needCases
				? await fetchCases(this, baseURL, payments.map(caseOf))
				: new Map<string, Case>();
			return payments
				.filter((payment) => {
					if (filter === 'both') return true;
					// A payment whose case is gone cannot be shown to be live; only test cases are ever deleted.
					const isTest = cases.get(caseOf(payment))?.isTestCase;
					return filter === 'test' ? isTest === true : isTest === false;
				})
				.sort((a, b) => eventTime(a, event) - eventTime(b, event))
				.map((payment) =>
					toOutputItem(payment, event, includeDetails ? cases.get(caseOf(payment)) : undefined),
				);
		};

		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the newest matching payment; the cursor is not touched.
			const kept = await readAll(reader, (payment) => Number.isFinite(eventTime(payment, event)));
			// The newest few hundred are plenty to find a sample; beyond them the look-ups would cost more than a test is worth.
			const newestFirst = kept
				.sort((a, b) => eventTime(b, event) - eventTime(a, event))
				.slice(0, MANUAL_CANDIDATES);
			for (let start = 0; start < newestFirst.length; start += 100) {
				const items = await toItems(newestFirst.slice(start, start + 100));
				if (items.length) return [[items[items.length - 1]]];
			}
			const which = filter === 'both' ? '' : `${filter} `;
			throw nodeError(
				this,
				kept.length > MANUAL_CANDIDATES
					? `None of the ${MANUAL_CANDIDATES} newest ${event === 'created' ? 'payments' : 'edited payments'} is on a ${which}case`
					: event === 'created'
						? `No payments on ${which}cases yet`
						: `No edited payments on ${which}cases yet`,
				filter === 'test'
					? 'Create a test case with the Debitura node and record a payment on it (in the sandbox: advance it to Closed:Paid), then fetch again.'
					: 'The trigger starts the workflow when Debitura records one; fetch again once a payment exists.',
			);
		}

		return await runScheduledPoll(this, {
			typeName: 'debituraPaymentTrigger',
			displayName: 'Debitura Payment Trigger',
			event,
			reader,
			baseURL,
			startedAt,
			lateWindowMs,
			prepare: async (kept) => {
				const items = await toItems(kept);
				return (fresh) => {
					const freshIds = new Set(fresh.map((payment) => payment.id));
					return items.filter((item) => freshIds.has(String(item.json.paymentId)));
				};
			},
		});
	}
}
