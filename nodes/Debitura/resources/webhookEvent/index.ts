import type { INodeProperties } from 'n8n-workflow';

import {
	getManyWebhookEventsDescription,
	getManyWebhookEventsOperation,
	getManyWebhookEventsToolDescription,
} from './getMany';
import {
	replayWebhookEventDescription,
	replayWebhookEventOperation,
	replayWebhookEventToolDescription,
} from './replay';

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const webhookEventToolDescriptions: Record<string, string> = {
	getMany: getManyWebhookEventsToolDescription,
	replay: replayWebhookEventToolDescription,
};

/** Debitura's webhook delivery log: what was sent about a case, and sending it again. */
export const webhookEventDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookEvent'] } },
		options: [getManyWebhookEventsOperation, replayWebhookEventOperation],
		default: 'getMany',
	},
	...getManyWebhookEventsDescription,
	...replayWebhookEventDescription,
];
