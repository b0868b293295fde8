import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import {
	handleAccountOrCaseAnswer,
	pagedForTheAccount,
	splitCaseList,
} from '../../helpers/accountOrCase';
import { caseLocator, lookUpCaseId } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { anyOfFilter, filtersCollection } from '../../helpers/filters';
import { outputWithUtcTimestamps } from '../../helpers/output';
import { pagedList, returnAllOrLimit } from '../../helpers/paging';

const showFor = { resource: ['task'], operation: ['getMany'] };
const DOING = 'list the tasks';

/** Task types Debitura documents (stable string codes). */
const TASK_TYPES = [
	{ name: 'Assign Bank Account', value: 'AssignBankAccount' },
	{ name: 'Case Validation Needs Info', value: 'CaseValidationNeedsInfo' },
	{ name: 'Client Input Required', value: 'ClientInputRequired' },
	{ name: 'Generic', value: 'Generic' },
	{ name: 'More Info Needed', value: 'MoreInfoNeeded' },
	{ name: 'Reply to Chat', value: 'ReplyToChat' },
	{ name: 'Review Partner', value: 'ReviewPartner' },
	{ name: 'Select Quote Winner', value: 'SelectQuoteWinner' },
	{ name: 'Sign Contract', value: 'SignContract' },
];

/** preSend: `status` and one `type` per chosen type. */
async function buildTaskRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const filters = this.getNodeParameter('filters', {}) as { status?: string; types?: string[] };
	const qs: IDataObject = { ...(requestOptions.qs ?? {}), status: filters.status ?? 'Open' };
	if (Array.isArray(filters.types) && filters.types.length > 0) qs.type = filters.types;
	requestOptions.qs = qs;
	// `type` is repeatable (`type=A&type=B`), as Debitura documents it.
	requestOptions.arrayFormat = 'repeat';
	return requestOptions;
}

export const getManyTasksOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many tasks',
	description:
		'List what Debitura needs you to do (reply to a partner, add missing details, sign a contract…), for the whole account or one case; each task has a title, type, status, deadline, a solutionUrl to resolve it and, where an API call resolves it, that call',
	routing: {
		request: { method: 'GET', url: '/tasks' },
		send: { preSend: [buildTaskRequest] },
		operations: { pagination: pagedForTheAccount(pagedList('tasks')) },
		output: {
			postReceive: [handleAccountOrCaseAnswer(DOING), splitCaseList, outputWithUtcTimestamps],
		},
	},
};

export const getManyTasksToolDescription =
	'Lists what Debitura needs the creditor to do (reply to a partner, add missing details, sign a contract) for the account or one case, each with title, type, status, deadline and a link to resolve it. Use it to find what needs attention.';

export const getManyTasksDescription: INodeProperties[] = [
	{
		displayName: 'Tasks Of',
		name: 'scope',
		type: 'options',
		options: [
			{
				name: 'The Whole Account',
				value: 'account',
				description: 'Every task, including account-level ones such as signing a contract',
			},
			{
				name: 'One Case',
				value: 'case',
				description: "The tasks of one case (account-level tasks don't appear)",
				routing: {
					request: { url: requestUrl('/cases/{case}/tasks') },
					send: { preSend: [lookUpCaseId(DOING)] },
				},
			},
		],
		default: 'account',
		description: 'Whose tasks to list',
		displayOptions: { show: showFor },
	},
	caseLocator({ ...showFor, scope: ['case'] }),
	...returnAllOrLimit(showFor),
	filtersCollection(showFor, [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Open', value: 'Open' },
				{ name: 'Solved', value: 'Solved' },
			],
			default: 'Open',
			description: 'Open tasks (what is waiting on you) or solved ones',
		},
		anyOfFilter('Types', 'types', TASK_TYPES, 'Only tasks of these types'),
	]),
];
