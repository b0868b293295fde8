import type { INodePropertyOptions } from 'n8n-workflow';

import { explainStatus } from '../../../common/errors';
import { handleDebituraResponse } from '../../../common/transport';
import { notFoundDescription, requireWebhookId, WEBHOOK_URL } from './subscription';

const DOING = 'send a test event to the webhook subscription';

/** Debitura's `TestResultDto` is the output as it comes: whether the delivery succeeded, the status, the time, the payload. */
export const sendTestWebhookOperation: INodePropertyOptions = {
	name: 'Send Test',
	value: 'sendTest',
	action: 'Send a test event to a webhook subscription',
	description:
		"Have Debitura deliver a synthetic, signed case.created event to the subscription's URL now, and return how it went (success, the endpoint's HTTP status, duration, error category, the payload sent). A failed delivery is a result, not an error.",
	routing: {
		request: { method: 'POST', url: `${WEBHOOK_URL}/test` },
		send: { preSend: [requireWebhookId] },
		output: {
			postReceive: [
				explainStatus(404, DOING, notFoundDescription),
				handleDebituraResponse({
					action: DOING,
					retryAdvice: 'A retry sends one more test event, which changes nothing at Debitura.',
				}),
			],
		},
	},
};

export const sendTestWebhookToolDescription =
	"Has Debitura deliver a signed test event to a subscription's URL now and returns how it went (success, the receiver's HTTP status, duration, error). Needs the subscription id.";
