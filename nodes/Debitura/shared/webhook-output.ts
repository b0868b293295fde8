import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { toUtcIso } from '../../shared/timestamps';

/** The timestamp fields of subscriptions (`WebhookDto`) and the delivery log (`WebhookEventDto`). */
const WEBHOOK_TIMESTAMPS = ['createdUtc', 'updatedUtc', 'createdAt', 'deliveredAt'];

/** postReceive: subscriptions and webhook events with their timestamps as ISO 8601 UTC. */
export async function webhookTimestampsUtc(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const json: IDataObject = { ...item.json };
		for (const key of WEBHOOK_TIMESTAMPS) if (typeof json[key] === 'string') json[key] = toUtcIso(json[key] as string);
		return { ...item, json };
	});
}
