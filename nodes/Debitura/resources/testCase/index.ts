import type { INodeProperties } from 'n8n-workflow';

import {
	advanceTestCaseDescription,
	advanceTestCaseOperation,
	advanceTestCaseToolDescription,
} from './advance';
import {
	deleteTestCaseDescription,
	deleteTestCaseOperation,
	deleteTestCaseToolDescription,
} from './delete';
import {
	deleteTestCasesByTagDescription,
	deleteTestCasesByTagOperation,
	deleteTestCasesByTagToolDescription,
} from './deleteByTag';
import {
	fireWebhookEventDescription,
	fireWebhookEventOperation,
	fireWebhookEventToolDescription,
} from './fireWebhookEvent';

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const testCaseToolDescriptions: Record<string, string> = {
	advance: advanceTestCaseToolDescription,
	delete: deleteTestCaseToolDescription,
	deleteByTag: deleteTestCasesByTagToolDescription,
	fireWebhookEvent: fireWebhookEventToolDescription,
};

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
