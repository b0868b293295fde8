import type { INodeProperties } from 'n8n-workflow';

import { advanceTestCaseDescription, advanceTestCaseOperation } from './advance';
import { deleteTestCaseDescription, deleteTestCaseOperation } from './delete';
import { deleteTestCasesByTagDescription, deleteTestCasesByTagOperation } from './deleteByTag';
import { fireWebhookEventDescription, fireWebhookEventOperation } from './fireWebhookEvent';

/** Debitura's /test endpoints: rehearse a case's life on test cases, then clean them up. */
export const testCaseDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['testCase'] } },
		options: [
			advanceTestCaseOperation,
			deleteTestCaseOperation,
			deleteTestCasesByTagOperation,
			fireWebhookEventOperation,
		],
		default: 'advance',
	},
	...advanceTestCaseDescription,
	...deleteTestCaseDescription,
	...deleteTestCasesByTagDescription,
	...fireWebhookEventDescription,
];
