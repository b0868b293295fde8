import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import {
	getCaseSummaryDescription,
	getCaseSummaryOperation,
	getCaseSummaryToolDescription,
} from './caseSummary';

/**
 * postReceive of Get Contract Status: says in two fields what the answer implies — whether anyone
 * has to act (unsigned, or to be re-signed) and the link that does it in one click.
 */
async function surfaceSigningLink(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const status = item.json as IDataObject;
		const actionRequired = status.signed !== true || status.requiresResigning === true;
		return {
			...item,
			json: {
				...status,
				actionRequired,
				signingUrl: actionRequired ? (status.solutionUrl ?? null) : null,
			},
		};
	});
}

const getAccountOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get the account',
	description:
		'Get the company profile the API key belongs to: name, registration number, address and office contacts',
	routing: {
		request: { method: 'GET', url: '/me' },
		output: { postReceive: [handleDebituraResponse({ action: 'get the account' })] },
	},
};

const getContractStatusOperation: INodePropertyOptions = {
	name: 'Get Contract Status',
	value: 'getContractStatus',
	action: 'Get the debt collection contract status',
	description:
		'Get whether the debt collection agreement with Debitura is signed or must be re-signed; when someone has to act, Signing URL is the one-click link to do it',
	routing: {
		request: { method: 'GET', url: '/contracts/debt-collection/status' },
		output: {
			postReceive: [
				handleDebituraResponse({ action: 'get the contract status' }),
				surfaceSigningLink,
			],
		},
	},
};

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const accountToolDescriptions: Record<string, string> = {
	get: "Returns the creditor's own company profile in Debitura (the account the API key belongs to): name, registration number, address and office contacts. Needs no input.",
	getCaseSummary: getCaseSummaryToolDescription,
	getContractStatus:
		"Tells whether the account's debt collection agreement with Debitura is signed or must be re-signed, with the link to sign when someone has to act. Use it when cases cannot proceed for a missing contract. Needs no input.",
};

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [getAccountOperation, getCaseSummaryOperation, getContractStatusOperation],
		default: 'get',
	},
	...getCaseSummaryDescription,
];
