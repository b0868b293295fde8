import type { INodeProperties } from 'n8n-workflow';

import { countCasesOperation } from './count';
import { createCaseDescription, createCaseOperation } from './create';
import { getCaseContractStatus } from './getContractStatus';
import { getCaseExclusivePeriod } from './getExclusivePeriod';
import { getManyCasesDescription, getManyCasesOperation } from './getMany';
import { getCaseStatusDescription, getCaseStatusOperation } from './getStatus';
import { getCaseTimeline } from './getTimeline';
import { getCaseValidation } from './getValidation';
import { previewCaseDescription, previewCaseOperation } from './preview';

const caseReads = [
	getCaseContractStatus,
	getCaseExclusivePeriod,
	getCaseTimeline,
	getCaseValidation,
];

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
