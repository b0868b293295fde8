import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import { limitUnlessReturnAll, returnAllOrLimit, splitList } from '../../helpers/paging';
import { webhookTimestampsUtc } from '../../helpers/webhookOutput';

const showFor = { resource: ['webhook'], operation: ['getMany'] };

export const getManyWebhooksOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many webhook subscriptions',
	description:
		"List your account's webhook subscriptions: URL, events, whether active (and why disabled), whether for test cases. Secrets are never listed. Includes the subscriptions Debitura Trigger nodes registered.",
	routing: {
		request: { method: 'GET', url: '/webhooks' },
		output: {
			postReceive: [
				handleDebituraResponse({ action: 'list the webhook subscriptions' }, 'list'),
				splitList,
				limitUnlessReturnAll,
				webhookTimestampsUtc,
			],
		},
	},
};

export const getManyWebhooksToolDescription =
	"Lists the account's webhook subscriptions: id, URL, events, whether active (and why not) and whether for test cases. Use it to find a subscription's id.";

export const getManyWebhooksDescription: INodeProperties[] = [...returnAllOrLimit(showFor)];
