import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/** postReceive: one output item per entry of the answer's `property` list (`{ quotes: [...] }`). */
export function splitProperty(property: string) {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const list = (items[0]?.json as IDataObject | undefined)?.[property];
		return Array.isArray(list) ? (list as IDataObject[]).map((json) => ({ json })) : [];
	};
}
