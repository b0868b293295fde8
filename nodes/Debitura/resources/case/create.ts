import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { caseAdditionalFields, caseFields } from './create-case-fields';

const showFor = { resource: ['case'], operation: ['create'] };

export const createCaseOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a case',
	description: 'Open a debt collection case for an unpaid invoice',
	// No routing: Create Case runs as a custom operation (create-case-execute.ts), which reads each
	// field's body path from its definition below.
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
	...caseFields.map((field) => ({ ...field, displayOptions: { show: { ...showFor, ...field.displayOptions?.show } } })),
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
