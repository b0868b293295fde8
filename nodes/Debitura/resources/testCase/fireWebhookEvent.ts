import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { explainStatus, invalidId, refuseItem } from '../../../common/errors';
import { handleDebituraResponse, type SentRequest } from '../../../common/transport';
import { caseLocator, caseResourceErrorContext } from '../../helpers/caseLocator';
import { isUuid } from '../../helpers/values';
import { testCaseId } from './testCaseGuard';

const showFor = { resource: ['testCase'], operation: ['fireWebhookEvent'] };
const DOING = 'fire the webhook event';

/** The Customer API's webhook events (spec, `POST /webhooks`). */
export const WEBHOOK_EVENTS = [
	{ name: 'Case Created', value: 'case.created' },
	{ name: 'Case Updated', value: 'case.updated' },
	{ name: 'Case Closed', value: 'case.closed' },
	{ name: 'Payment Created', value: 'payment.created' },
	{ name: 'Payment Deleted', value: 'payment.deleted' },
	{ name: 'Chat Created', value: 'chat.created' },
];

/** A fired event is a new delivery each time; sending again delivers it again. */
const FIRE_RETRY_ADVICE =
	"A retry fires the event again, so receivers get it twice (each with its own event ID). Check the case's webhook events first (Webhook Event → Get Many).";

const REFUSED_400 =
	'Debitura fires events only for test cases, and only to test subscriptions (Is Test Mode on): it refuses a live case, an unknown event, and a Subscription ID that is not one of your test subscriptions. Nothing was sent.';

async function buildFireRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const event = String(this.getNodeParameter('event', '') ?? '').trim();
	if (!WEBHOOK_EVENTS.some((known) => known.value === event)) {
		throw refuseItem(
			this,
			`"Event" is not a Debitura webhook event: "${event.slice(0, 60)}"`,
			`Pick one of ${WEBHOOK_EVENTS.map((known) => known.value).join(', ')}.`,
		);
	}
	const subscriptionId = String(this.getNodeParameter('subscriptionId', '') ?? '').trim();
	if (subscriptionId && !isUuid(subscriptionId)) {
		throw invalidId(
			this,
			'Subscription ID',
			subscriptionId,
			'A subscription ID is a UUID, as Webhook → Get Many returns it; leave it empty to fire to every active test subscription for the event.',
		);
	}
	const caseId = await testCaseId(
		this,
		requestOptions.baseURL,
		DOING,
		'Fire Webhook Event',
		FIRE_RETRY_ADVICE,
	);
	requestOptions.body = { event, caseId, ...(subscriptionId ? { subscriptionId } : {}) };
	requestOptions.json = true;
	return requestOptions;
}

export const fireWebhookEventOperation: INodePropertyOptions = {
	name: 'Fire Webhook Event',
	value: 'fireWebhookEvent',
	action: 'Fire a webhook event for a test case',
	description:
		'Send one webhook event for a test case as it stands now, to your test subscriptions (or one of them), to try a webhook receiver such as the Debitura Trigger. enqueuedCount 0 means no active test subscription listens for the event.',
	routing: {
		request: { method: 'POST', url: '/test/webhooks/fire' },
		send: { preSend: [buildFireRequest] },
		output: {
			postReceive: [
				explainStatus(400, DOING, () => REFUSED_400),
				explainStatus(422, DOING, function () {
					return `An event about a payment or a message needs one on the case: payment.created reports the newest payment, payment.deleted the newest deleted payment, chat.created the newest message. Add one first (Test Case → Advance to Closed: Paid records a payment), or fire another event. Nothing was sent.`;
				}),
				handleDebituraResponse(function (this: IExecuteSingleFunctions, request?: SentRequest) {
					return {
						...caseResourceErrorContext(DOING).call(this, request),
						retryAdvice: FIRE_RETRY_ADVICE,
					};
				}),
			],
		},
	},
};

export const fireWebhookEventToolDescription =
	"Sends one webhook event about a TEST case to the account's test webhook subscriptions, to try a receiver. Live cases are refused. Needs the test case; returns how many deliveries were queued (0: no test subscription listens).";

export const fireWebhookEventDescription: INodeProperties[] = [
	caseLocator(showFor),
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: WEBHOOK_EVENTS,
		default: 'case.updated',
		description: 'The event to send; it carries the case as it is now',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Subscription ID',
		name: 'subscriptionId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6b7a1f23-9c48-4e72-a901-1d2b3e4f5a6b',
		description:
			'Send only to this test subscription (as Webhook → Get Many lists it); leave empty to send to every active test subscription for the event',
		displayOptions: { show: showFor },
	},
];
