import type { INodeProperties } from 'n8n-workflow';

import { countCasesOperation, countCasesToolDescription } from './count';
import { createCaseDescription, createCaseOperation } from './create';
import { getCaseContractStatus } from './getContractStatus';
import { getCaseExclusivePeriod } from './getExclusivePeriod';
import {
	getManyCasesDescription,
	getManyCasesOperation,
	getManyCasesToolDescription,
} from './getMany';
import {
	getCaseStatusDescription,
	getCaseStatusOperation,
	getCaseStatusToolDescription,
} from './getStatus';
import { getCaseTimeline } from './getTimeline';
import { getCaseValidation } from './getValidation';
import {
	previewCaseDescription,
	previewCaseOperation,
	previewCaseToolDescription,
} from './preview';

const caseReads = [
	getCaseContractStatus,
	getCaseExclusivePeriod,
	getCaseTimeline,
	getCaseValidation,
];

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const caseToolDescriptions: Record<string, string> = {
	count: countCasesToolDescription,
	getContractStatus: getCaseContractStatus.toolDescription,
	getExclusivePeriod: getCaseExclusivePeriod.toolDescription,
	getMany: getManyCasesToolDescription,
	getStatus: getCaseStatusToolDescription,
	getTimeline: getCaseTimeline.toolDescription,
	getValidation: getCaseValidation.toolDescription,
	preview: previewCaseToolDescription,
	// Create has two texts, by Test Mode (createCaseToolDescription); toolDescriptions.ts picks one.
};

export const caseDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			countCasesOperation,
			createCaseOperation,
			getCaseContractStatus.operation,
			getCaseExclusivePeriod.operation,
			getManyCasesOperation,
			getCaseStatusOperation,
			getCaseTimeline.operation,
			getCaseValidation.operation,
			previewCaseOperation,
		],
		default: 'create',
	},
	...createCaseDescription,
	...getCaseStatusDescription,
	...getManyCasesDescription,
	...previewCaseDescription,
	...caseReads.flatMap((read) => read.description),
];
