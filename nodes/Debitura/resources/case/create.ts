import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import { buildCreateCaseRequest } from './createCaseExecute';
import { CASE_FIELD_LABELS, caseAdditionalFields, caseFields } from './createCaseFields';
import { outputCase } from './output';

const showFor = { resource: ['case'], operation: ['create'] };

export const createCaseOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a case',
	description: 'Open a debt collection case for an unpaid invoice',
	// In a workflow Create Case runs as a custom operation (createCaseExecute.ts), which n8n's
	// engine prefers to routing. This routing serves callers that run only a declarative node's
	// routing (n8n's MCP Server Trigger): the same body, checks and Idempotency-Key, one item.
	routing: {
		request: { method: 'POST', url: '/cases' },
		send: { preSend: [buildCreateCaseRequest] },
		output: {
			postReceive: [
				handleDebituraResponse({ action: 'create the case', fieldLabels: CASE_FIELD_LABELS }),
				outputCase,
			],
		},
	},
};

/** Create depends on Test Mode, so the tool's text says which kind of case it opens. */
export const createCaseToolDescription = {
	test: "Opens a TEST debt collection case in Debitura for one unpaid invoice: validated and stored like a real case, never sent to a collection partner, no emails. Needs the debtor's name, country, street address and city, the currency, the amount and the invoice date. Returns the case with its id and reference.",
	live: "Opens a REAL debt collection case in Debitura for one unpaid invoice: a collection partner will contact the debtor. Use it only when the user clearly asks to send that invoice to collection. Needs the debtor's name, country, street address and city, the currency, the amount and the invoice date. Returns the case with its id and reference.",
};

export const createCaseDescription: INodeProperties[] = [
	{
		displayName:
			'Test Mode is on: Debitura validates and stores the case, but never sends it to a collection partner and sends no emails. Turn Test Mode off to open real cases.',
		name: 'testModeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...showFor, testMode: [true] } },
	},
	{
		displayName:
			'Test Mode is off: this creates a real collection case. Debitura will contact the debtor through a collection partner.',
		name: 'liveModeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...showFor, testMode: [false] } },
	},
	// Each field's own displayOptions (Test Tag only in test mode, the US state only for the US) narrow the operation's.
	...caseFields.map((field) => ({
		...field,
		displayOptions: { show: { ...showFor, ...field.displayOptions?.show } },
	})),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: caseAdditionalFields,
	},
];
