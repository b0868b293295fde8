import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { explainStatus } from '../../../common/errors';
import { answerDeleted } from '../../helpers/output';
import { handleDebituraResponse } from '../../../common/transport';
import { requireWebhookId, WEBHOOK_URL, webhookId, webhookPicker } from './subscription';

const DOING = 'delete the webhook subscription';

export const deleteWebhookOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a webhook subscription',
	description:
		'Permanently delete a webhook subscription; Debitura stops delivering to its URL. A Debitura Trigger registers and deletes its own subscription when its workflow is published or unpublished; delete one of those and the trigger hears nothing until the workflow is published again.',
	routing: {
		request: { method: 'DELETE', url: WEBHOOK_URL },
		send: { preSend: [requireWebhookId] },
		output: {
			postReceive: [
				explainStatus(404, DOING, function () {
					return `Debitura has no webhook subscription with ID "${webhookId(this)}" in this account. It may have been deleted already (Debitura Trigger nodes delete theirs when unpublished). Webhook → Get Many lists the subscriptions that exist.`;
				}),
				handleDebituraResponse({
					action: DOING,
					retryAdvice:
						'Retrying is safe: a subscription already deleted answers "not found", and nothing else changes.',
				}),
				answerDeleted,
			],
		},
	},
};

export const deleteWebhookToolDescription =
	'Deletes a webhook subscription for good; Debitura stops delivering to its URL. Use it only when the user asks to delete that subscription. Needs the subscription id.';

export const deleteWebhookDescription: INodeProperties[] = [
	webhookPicker(['delete'], 'The webhook subscription to delete'),
];
