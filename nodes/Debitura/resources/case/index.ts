import type { INodeProperties } from 'n8n-workflow';

import { createCaseDescription, createCaseOperation } from './create';
import { getCaseStatusDescription, getCaseStatusOperation } from './getStatus';

export const caseDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [createCaseOperation, getCaseStatusOperation],
		default: 'create',
	},
	...createCaseDescription,
	...getCaseStatusDescription,
];
