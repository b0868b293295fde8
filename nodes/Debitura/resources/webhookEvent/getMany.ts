import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { refusedInput } from '../../../common/errors';
import { handleDebituraResponse, type SentRequest } from '../../../common/transport';
import { caseIdPath, caseLocator, caseResourceErrorContext } from '../../helpers/caseLocator';
import { limitUnlessReturnAll, returnAllOrLimit, splitList } from '../../helpers/paging';
import { utcDateTime } from '../../helpers/values';
import { webhookTimestampsUtc } from '../../helpers/webhookOutput';

const showFor = { resource: ['webhookEvent'], operation: ['getMany'] };
const DOING = 'list the webhook events';

/** preSend: `/webhooks/events?caseId=` (Debitura wants the case's ID) and, when given, `since` as UTC. */
async function targetEvents(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const since = (this.getNodeParameter('options.since', '') ?? '') as unknown;
	let sinceUtc: string | undefined;
	if (since !== '' && since !== null) {
		try {
			sinceUtc = utcDateTime(since, 'Since', this.getTimezone());
		} catch (error) {
			throw refusedInput(
				this,
				error,
				'Give a date-time, or leave Since empty for every event of the case.',
			);
		}
	}
	const caseId = (await caseIdPath(this, requestOptions.baseURL, DOING)).slice('/cases/'.length);
	requestOptions.qs = { caseId, ...(sinceUtc ? { since: sinceUtc } : {}) };
	return requestOptions;
}

export const getManyWebhookEventsOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many webhook events of a case',
	description:
		"List the webhook events Debitura sent to your subscriptions about one case, newest first: event type, the exact payload, when delivered, attempts and the receiver's last answer. Use it to check an event fired, or to find one to replay. Fired events can take up to about 30 seconds to appear.",
	routing: {
		request: { method: 'GET', url: '/webhooks/events' },
		send: { preSend: [targetEvents] },
		output: {
			postReceive: [
				handleDebituraResponse(function (this: IExecuteSingleFunctions, request?: SentRequest) {
					return {
						...caseResourceErrorContext(DOING).call(this, request),
						fieldLabels: { caseId: 'Case', since: 'Since' },
					};
				}, 'list'),
				splitList,
				limitUnlessReturnAll,
				webhookTimestampsUtc,
			],
		},
	},
};

export const getManyWebhookEventsToolDescription =
	"Lists the webhook events Debitura sent about one case, newest first: event type, payload, when delivered, attempts and the receiver's last answer. Use it to check that an event fired. Needs the case.";

export const getManyWebhookEventsDescription: INodeProperties[] = [
	caseLocator(showFor),
	...returnAllOrLimit(showFor),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description: 'Only events recorded at or after this time',
			},
		],
	},
];
