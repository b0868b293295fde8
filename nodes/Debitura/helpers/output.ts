import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { TIMESTAMP_FIELDS, withUtcTimestamps } from '../../common/timestamps';

/** Timestamp fields of the case sub-resources (timeline, chats, files, payments, periods, tasks, quotes) and divisions: the case's and payment's, and more. */
const SUB_RESOURCE_TIMESTAMP_FIELDS = new Set([
	...TIMESTAMP_FIELDS,
	'engagementStartDate',
	'currentEndDate',
	'eventDate',
	'newEndDate',
	'creditorRespondedAt',
	'deadline',
	'dateSolved',
	'validUntil',
	'createdUtc',
	'updatedUtc',
]);

/** A deep copy of a Debitura answer with every known timestamp field as ISO 8601 UTC (`Z`). */
export function deepUtcTimestamps<T>(value: T): T {
	return withUtcTimestamps(value, SUB_RESOURCE_TIMESTAMP_FIELDS, true);
}

/** postReceive: every output item with UTC timestamps. */
export async function outputWithUtcTimestamps(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: deepUtcTimestamps(item.json) as IDataObject }));
}

/** postReceive for deletes: Debitura answers 204 with no body; n8n's convention is one `{ deleted: true }` item. */
export async function answerDeleted(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true } }];
}
