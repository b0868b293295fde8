import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import { caseLocator, caseResourceErrorContext } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import {
	childIdParameter,
	explainChildNotFound,
	lookUpCaseIdForChild,
	QUOTE_REQUEST_ID,
	type ChildId,
} from '../../helpers/caseChild';
import { outputWithUtcTimestamps } from '../../helpers/output';
import { limitUnlessReturnAll, returnAllOrLimit, splitProperty } from '../../helpers/paging';

const QUOTE_ID: ChildId = { name: 'quoteId', label: 'Quote ID', noun: 'quote' };

const getManyShow = { resource: ['quote'], operation: ['getMany'] };
const getShow = { resource: ['quote'], operation: ['get'] };

const getManyOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many quotes of a quote request',
	description:
		"List the partners' quotes for a quote request: partner, agreement type, fees (hourly, flat, success fee), currency, proposed solution; use it to compare offers before choosing one",
	routing: {
		request: {
			method: 'GET',
			url: requestUrl('/cases/{case}/quote-requests/{quoteRequestId}/quotes'),
		},
		send: { preSend: [lookUpCaseIdForChild('list the quotes', [QUOTE_REQUEST_ID])] },
		output: {
			postReceive: [
				explainChildNotFound('list the quotes', [QUOTE_REQUEST_ID]),
				handleDebituraResponse(caseResourceErrorContext('list the quotes')),
				splitProperty('quotes'),
				limitUnlessReturnAll,
				outputWithUtcTimestamps,
			],
		},
	},
};

const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a quote',
	description:
		"Get one partner's quote in full, with the complete pricing breakdown and a link to the full quote",
	routing: {
		request: {
			method: 'GET',
			url: requestUrl('/cases/{case}/quote-requests/{quoteRequestId}/quotes/{quoteId}'),
		},
		send: { preSend: [lookUpCaseIdForChild('get the quote', [QUOTE_REQUEST_ID, QUOTE_ID])] },
		output: {
			postReceive: [
				explainChildNotFound('get the quote', [QUOTE_REQUEST_ID, QUOTE_ID]),
				handleDebituraResponse(caseResourceErrorContext('get the quote')),
				outputWithUtcTimestamps,
			],
		},
	},
};

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const quoteToolDescriptions: Record<string, string> = {
	get: "Returns one collection partner's quote in full, with the complete pricing breakdown and a link to it. Needs the case, the quote request id and the quote id.",
	getMany:
		"Lists the partners' quotes for a quote request of a case: partner, agreement type, fees (hourly, flat, success fee), currency and proposed solution. Use it to compare offers. Needs the case and the quote request id.",
};

export const quoteDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['quote'] } },
		options: [getOperation, getManyOperation],
		default: 'getMany',
	},
	caseLocator(getManyShow),
	childIdParameter(QUOTE_REQUEST_ID, getManyShow, 'e.g. 2c5ea4c0-4067-41fa-b9a3-bb2d5d8f1a10'),
	...returnAllOrLimit(getManyShow),
	caseLocator(getShow),
	childIdParameter(QUOTE_REQUEST_ID, getShow, 'e.g. 2c5ea4c0-4067-41fa-b9a3-bb2d5d8f1a10'),
	childIdParameter(QUOTE_ID, getShow, 'e.g. 9f1d2e3c-4b5a-4687-9a0b-1c2d3e4f5a6b'),
];
