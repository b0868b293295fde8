import type { INodeProperties } from 'n8n-workflow';

import { getManyWebhookEventsDescription, getManyWebhookEventsOperation } from './getMany';
import { replayWebhookEventDescription, replayWebhookEventOperation } from './replay';

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
