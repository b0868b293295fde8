import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { invalidId } from '../../../common/errors';
import { requestUrl } from '../../helpers/requestUrl';
import { isUuid, UUID_PATTERN } from '../../helpers/values';

/**
 * What Get, Update, Send Test and Delete share: the subscription picker, its URL, the check that refuses
 * an ID Debitura could not know before anything is sent, and the notice that goes with a secret.
 */

/** `/webhooks/{id}` from the Webhook field. */
export const WEBHOOK_URL = requestUrl('/webhooks/{webhookId}');

export function webhookId(context: IExecuteSingleFunctions): string {
	const locator = context.getNodeParameter('webhookId', '', { extractValue: true }) as unknown;
	return String(locator ?? '').trim();
}

/** preSend: the Webhook field must hold a subscription ID (a UUID); the request is left as routing built it. */
export async function requireWebhookId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const id = webhookId(this);
	if (!isUuid(id)) {
		throw invalidId(
			this,
			'Webhook',
			id,
			'Pick the subscription from the list, or give its ID (a UUID) as Webhook → Get Many returns it.',
			'subscription',
		);
	}
	return requestOptions;
}

export const notFoundDescription = function (this: IExecuteSingleFunctions): string {
	return `Debitura has no webhook subscription with ID "${webhookId(this)}" in this account. It may have been deleted (Debitura Trigger nodes delete theirs when unpublished). Webhook → Get Many lists the subscriptions that exist.`;
};

/** The Webhook picker of the operations that read, change or delete one subscription. */
export function webhookPicker(
	operations: string[],
	description = 'The webhook subscription',
): INodeProperties {
	return {
		displayName: 'Webhook',
		name: 'webhookId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show: { resource: ['webhook'], operation: operations } },
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
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid subscription ID (UUID)' },
					},
				],
			},
		],
	};
}

/** Said next to a secret in the output, and in the operation's notice. */
export const SECRET_NOTICE =
	'Debitura shows this signing secret only in this answer: store it now where your receiver checks signatures (X-Debitura-Signature). Webhook → Get and Get Many never return it; Webhook → Update with Regenerate Secret makes a new one.';

/**
 * postReceive of Create and Update: a subscription that carries its secret says so in `secretNotice`.
 * It never throws: the secret is in this answer only, and an error here would lose it.
 */
export async function announceSecret(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const json = item.json as IDataObject;
		if (typeof json.secret !== 'string' || json.secret === '') return item;
		return { ...item, json: { ...json, secretNotice: SECRET_NOTICE } };
	});
}
