import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { itemError, refuseItem } from '../../../common/errors';
import { handleDebituraResponse } from '../../../common/transport';
import { pagedList, returnAllOrLimit } from '../../helpers/paging';
import { anyOfFilter, filtersCollection } from '../../helpers/filters';
import { isUuid } from '../../helpers/values';
import { outputCase, simplifyCaseParameter } from './output';

const showFor = { resource: ['case'], operation: ['getMany'] };

/** Lifecycle filter values: Debitura's enum names, shown with the labels its answers carry. */
const LIFECYCLE_OPTIONS = [
	{ name: 'Pending Contract Signing', value: 'PendingContractSigning' },
	{ name: 'Pending Verification Internal', value: 'PendingVerificationInternal' },
	{ name: 'Pending Verification', value: 'PendingVerification' },
	{ name: 'More Info Required', value: 'NeedsAdditionalDetails' },
	{ name: 'Collecting Quotes', value: 'Leads' },
	{ name: 'Pending Quote Selection', value: 'LeadsQuoteGiven' },
	{ name: 'Active', value: 'Active' },
	{ name: 'Paused', value: 'Paused' },
	{ name: 'Closed', value: 'Closed' },
	{ name: 'Merged', value: 'Merged' },
];

/** The documented sort fields; Debitura silently ignores any other, so no other is offered. */
const SORT_DIRECTIONS = [
	{ name: 'Ascending', value: 'asc' },
	{ name: 'Descending', value: 'desc' },
];

const SORT_FIELDS = [
	{ name: 'Collection Fees', value: 'CollectionFees' },
	{ name: 'Close Code', value: 'CloseCode' },
	{ name: 'Date Collection Started', value: 'DateCollectionStarted' },
	{ name: 'Date Created', value: 'DateCreated' },
	{ name: 'Date Finished', value: 'DateFinished' },
	{ name: 'Date Updated', value: 'DateUpdated' },
	{ name: 'Due Date', value: 'DueDate' },
	{ name: 'Gross Amount', value: 'GrossAmount' },
	{ name: 'Interest Fees', value: 'InterestFees' },
	{ name: 'Invoice Date', value: 'Date' },
	{ name: 'Lifecycle', value: 'Lifecycle' },
	{ name: 'Remainder', value: 'Remainder' },
	{ name: 'Reminder Fees', value: 'ReminderFees' },
];
const SORT_FIELD_VALUES = new Set(SORT_FIELDS.map((field) => field.value));

/** One sort rule's field and direction: the first rule (Sort By) and each Then By rule. */
function sortRule(label: string, defaultField: string): INodeProperties[] {
	return [
		{
			displayName: label,
			name: 'field',
			type: 'options',
			options: SORT_FIELDS,
			default: defaultField,
			description: 'The field the cases are ordered by',
		},
		{
			displayName: 'Direction',
			name: 'direction',
			type: 'options',
			options: SORT_DIRECTIONS,
			default: 'desc',
			description: 'Whether the smallest or the largest value comes first',
		},
	];
}

export const getManyCasesOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many cases',
	description:
		'List the cases of the account, filtered by lifecycle, division, debtor or ID and sorted; use it to find the cases that need attention (e.g. all Active cases, newest first)',
	routing: {
		request: { method: 'GET', url: '/cases' },
		send: { preSend: [buildCaseListQuery] },
		operations: { pagination: pagedList('cases', outputCase) },
		output: { postReceive: [handleDebituraResponse({ action: 'list the cases' })] },
	},
};

export const getManyCasesToolDescription =
	'Lists Debitura collection cases, filtered and sorted as this tool is set up, each with id, reference, creditorReference (the invoice number), lifecycle, isTestCase, currency, remainder (still outstanding), dueDate and debtorName. Use it to find cases and the case id other tools need.';

/** A comma- or line-separated list of UUIDs from a filter, checked one by one. */
function uuidList(context: IExecuteSingleFunctions, raw: unknown, label: string): string[] {
	const values = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,;]+/))
		.map((value) => value.trim())
		.filter((value) => value !== '');
	const invalid = values.filter((value) => !isUuid(value));
	if (invalid.length > 0) {
		throw refuseItem(
			context,
			`"${label}" contains a value that is not an ID: "${invalid[0].slice(0, 60)}"`,
			`Give IDs (UUIDs such as 3fa85f64-5717-4562-b3fc-2c963f66afa6), separated by commas.`,
		);
	}
	return values;
}

/** preSend of Get Many and Count: the filters as the spec spells them (`Statuses`, `DivisionIds`, `DebtorIds`, `Ids`). */
export async function buildCaseFilterQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const filters = this.getNodeParameter('filters', {}) as Record<string, unknown>;
	const qs: Record<string, string> = {};
	const statuses = (Array.isArray(filters.statuses) ? filters.statuses : []).map(String);
	if (statuses.length > 0) qs.Statuses = statuses.join(',');
	for (const [name, param, label] of [
		['DivisionIds', 'divisionIds', 'Division IDs'],
		['DebtorIds', 'debtorIds', 'Debtor IDs'],
		['Ids', 'ids', 'Case IDs'],
	] as const) {
		const ids = uuidList(this, filters[param], label);
		if (ids.length > 0) qs[name] = ids.join(',');
	}
	requestOptions.qs = { ...(requestOptions.qs ?? {}), ...qs };
	return requestOptions;
}

interface SortRule {
	field?: string;
	direction?: string;
}

/**
 * preSend of Get Many: the filters, and the sort as one `Sort` value, `Field:dir,Field:dir` (the
 * spec's form): Sort By and Direction first (the one rule workflows saved before Then By existed),
 * then each Then By rule in order.
 */
async function buildCaseListQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	await buildCaseFilterQuery.call(this, requestOptions);
	const sort = this.getNodeParameter('sort', {}) as SortRule & { thenBy?: { rule?: SortRule[] } };
	const first = sort.field ?? (sort.direction ? 'DateCreated' : undefined);
	const rules: Array<[string, SortRule, string]> = first
		? [['Sort By', { field: first, direction: sort.direction }, first]]
		: [];
	for (const rule of sort.thenBy?.rule ?? [])
		rules.push(['Then By', rule, String(rule.field ?? '')]);
	const itemIndex = this.getItemIndex();
	const seen = new Set<string>();
	const parts: string[] = [];
	for (const [label, rule, field] of rules) {
		if (!SORT_FIELD_VALUES.has(field)) {
			throw itemError(
				this,
				itemIndex,
				`"${label}" is not a field Debitura sorts by: "${field.slice(0, 60)}"`,
				`Use one of ${[...SORT_FIELD_VALUES].join(', ')}. Debitura would silently ignore any other field.`,
			);
		}
		if (seen.has(field)) {
			throw refuseItem(
				this,
				`"${label}" sorts by ${field} a second time`,
				'Each field can order the cases once: remove the repeated rule, or pick another field.',
			);
		}
		seen.add(field);
		parts.push(`${field}:${rule.direction === 'asc' ? 'asc' : 'desc'}`);
	}
	if (parts.length > 0) requestOptions.qs = { ...(requestOptions.qs ?? {}), Sort: parts.join(',') };
	return requestOptions;
}

export const getManyCasesDescription: INodeProperties[] = [
	...returnAllOrLimit(showFor),
	filtersCollection({ resource: ['case'], operation: ['getMany', 'count'] }, [
		{
			displayName: 'Case IDs',
			name: 'ids',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
			description: 'Only these cases: case IDs separated by commas',
		},
		{
			displayName: 'Debtor IDs',
			name: 'debtorIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 7c9e6679-7425-40de-944b-e07fc1f90ae7',
			description: "Only cases against these debtors: Debitura's debtor IDs separated by commas",
		},
		{
			displayName: 'Division IDs',
			name: 'divisionIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 9b2f3c1a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
			description:
				'Only cases of these divisions of your company: division IDs separated by commas',
		},
		anyOfFilter('Statuses', 'statuses', LIFECYCLE_OPTIONS, 'Only cases in these lifecycle stages'),
	]),
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort',
		default: {},
		displayOptions: { show: showFor },
		options: [
			...sortRule('Sort By', 'DateCreated'),
			{
				displayName: 'Then By',
				name: 'thenBy',
				type: 'fixedCollection',
				placeholder: 'Add Sort Rule',
				default: {},
				typeOptions: { multipleValues: true, sortable: true },
				description:
					'Further fields that order cases equal in the fields before, in this order (e.g. Lifecycle, then Due Date)',
				options: [
					{
						displayName: 'Rule',
						name: 'rule',
						values: [...sortRule('Field', 'DueDate')],
					},
				],
			},
		],
	},
	simplifyCaseParameter(showFor),
];
