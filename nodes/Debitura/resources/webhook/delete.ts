import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { handleDebituraResponse, prepareForResponseHandling } from '../../../shared/transport';
import { answerDeleted, explainStatus } from '../../shared/refusals';
import { isUuid } from '../../shared/values';

const showFor = { resource: ['webhook'], operation: ['delete'] };
const DOING = 'delete the webhook subscription';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

function webhookId(context: IExecuteSingleFunctions): string {
	const locator = context.getNodeParameter('webhookId', '', { extractValue: true }) as unknown;
	return String(locator ?? '').trim();
}

async function targetWebhook(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const id = webhookId(this);
	if (!isUuid(id)) {
		const itemIndex = this.getItemIndex();
		throw new NodeOperationError(this.getNode(), `"Webhook" is not a valid subscription ID: "${id.slice(0, 60)}" [item ${itemIndex}]`, {
			itemIndex,
			description: 'Pick the subscription from the list, or give its ID (a UUID) as Webhook → Get Many returns it. Nothing was sent to Debitura.',
		});
	}
	requestOptions.url = `/webhooks/${id}`;
	return requestOptions;
}

export const deleteWebhookOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a webhook subscription',
	description:
		'Permanently delete a webhook subscription; Debitura stops delivering to its URL. A Debitura Trigger registers and deletes its own subscription when its workflow is published or unpublished; delete one of those and the trigger hears nothing until the workflow is published again.',
	routing: {
		request: { method: 'DELETE', url: '/webhooks' },
		send: { preSend: [targetWebhook, prepareForResponseHandling] },
		output: {
			postReceive: [
				explainStatus(404, DOING, function () {
					return `Debitura has no webhook subscription with ID "${webhookId(this)}" in this account. It may have been deleted already (Debitura Trigger nodes delete theirs when unpublished). Webhook → Get Many lists the subscriptions that exist.`;
				}),
				handleDebituraResponse({ action: DOING, retryAdvice: 'Retrying is safe: a subscription already deleted answers "not found", and nothing else changes.' }),
				answerDeleted,
			],
		},
	},
};

export const deleteWebhookDescription: INodeProperties[] = [
	{
		displayName: 'Webhook',
		name: 'webhookId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The webhook subscription to delete',
		displayOptions: { show: showFor },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a subscription…',
				typeOptions: { searchListMethod: 'searchWebhooks', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6b7a1f23-9c48-4e72-a901-1d2b3e4f5a6b',
				validation: [{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid subscription ID (UUID)' } }],
			},
		],
	},
];
