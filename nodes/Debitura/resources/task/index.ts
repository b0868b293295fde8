import type { INodeProperties } from 'n8n-workflow';

import {
	getManyTasksDescription,
	getManyTasksOperation,
	getManyTasksToolDescription,
} from './getMany';

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const taskToolDescriptions: Record<string, string> = {
	getMany: getManyTasksToolDescription,
};

export const taskDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [getManyTasksOperation],
		default: 'getMany',
	},
	...getManyTasksDescription,
];
