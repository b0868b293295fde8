import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { COUNTRIES, CURRENCIES, US_STATES } from '../../../shared/reference-data';
import { handleDebituraResponse, prepareForResponseHandling } from '../../../shared/transport';
import { CASE_FIELD_LABELS, checkCreateCaseRequest } from './create-case-request';
import { outputCase } from './output';

const showFor = { resource: ['case'], operation: ['create'] };

/** Code-list entries as n8n options, sorted by what the user reads ("Denmark (DK)"). */
const asOptions = (list: ReadonlyArray<readonly [string, string]>) =>
	list
		.map(([code, name]) => ({ name: `${name} (${code})`, value: code }))
		.sort((a, b) => a.name.localeCompare(b.name));

export const createCaseOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a case',
	description: 'Open a debt collection case for an unpaid invoice',
	routing: {
		request: { method: 'POST', url: '/cases' },
		// Each field routes its value into the body; the preSend then checks and normalises it.
		send: { preSend: [checkCreateCaseRequest, prepareForResponseHandling] },
		output: {
			postReceive: [handleDebituraResponse({ action: 'create the case', fieldLabels: CASE_FIELD_LABELS }), outputCase],
		},
	},
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
	{
		displayName: 'Test Mode',
		name: 'testMode',
		routing: { send: { type: 'body', property: 'isTest' } },
		type: 'boolean',
		default: true,
		description:
			'Whether to create a test case (Debitura\'s IsTest): validated and stored like a real case, marked as test data, never sent to a partner. Debitura has no separate test environment; test cases live in your account and can be deleted.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Test Tag',
		name: 'testTag',
		routing: { send: { type: 'body', property: 'tag' } },
		type: 'string',
		default: '',
		placeholder: 'n8n-trial',
		description: 'Label for test cases, so they can be found and deleted together (at most 100 characters)',
		displayOptions: { show: { ...showFor, testMode: [true] } },
	},
	{
		displayName: 'Debtor Type',
		name: 'debtorType',
		routing: { send: { type: 'body', property: 'debtor.type' } },
		type: 'options',
		required: true,
		default: 'Company',
		options: [
			{ name: 'Company', value: 'Company' },
			{ name: 'Private Person', value: 'Private' },
		],
		description: 'Whether the debtor is a business or a private person; collection partners specialise in one or the other',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Debtor Name',
		name: 'debtorName',
		routing: { send: { type: 'body', property: 'debtor.name' } },
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Pacific Trading LLC',
		description: 'Company name, or the full name of a private person',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Debtor Country',
		name: 'debtorCountry',
		routing: { send: { type: 'body', property: 'debtor.countryAlpha2' } },
		type: 'options',
		required: true,
		default: '',
		options: asOptions(COUNTRIES),
		description:
			'Country of the debtor; it decides which collection partner takes the case. With an expression, give an ISO code such as DK or an English name.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Debtor US State',
		name: 'debtorUsState',
		routing: { send: { type: 'body', property: 'debtor.stateAlpha2' } },
		type: 'options',
		// Not `required`: n8n would then demand it whenever Debtor Country is an expression. The
		// node checks it per item instead, once the country is known.
		default: '',
		options: asOptions(US_STATES),
		description:
			'Required for US debtors: partner coverage in the US is per state. When the country comes from an expression, give the state under Additional Fields → Debtor State / Region.',
		displayOptions: { show: { ...showFor, debtorCountry: ['US'] } },
	},
	{
		displayName: 'Debtor Address',
		name: 'debtorAddress',
		routing: { send: { type: 'body', property: 'debtor.address' } },
		type: 'string',
		required: true,
		default: '',
		placeholder: '123 Market Street, Suite 400',
		description: 'Street address of the debtor (Debitura requires it)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Debtor City',
		name: 'debtorCity',
		routing: { send: { type: 'body', property: 'debtor.city' } },
		type: 'string',
		required: true,
		default: '',
		placeholder: 'San Francisco',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Currency',
		name: 'currency',
		routing: { send: { type: 'body', property: 'currencyCode' } },
		type: 'options',
		required: true,
		default: 'EUR',
		options: asOptions(CURRENCIES),
		description:
			'Currency of the claim (ISO 4217). With an expression, give the three-letter code.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Amount to Recover',
		name: 'amountToRecover',
		routing: { send: { type: 'body', property: 'amountToRecover' } },
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		description: 'Total principal to collect, across all invoices in the case; must be greater than 0',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Invoice Date',
		name: 'invoiceDate',
		routing: { send: { type: 'body', property: 'date' } },
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Date of the (oldest) invoice; it cannot be in the future',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Allow Pending Contracts',
				name: 'allowPendingContracts',
				routing: { send: { type: 'body', property: 'allowPendingContracts' } },
				type: 'boolean',
				default: false,
				description:
					'Whether to accept the case while your collection contract or power of attorney is unsigned; it then waits in "Pending contract signing" and the output carries the signing link',
			},
			{
				displayName: 'Amount Over 12 Months',
				name: 'amountOver12Months',
				routing: { send: { type: 'body', property: 'amountToRecoverOver12Months' } },
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 2 },
				description: 'Part of the amount more than 12 months overdue; give it together with Amount Over 24 Months',
			},
			{
				displayName: 'Amount Over 24 Months',
				name: 'amountOver24Months',
				routing: { send: { type: 'body', property: 'amountToRecoverOver24Months' } },
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 2 },
				description: 'Part of the amount more than 24 months overdue; give it together with Amount Over 12 Months',
			},
			{
				displayName: 'Amount Over 6 Months',
				name: 'amountOver6Months',
				routing: { send: { type: 'body', property: 'amountToRecoverOver6Months' } },
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 2 },
				description: 'Part of the amount more than 6 months overdue; only together with the 12- and 24-month amounts',
			},
			{
				displayName: 'Assigned User Email',
				name: 'assignedUserEmail',
				routing: { send: { type: 'body', property: 'assignedUserEmail' } },
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Team member who owns the case and alone receives its notifications; must be an active user of your Debitura account',
			},
			{
				displayName: 'Claim Description',
				name: 'claimDescription',
				routing: { send: { type: 'body', property: 'claimDescription' } },
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'What the claim is for (at most 4000 characters)',
			},
			{
				displayName: 'Collection Partner ID',
				name: 'collectionPartnerId',
				routing: { send: { type: 'body', property: 'collectionPartnerId' } },
				type: 'string',
				default: '',
				description: 'Force a specific collection partner (UUID); leave empty to let Debitura choose',
			},
			{
				displayName: 'Comments',
				name: 'comments',
				routing: { send: { type: 'body', property: 'comments' } },
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Context for the collection partner, such as payment history or earlier contact (at most 4000 characters)',
			},
			{
				displayName: 'Creditor Reference',
				name: 'creditorReference',
				routing: { send: { type: 'body', property: 'creditorReference' } },
				type: 'string',
				default: '',
				placeholder: 'INV-2026-00789',
				description: 'Your own reference, e.g. the invoice number (at most 50 characters, unique per account). Use it later to look the case up.',
			},
			{
				displayName: 'Debtor Contact Person',
				name: 'debtorContactPerson',
				routing: { send: { type: 'body', property: 'debtor.contactPerson' } },
				type: 'string',
				default: '',
				description: 'Person to contact at a company debtor',
			},
			{
				displayName: 'Debtor Email',
				name: 'debtorEmail',
				routing: { send: { type: 'body', property: 'debtor.email' } },
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Debtor Phone',
				name: 'debtorPhone',
				routing: { send: { type: 'body', property: 'debtor.phone' } },
				type: 'string',
				default: '',
			},
			{
				displayName: 'Debtor Registration Number',
				name: 'debtorRegistrationNumber',
				routing: { send: { type: 'body', property: 'debtor.companyRegistrationNumber' } },
				type: 'string',
				default: '',
				description: 'Company registration or VAT number, e.g. a CVR, organisation number or EIN',
			},
			{
				displayName: 'Debtor State / Region',
				name: 'debtorState',
				routing: { send: { type: 'body', property: 'debtor.state' } },
				type: 'string',
				default: '',
				description:
					'State, region or province. For US debtors whose country comes from an expression, give the US state here ("CA", "US-CA" or "California").',
			},
			{
				displayName: 'Debtor ZIP Code',
				name: 'debtorZipCode',
				routing: { send: { type: 'body', property: 'debtor.zipCode' } },
				type: 'string',
				default: '',
			},
			{
				displayName: 'Division ID',
				name: 'divisionId',
				routing: { send: { type: 'body', property: 'creditorDivisionId' } },
				type: 'string',
				default: '',
				description: 'Creditor division the case belongs to (UUID), for accounts with several divisions',
			},
			{
				displayName: 'Due Date',
				name: 'dueDate',
				routing: { send: { type: 'body', property: 'dueDate' } },
				type: 'dateTime',
				default: '',
				description: 'When the invoice fell due: not before the invoice date and not in the future. Debitura prices by invoice age from it.',
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					'Leave empty: a key derived from the case data makes retries, re-runs and the same invoice sent twice return the one case already opened. Set your own (e.g. an expression over the invoice ID) to decide yourself what counts as the same case.',
			},
			{
				displayName: 'Return URL',
				name: 'returnUrl',
				routing: { send: { type: 'body', property: 'returnUrl' } },
				type: 'string',
				default: '',
				placeholder: 'https://example.com/done',
				description: 'Where Debitura sends the user after signing pending contracts (absolute http(s) URL)',
			},
		],
	},
];
