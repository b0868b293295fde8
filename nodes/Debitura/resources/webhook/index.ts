import type { INodeProperties } from 'n8n-workflow';

import { createWebhookDescription, createWebhookOperation } from './create';
import { deleteWebhookDescription, deleteWebhookOperation } from './delete';
import { getWebhookDescription, getWebhookOperation } from './get';
import { getManyWebhooksDescription, getManyWebhooksOperation } from './getMany';
import { sendTestWebhookOperation } from './sendTest';
import { updateWebhookDescription, updateWebhookOperation } from './update';

/** Webhook subscriptions, for people who manage them outside the Debitura Trigger. */
export const webhookDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			createWebhookOperation,
			deleteWebhookOperation,
			getWebhookOperation,
			getManyWebhooksOperation,
			sendTestWebhookOperation,
			updateWebhookOperation,
		],
		default: 'getMany',
	},
	...createWebhookDescription,
	...getManyWebhooksDescription,
	...getWebhookDescription,
	...updateWebhookDescription,
	...deleteWebhookDescription,
];
