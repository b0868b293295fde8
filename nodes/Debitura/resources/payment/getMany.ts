import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { handleDebituraResponse, prepareForResponseHandling } from '../../../shared/transport';
import { caseIdPath, caseLocator, caseResourceErrorContext } from '../../shared/case-locator';
import { outputWithUtcTimestamps } from '../../shared/output';
import { limitUnlessReturnAll, pagedList, returnAllOrLimit, splitList } from '../../shared/paging';

const showFor = { resource: ['payment'], operation: ['getMany'] };
const DOING = 'list the payments';

const forCase = (context: IExecuteSingleFunctions) => context.getNodeParameter('scope', 'account') === 'case';

/** preSend: the account's paged `/Payments`, or one case's unpaged `/cases/{id}/payments`. */
async function targetPayments(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	requestOptions.url = forCase(this) ? `${await caseIdPath(this, requestOptions.baseURL, DOING)}/payments` : '/Payments';
	return requestOptions;
}

/** First postReceive: the account answers a page object, a case a list. */
async function handlePaymentsAnswer(this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) {
	return forCase(this)
		? await handleDebituraResponse(caseResourceErrorContext(DOING), 'list').call(this, items, response)
		: await handleDebituraResponse({ action: DOING }).call(this, items, response);
}

/** A case's list is one answer: split into items and limited here (the account's pages are limited by the pagination). */
async function splitCasePayments(this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
	return forCase(this) ? await limitUnlessReturnAll.call(this, await splitList.call(this, items)) : items;
}

export const getManyPaymentsOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many payments',
	description:
		"List payments, the whole account's or one case's, each with amount, currency, date, method, recipient and its case (invoice); use it to reconcile what debtors paid",
	routing: {
		request: { method: 'GET', url: '/Payments' },
		send: { paginate: '={{ $parameter.scope !== "case" }}', preSend: [targetPayments, prepareForResponseHandling] },
		operations: { pagination: pagedList('payments') },
		output: { postReceive: [handlePaymentsAnswer, splitCasePayments, outputWithUtcTimestamps] },
	},
};

export const getManyPaymentsDescription: INodeProperties[] = [
	{
		displayName: 'Payments Of',
		name: 'scope',
		type: 'options',
		options: [
			{ name: 'The Whole Account', value: 'account', description: 'Every payment on every case (GET /Payments)' },
			{ name: 'One Case', value: 'case', description: 'Every payment recorded on one case' },
		],
		default: 'account',
		description: 'Whose payments to list',
		displayOptions: { show: showFor },
	},
	caseLocator({ ...showFor, scope: ['case'] }),
	...returnAllOrLimit(showFor),
];
