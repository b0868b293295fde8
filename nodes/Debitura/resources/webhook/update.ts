import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { explainStatus } from '../../../common/errors';
import { handleDebituraResponse } from '../../../common/transport';
import { webhookTimestampsUtc } from '../../helpers/webhookOutput';
import { WEBHOOK_EVENTS } from '../testCase/fireWebhookEvent';
import { announceSecret, notFoundDescription, requireWebhookId, WEBHOOK_URL } from './subscription';

const showFor = { resource: ['webhook'], operation: ['update'] };
const DOING = 'update the webhook subscription';

export const updateWebhookOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a webhook subscription',
	description:
		'Change what you set: URL, events, active or paused, test or live cases; or have Debitura make a new signing secret, which the answer carries once',
	routing: {
		request: { method: 'PATCH', url: WEBHOOK_URL },
		send: { preSend: [requireWebhookId] },
		output: {
			postReceive: [
				explainStatus(404, DOING, notFoundDescription),
				handleDebituraResponse({
					action: DOING,
					retryAdvice:
						'Retrying sets the same values again; with Regenerate Secret it makes yet another secret, and only the newest one signs deliveries.',
					fieldLabels: {
						url: 'URL',
						events: 'Events',
						isActive: 'Active',
						isTestMode: 'Test Mode',
						regenerateSecret: 'Regenerate Secret',
					},
				}),
				webhookTimestampsUtc,
				announceSecret,
			],
		},
	},
};

export const updateWebhookToolDescription =
	'Changes the given settings of a webhook subscription (URL, events, active or paused, test or live cases). Needs the subscription id and the new values. Returns the updated subscription.';

export const updateWebhookDescription: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Active',
				name: 'isActive',
				type: 'boolean',
				default: true,
				description:
					'Whether Debitura delivers events to the subscription. Off pauses it; on resumes it, also after Debitura disabled it for failed deliveries.',
				routing: { send: { type: 'body', property: 'isActive' } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: WEBHOOK_EVENTS,
				default: [],
				description:
					"The events the subscription receives from now on, replacing the current ones. Parts of Debitura's documentation say events are fixed at creation: if Debitura refuses, delete the subscription and create it again.",
				routing: { send: { type: 'body', property: 'events' } },
			},
			{
				displayName: 'Regenerate Secret',
				name: 'regenerateSecret',
				type: 'boolean',
				default: false,
				description:
					'Whether Debitura replaces the signing secret. The new secret is in this answer only (with a secretNotice); deliveries are signed with it from now on, so update your receiver at once.',
				routing: { send: { type: 'body', property: 'regenerateSecret' } },
			},
			{
				displayName: 'Test Mode',
				name: 'isTestMode',
				type: 'boolean',
				default: false,
				description:
					'Whether the subscription receives the events of test cases only (on) or of live cases only (off)',
				routing: { send: { type: 'body', property: 'isTestMode' } },
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/debitura/events',
				description: 'The new address for deliveries: a public HTTPS address (port 443 or 8443)',
				routing: { send: { type: 'body', property: 'url' } },
			},
		],
	},
];
