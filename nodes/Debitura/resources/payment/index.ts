import type { INodeProperties } from 'n8n-workflow';

import { getPaymentDescription, getPaymentOperation, getPaymentToolDescription } from './get';
import {
	getManyPaymentsDescription,
	getManyPaymentsOperation,
	getManyPaymentsToolDescription,
} from './getMany';

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const paymentToolDescriptions: Record<string, string> = {
	get: getPaymentToolDescription,
	getMany: getManyPaymentsToolDescription,
};

export const paymentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [getPaymentOperation, getManyPaymentsOperation],
		default: 'getMany',
	},
	...getPaymentDescription,
	...getManyPaymentsDescription,
];
