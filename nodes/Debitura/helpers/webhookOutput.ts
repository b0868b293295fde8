import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { withUtcTimestamps } from '../../common/timestamps';

/** The timestamp fields of subscriptions (`WebhookDto`) and the delivery log (`WebhookEventDto`). */
const WEBHOOK_TIMESTAMPS: ReadonlySet<string> = new Set([
	'createdUtc',
	'updatedUtc',
	'createdAt',
	'deliveredAt',
]);

/** postReceive: subscriptions and webhook events with their timestamps as ISO 8601 UTC. */
export async function webhookTimestampsUtc(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: withUtcTimestamps(item.json, WEBHOOK_TIMESTAMPS) }));
}
