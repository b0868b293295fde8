import type { INodeProperties } from 'n8n-workflow';

import { getPaymentDescription, getPaymentOperation } from './get';
import { getManyPaymentsDescription, getManyPaymentsOperation } from './getMany';

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
