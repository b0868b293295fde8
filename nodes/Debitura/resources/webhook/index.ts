import type { INodeProperties } from 'n8n-workflow';

import {
	createWebhookDescription,
	createWebhookOperation,
	createWebhookToolDescription,
} from './create';
import {
	deleteWebhookDescription,
	deleteWebhookOperation,
	deleteWebhookToolDescription,
} from './delete';
import { getWebhookDescription, getWebhookOperation, getWebhookToolDescription } from './get';
import {
	getManyWebhooksDescription,
	getManyWebhooksOperation,
	getManyWebhooksToolDescription,
} from './getMany';
import { sendTestWebhookOperation, sendTestWebhookToolDescription } from './sendTest';
import {
	updateWebhookDescription,
	updateWebhookOperation,
	updateWebhookToolDescription,
} from './update';

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const webhookToolDescriptions: Record<string, string> = {
	create: createWebhookToolDescription,
	delete: deleteWebhookToolDescription,
	get: getWebhookToolDescription,
	getMany: getManyWebhooksToolDescription,
	sendTest: sendTestWebhookToolDescription,
	update: updateWebhookToolDescription,
};

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
