import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { explainStatus, invalidId } from '../../../common/errors';
import { handleDebituraResponse } from '../../../common/transport';
import { requestUrl } from '../../helpers/requestUrl';
import { isUuid } from '../../helpers/values';

const showFor = { resource: ['webhookEvent'], operation: ['replay'] };
const DOING = 'replay the webhook event';

const eventId = (context: IExecuteSingleFunctions) =>
	String(context.getNodeParameter('eventId', '') ?? '').trim();

/** preSend: the Event ID must be a UUID; the request is left as routing built it. */
async function requireEventId(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const id = eventId(this);
	if (!isUuid(id)) {
		throw invalidId(
			this,
			'Event ID',
			id,
			'An event ID is a UUID, the id Webhook Event → Get Many returns for each event.',
		);
	}
	return requestOptions;
}

export const replayWebhookEventOperation: INodePropertyOptions = {
	name: 'Replay',
	value: 'replay',
	action: 'Replay a webhook event',
	description:
		'Deliver a recorded webhook event again, with its original payload, to the subscription it was sent to (header X-Debitura-Replay: true). Use it after your receiver was down, or to test that it ignores a repeat.',
	routing: {
		request: { method: 'POST', url: requestUrl('/webhooks/events/{eventId}/replay') },
		send: { preSend: [requireEventId] },
		output: {
			postReceive: [
				explainStatus(404, DOING, function () {
					return `Debitura has no webhook event with ID "${eventId(this)}" for your subscriptions. Events belong to a subscription: once it is deleted (or the test case is), its events are gone. Webhook Event → Get Many lists a case's events.`;
				}),
				handleDebituraResponse({
					action: DOING,
					retryAdvice:
						'A retry may deliver the event once more, again as a replay (the Debitura Trigger marks it isReplay); receivers that deduplicate on the event ID ignore the repeat.',
				}),
			],
		},
	},
};

export const replayWebhookEventToolDescription =
	"Delivers a recorded webhook event again, with its original payload, to the subscription it was sent to. Needs the event id from the case's webhook event list.";

export const replayWebhookEventDescription: INodeProperties[] = [
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0b7e3c55-0f1d-4a9e-9a57-3c1e2f4d5a6b',
		description: 'The ID of the recorded event, as Webhook Event → Get Many returns it',
		displayOptions: { show: showFor },
	},
];
