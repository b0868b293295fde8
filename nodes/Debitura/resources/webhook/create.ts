import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import { webhookTimestampsUtc } from '../../helpers/webhookOutput';
import { WEBHOOK_EVENTS } from '../testCase/fireWebhookEvent';
import { announceSecret, SECRET_NOTICE } from './subscription';

const showFor = { resource: ['webhook'], operation: ['create'] };

export const createWebhookOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a webhook subscription',
	description:
		"Subscribe a URL to Debitura's events (another system's endpoint, a second n8n). The answer carries the signing secret, once. For an n8n workflow, the Debitura Trigger subscribes by itself.",
	routing: {
		request: { method: 'POST', url: '/webhooks' },
		output: {
			postReceive: [
				handleDebituraResponse({
					action: 'create the webhook subscription',
					retryAdvice:
						'A retry may create a second subscription to the same URL (Debitura has no idempotency key for subscriptions): look at Webhook → Get Many first, and delete a duplicate.',
					fieldLabels: { url: 'URL', events: 'Events', isTestMode: 'Test Mode' },
				}),
				webhookTimestampsUtc,
				announceSecret,
			],
		},
	},
};

export const createWebhookToolDescription =
	"Subscribes a URL to Debitura's events (cases, payments and so on). The answer carries the subscription's signing secret, once. Needs the URL and the events.";

export const createWebhookDescription: INodeProperties[] = [
	{
		displayName: SECRET_NOTICE,
		name: 'createSecretNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/debitura/events',
		description:
			'Where Debitura sends the events: a public HTTPS address (port 443 or 8443). Debitura refuses private and local addresses.',
		displayOptions: { show: showFor },
		routing: { send: { type: 'body', property: 'url' } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: WEBHOOK_EVENTS,
		default: [],
		required: true,
		description: 'The events Debitura sends to the URL; at least one',
		displayOptions: { show: showFor },
		routing: { send: { type: 'body', property: 'events' } },
	},
	{
		displayName: 'Test Mode',
		name: 'isTestMode',
		type: 'boolean',
		default: false,
		description:
			'Whether the subscription receives the events of test cases only (on) or of live cases only (off)',
		displayOptions: { show: showFor },
		routing: { send: { type: 'body', property: 'isTestMode' } },
	},
];
