import type { INodeProperties } from 'n8n-workflow';

import {
	getManyMessagesDescription,
	getManyMessagesOperation,
	getManyMessagesToolDescription,
} from './getMany';
import { sendMessageDescription, sendMessageOperation, sendMessageToolDescription } from './send';

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const messageToolDescriptions: Record<string, string> = {
	getMany: getManyMessagesToolDescription,
	send: sendMessageToolDescription,
};

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
