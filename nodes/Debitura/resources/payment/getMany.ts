import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	handleAccountOrCaseAnswer,
	pagedForTheAccount,
	splitCaseList,
} from '../../helpers/accountOrCase';
import { caseLocator, lookUpCaseId } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { outputWithUtcTimestamps } from '../../helpers/output';
import { pagedList, returnAllOrLimit } from '../../helpers/paging';

const showFor = { resource: ['payment'], operation: ['getMany'] };
const DOING = 'list the payments';

export const getManyPaymentsOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many payments',
	description:
		"List payments, the whole account's or one case's, each with amount, currency, date, method, recipient and its case (invoice); use it to reconcile what debtors paid",
	routing: {
		request: { method: 'GET', url: '/Payments' },
		operations: { pagination: pagedForTheAccount(pagedList('payments')) },
		output: {
			postReceive: [handleAccountOrCaseAnswer(DOING), splitCaseList, outputWithUtcTimestamps],
		},
	},
};

export const getManyPaymentsToolDescription =
	"Lists payments, the whole account's or one case's as this tool is set up, each with amount, currency, date, method, recipient and its case. Use it to see what debtors have paid.";

export const getManyPaymentsDescription: INodeProperties[] = [
	{
		displayName: 'Payments Of',
		name: 'scope',
		type: 'options',
		options: [
			{
				name: 'The Whole Account',
				value: 'account',
				description: 'Every payment on every case (GET /Payments)',
			},
			{
				name: 'One Case',
				value: 'case',
				description: 'Every payment recorded on one case',
				routing: {
					request: { url: requestUrl('/cases/{case}/payments') },
					send: { preSend: [lookUpCaseId(DOING)] },
				},
			},
		],
		default: 'account',
		description: 'Whose payments to list',
		displayOptions: { show: showFor },
	},
	caseLocator({ ...showFor, scope: ['case'] }),
	...returnAllOrLimit(showFor),
];
