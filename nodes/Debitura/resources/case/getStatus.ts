import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { caseByReference, caseErrorContext, caseLocator } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { handleDebituraResponse } from '../../../common/transport';
import { outputCase, simplifyCaseParameter } from './output';

const showFor = { resource: ['case'], operation: ['getStatus'] };

export const getCaseStatusOperation: INodePropertyOptions = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get case status',
	description: 'Get where a case stands: lifecycle, close code, amounts and key dates',
	routing: {
		request: { method: 'GET', url: requestUrl('/cases/{case}') },
		send: { preSend: [caseByReference] },
		output: { postReceive: [handleDebituraResponse(caseErrorContext('get the case')), outputCase] },
	},
};

export const getCaseStatusToolDescription =
	'Returns where one case stands: lifecycle, close code, amounts claimed, recovered and outstanding, and key dates. Use it to answer what the status of a case or invoice is. Needs the case.';

export const getCaseStatusDescription: INodeProperties[] = [
	caseLocator(showFor),
	simplifyCaseParameter(showFor),
];
