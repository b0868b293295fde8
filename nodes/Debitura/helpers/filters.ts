import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** The Filters collection of a Get Many operation ("Add Filter"), shown for that operation only. */
export function filtersCollection(
	show: Record<string, string[]>,
	filters: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: filters,
	};
}

/** A filter that keeps only the entries having one of the chosen values (none chosen: no filter). */
export function anyOfFilter(
	displayName: string,
	name: string,
	options: INodePropertyOptions[],
	description: string,
): INodeProperties {
	return { displayName, name, type: 'multiOptions', options, default: [], description };
}
