import type { INodeProperties } from 'n8n-workflow';

import { getManyMessagesDescription, getManyMessagesOperation } from './getMany';
import { sendMessageDescription, sendMessageOperation } from './send';

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [getManyMessagesOperation, sendMessageOperation],
		default: 'getMany',
	},
	...getManyMessagesDescription,
	...sendMessageDescription,
];
