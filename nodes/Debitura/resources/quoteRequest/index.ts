import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import { caseLocator, caseResourceErrorContext, lookUpCaseId } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import {
	childIdParameter,
	explainChildNotFound,
	lookUpCaseIdForChild,
	QUOTE_REQUEST_ID,
} from '../../helpers/caseChild';
import { outputWithUtcTimestamps } from '../../helpers/output';
import { limitUnlessReturnAll, returnAllOrLimit, splitProperty } from '../../helpers/paging';

const getManyShow = { resource: ['quoteRequest'], operation: ['getMany'] };
const getShow = { resource: ['quoteRequest'], operation: ['get'] };

const getManyOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many quote requests of a case',
	description:
		"List a case's quote requests (asking collection partners, e.g. lawyers for legal action, to quote): status, flow status, type, how many quotes arrived out of the maximum, outcome and dates",
	routing: {
		request: { method: 'GET', url: requestUrl('/cases/{case}/quote-requests') },
		send: { preSend: [lookUpCaseId('list the quote requests')] },
		output: {
			postReceive: [
				handleDebituraResponse(caseResourceErrorContext('list the quote requests')),
				splitProperty('quoteRequests'),
				limitUnlessReturnAll,
				outputWithUtcTimestamps,
			],
		},
	},
};

const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a quote request',
	description:
		'Get one quote request of a case in detail, including whether the maximum number of quotes is reached; use Quote → Get Many for the quotes themselves',
	routing: {
		request: { method: 'GET', url: requestUrl('/cases/{case}/quote-requests/{quoteRequestId}') },
		send: { preSend: [lookUpCaseIdForChild('get the quote request', [QUOTE_REQUEST_ID])] },
		output: {
			postReceive: [
				explainChildNotFound('get the quote request', [QUOTE_REQUEST_ID]),
				handleDebituraResponse(caseResourceErrorContext('get the quote request')),
				outputWithUtcTimestamps,
			],
		},
	},
};

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const quoteRequestToolDescriptions: Record<string, string> = {
	get: 'Returns one quote request of a case: status, type, how many quotes arrived out of the maximum, outcome and dates. Needs the case and the quote request id.',
	getMany:
		"Lists a case's quote requests (collection partners, e.g. lawyers for legal action, asked to quote) with status, type, quotes received and outcome. Needs the case.",
};

export const quoteRequestDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['quoteRequest'] } },
		options: [getOperation, getManyOperation],
		default: 'getMany',
	},
	caseLocator(getManyShow),
	...returnAllOrLimit(getManyShow),
	caseLocator(getShow),
	childIdParameter(QUOTE_REQUEST_ID, getShow, 'e.g. 2c5ea4c0-4067-41fa-b9a3-bb2d5d8f1a10'),
];
