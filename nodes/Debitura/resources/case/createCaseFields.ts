import type { INodeProperties } from 'n8n-workflow';

import { COUNTRIES, CURRENCIES, US_STATES } from '../../../common/referenceData';
import { teamMemberLocator } from '../../listSearch/searchTeamMembers';
import { divisionLocator } from '../../helpers/divisionLocator';
import type { TextRule } from '../../helpers/values';
import { MAX_AMOUNT, UUID_PATTERN } from '../../helpers/values';

/**
 * Create Case's fields, each stated once: its label (`displayName`), where its value goes in the
 * `POST /cases` body (`routing`), and for text its length limit (TEXT_LIMITS). The checks and the
 * error wording read them from here (CASE_BODY_FIELDS); an operation adds its own displayOptions,
 * so another operation on the same body shape (Case → Preview) can reuse them.
 */

/**
 * Length limits of the text fields, by parameter name: Debitura's spec where it gives one (test tag,
 * creditor reference, claim description, comments, assigned user, return URL); the spec sets none
 * for the debtor's fields, so those carry our own bound, generous for real data.
 */
const TEXT_LIMITS = {
	testTag: 100,
	debtorName: 200,
	debtorAddress: 200,
	debtorCity: 200,
	assignedUserEmail: 320,
	claimDescription: 4000,
	comments: 4000,
	creditorReference: 50,
	debtorContactPerson: 200,
	debtorEmail: 320,
	debtorPhone: 50,
	debtorRegistrationNumber: 100,
	debtorState: 200,
	debtorZipCode: 20,
	returnUrl: 2048,
} as const;

/** Code-list entries as n8n options, sorted by what the user reads ("Denmark (DK)"). */
const asOptions = (list: ReadonlyArray<readonly [string, string]>) =>
	list
		.map(([code, name]) => ({ name: `${name} (${code})`, value: code }))
		.sort((a, b) => a.name.localeCompare(b.name));

/** The fields shown up front. */
export const caseFields: INodeProperties[] = [
	{
		displayName: 'Test Mode',
		name: 'testMode',
		routing: { send: { type: 'body', property: 'isTest' } },
		type: 'boolean',
		default: true,
		description:
			"Whether to create a test case (Debitura's IsTest): validated and stored like a real case, marked as test data, never sent to a partner. Debitura has no separate test environment; test cases live in your account and can be deleted.",
	},
	{
		displayName: 'Test Tag',
		name: 'testTag',
		routing: { send: { type: 'body', property: 'tag' } },
		type: 'string',
		default: '',
		placeholder: 'n8n-trial',
		description: `Label for test cases, so they can be found and deleted together (at most ${TEXT_LIMITS.testTag} characters)`,
		displayOptions: { show: { testMode: [true] } },
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
		description:
			'Whether the debtor is a business or a private person; collection partners specialise in one or the other',
	},
	{
		displayName: 'Debtor Name',
		name: 'debtorName',
		routing: { send: { type: 'body', property: 'debtor.name' } },
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Pacific Trading LLC',
		description: `Company name, or the full name of a private person (at most ${TEXT_LIMITS.debtorName} characters)`,
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
		displayOptions: { show: { debtorCountry: ['US'] } },
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
	},
	{
		displayName: 'Debtor City',
		name: 'debtorCity',
		routing: { send: { type: 'body', property: 'debtor.city' } },
		type: 'string',
		required: true,
		default: '',
		placeholder: 'San Francisco',
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
	},
	{
		displayName: 'Amount to Recover',
		name: 'amountToRecover',
		routing: { send: { type: 'body', property: 'amountToRecover' } },
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, maxValue: MAX_AMOUNT, numberPrecision: 2 },
		description:
			'Total principal to collect, across all invoices in the case; must be greater than 0',
	},
	{
		displayName: 'Invoice Date',
		name: 'invoiceDate',
		routing: { send: { type: 'body', property: 'date' } },
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Date of the (oldest) invoice; it cannot be in the future',
	},
];

/** The fields under Additional Fields. */
export const caseAdditionalFields: INodeProperties[] = [
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
		typeOptions: { minValue: 0, maxValue: MAX_AMOUNT, numberPrecision: 2 },
		description:
			'Part of the amount more than 12 months overdue; give it together with Amount Over 24 Months',
	},
	{
		displayName: 'Amount Over 24 Months',
		name: 'amountOver24Months',
		routing: { send: { type: 'body', property: 'amountToRecoverOver24Months' } },
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: MAX_AMOUNT, numberPrecision: 2 },
		description:
			'Part of the amount more than 24 months overdue; give it together with Amount Over 12 Months',
	},
	{
		displayName: 'Amount Over 6 Months',
		name: 'amountOver6Months',
		routing: { send: { type: 'body', property: 'amountToRecoverOver6Months' } },
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: MAX_AMOUNT, numberPrecision: 2 },
		description:
			'Part of the amount more than 6 months overdue; only together with the 12- and 24-month amounts',
	},
	// Workflows saved with a plain email string keep working: n8n passes a string through a
	// resource locator unchanged, and the parameter name is the same.
	teamMemberLocator({
		displayName: 'Assigned User',
		name: 'assignedUserEmail',
		routing: { send: { type: 'body', property: 'assignedUserEmail' } },
		description:
			'Team member who owns the case and alone receives its notifications; must be an active user of your Debitura account',
	}),
	{
		displayName: 'Claim Description',
		name: 'claimDescription',
		routing: { send: { type: 'body', property: 'claimDescription' } },
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: `What the claim is for (at most ${TEXT_LIMITS.claimDescription} characters)`,
	},
	{
		// A workflow that saved a plain ID string keeps working, as for Assigned User.
		displayName: 'Collection Partner',
		name: 'collectionPartnerId',
		routing: { send: { type: 'body', property: 'collectionPartnerId' } },
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description:
			"Force a specific collection partner; leave empty to let Debitura choose by the debtor's country",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a partner…',
				typeOptions: { searchListMethod: 'searchCollectionPartners', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'c1a0f3d2-1111-4a8b-9c01-000000000001',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: UUID_PATTERN,
							errorMessage: 'Not a valid collection partner ID (UUID)',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Comments',
		name: 'comments',
		routing: { send: { type: 'body', property: 'comments' } },
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: `Context for the collection partner, such as payment history or earlier contact (at most ${TEXT_LIMITS.comments} characters)`,
	},
	{
		displayName: 'Creditor Reference',
		name: 'creditorReference',
		routing: { send: { type: 'body', property: 'creditorReference' } },
		type: 'string',
		default: '',
		placeholder: 'INV-2026-00789',
		description: `Your own reference, e.g. the invoice number (at most ${TEXT_LIMITS.creditorReference} characters, unique per account). Use it later to look the case up.`,
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
	// A workflow that saved a plain ID string keeps working, as for Assigned User.
	divisionLocator({
		name: 'divisionId',
		routing: { send: { type: 'body', property: 'creditorDivisionId' } },
		description:
			'Division of your company the case belongs to, for accounts with several divisions',
	}),
	{
		displayName: 'Due Date',
		name: 'dueDate',
		routing: { send: { type: 'body', property: 'dueDate' } },
		type: 'dateTime',
		default: '',
		description:
			'When the invoice fell due: not before the invoice date and not in the future. Debitura prices by invoice age from it.',
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		description:
			'Leave empty: a key derived from the case data makes retries, re-runs and the same invoice sent twice return the one case already opened. Set your own (e.g. an expression over the invoice ID) to decide yourself what counts as the same case. Printable ASCII is sent as given; a key with any other character is sent as its SHA-256 hash.',
	},
	{
		displayName: 'Return URL',
		name: 'returnUrl',
		routing: { send: { type: 'body', property: 'returnUrl' } },
		type: 'string',
		default: '',
		placeholder: 'https://example.com/done',
		description:
			'Where Debitura sends the user after signing pending contracts (absolute http(s) URL)',
	},
	{
		displayName: 'Skip Debitura Verification',
		name: 'skipDebituraVerification',
		routing: { send: { type: 'body', property: 'skipDebituraVerification' } },
		type: 'boolean',
		default: false,
		description:
			'Whether the case goes straight to the collection partner, without Debitura first checking the claim and its documents ("Pending verification"). For a finance team whose claims are already checked before they leave the ledger (undisputed, documented, due), that wants collection to start at once; leave it off when Debitura should catch missing or wrong details first.',
	},
];

interface CaseBodyField {
	label: string;
	text: TextRule;
}

/** Every routed field by its path in the body (`debtor.name`), derived from the definitions above. */
export const CASE_BODY_FIELDS: Record<string, CaseBodyField> = Object.fromEntries(
	[...caseFields, ...caseAdditionalFields].flatMap((field) => {
		const path = field.routing?.send?.property;
		if (typeof path !== 'string') return [];
		const maxLength = (TEXT_LIMITS as Record<string, number>)[field.name];
		return [
			[
				path,
				{
					label: field.displayName,
					text: { maxLength, multiline: field.typeOptions?.rows !== undefined },
				},
			],
		];
	}),
);

const idempotencyKeyField = caseAdditionalFields.find(
	(field) => field.name === 'idempotencyKey',
) as INodeProperties;

/**
 * Debitura field path → the label of the n8n field that feeds it, so that an error (ours or a
 * Debitura 400) tells the user which field in the node to change. Beyond the routed fields: the
 * debtor as a whole, the country name Debitura also accepts, and the one header.
 */
export const CASE_FIELD_LABELS: Record<string, string> = {
	...Object.fromEntries(
		Object.entries(CASE_BODY_FIELDS).map(([path, field]) => [path, field.label]),
	),
	debtor: 'Debtor',
	'debtor.country': CASE_BODY_FIELDS['debtor.countryAlpha2'].label,
	'Idempotency-Key': idempotencyKeyField.displayName,
};
