import type { INodeProperties } from 'n8n-workflow';

import { getManyTasksDescription, getManyTasksOperation } from './getMany';

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
