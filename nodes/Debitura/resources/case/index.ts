import type { INodeProperties } from 'n8n-workflow';

import { createCaseDescription, createCaseOperation } from './create';
import { getManyCasesDescription, getManyCasesOperation } from './getMany';
import { getCaseStatusDescription, getCaseStatusOperation } from './getStatus';

export const caseDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [createCaseOperation, getManyCasesOperation, getCaseStatusOperation],
		default: 'create',
	},
	...createCaseDescription,
	...getCaseStatusDescription,
	...getManyCasesDescription,
];
