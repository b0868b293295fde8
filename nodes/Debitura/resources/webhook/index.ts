import type { INodeProperties } from 'n8n-workflow';

import { deleteWebhookDescription, deleteWebhookOperation } from './delete';
import { getManyWebhooksDescription, getManyWebhooksOperation } from './getMany';

/** Webhook subscriptions, for people who manage them outside the Debitura Trigger. */
export const webhookDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [deleteWebhookOperation, getManyWebhooksOperation],
		default: 'getMany',
	},
	...getManyWebhooksDescription,
	...deleteWebhookDescription,
];
