import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { explainStatus } from '../../../common/errors';
import { handleDebituraResponse } from '../../../common/transport';
import { webhookTimestampsUtc } from '../../helpers/webhookOutput';
import { notFoundDescription, requireWebhookId, WEBHOOK_URL, webhookPicker } from './subscription';

const DOING = 'get the webhook subscription';

export const getWebhookOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a webhook subscription',
	description:
		'Get one subscription: URL, events, whether active (and why disabled), whether for test cases. The secret is never returned.',
	routing: {
		request: { method: 'GET', url: WEBHOOK_URL },
		send: { preSend: [requireWebhookId] },
		output: {
			postReceive: [
				explainStatus(404, DOING, notFoundDescription),
				handleDebituraResponse({ action: DOING }),
				webhookTimestampsUtc,
			],
		},
	},
};

export const getWebhookToolDescription =
	'Returns one webhook subscription: URL, events, whether it is active (and why not) and whether it is for test cases. Needs the subscription id.';

export const getWebhookDescription: INodeProperties[] = [
	webhookPicker(['get', 'update', 'sendTest']),
];
