import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { withUtcTimestamps } from '../../../shared/timestamps';

/** postReceive of Upload: the stored file record (`CaseFileDto`) with UTC timestamps. */
export async function outputDocument(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: withUtcTimestamps(item.json) as IDataObject }));
}
