import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { explainNotFound, InvalidValue, itemError, refusedInput } from '../../../common/errors';
import { debituraRequest, handleDebituraResponse } from '../../../common/transport';
import {
	divisionIdValue,
	divisionLocator,
	divisionUrl,
	requireDivisionId,
} from '../../helpers/divisionLocator';
import { outputWithUtcTimestamps } from '../../helpers/output';
import { pagedList, returnAllOrLimit } from '../../helpers/paging';
import { cleanText, countryCode } from '../../helpers/values';
import { idempotencyKeyFor } from '../case/createCaseRequest';
import { DIVISION_FIELDS, DIVISION_LABELS, divisionParameter } from './fields';

const show = (...operations: string[]) => ({ resource: ['division'], operation: operations });

const divisionIdOf = (context: IExecuteSingleFunctions) => {
	const raw = context.getNodeParameter('division', '', { extractValue: true }) as unknown;
	return typeof raw === 'string' ? raw.trim() : JSON.stringify(raw);
};
const notFound = explainNotFound('division', 'Division', divisionIdOf);

/**
 * A complete CreateDivisionRequestDto / UpdateDivisionRequestDto from field values: text cleaned
 * and held to the spec's limits, the country an ISO code, the required three present. Throws an
 * `InvalidValue` naming the field.
 */
function divisionBody(values: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const field of DIVISION_FIELDS) {
		const value = values[field.name];
		const cleaned =
			field.name === 'countryCode'
				? value === undefined || value === null || String(value).trim() === ''
					? undefined
					: countryCode(value, field.label)
				: cleanText(value, field.label, { maxLength: field.maxLength });
		if (cleaned === undefined) {
			if (field.required) throw new InvalidValue(`"${field.label}" is required`);
			continue;
		}
		body[field.name] = cleaned;
	}
	if (
		typeof body.officeEmail === 'string' &&
		!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.officeEmail)
	) {
		throw new InvalidValue(`"Office Email" must be an email address (got "${body.officeEmail}")`);
	}
	return body;
}

/**
 * preSend of Create: the three fields up front and Additional Fields, checked, and the
 * `Idempotency-Key` Debitura replays a create by: the user's own, or one derived from the body,
 * so Retry On Fail and re-runs get the division already made instead of a second one.
 */
async function createBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	try {
		const { idempotencyKey, ...additional } = this.getNodeParameter(
			'additionalFields',
			{},
		) as IDataObject;
		const body = divisionBody({
			companyName: this.getNodeParameter('companyName', ''),
			city: this.getNodeParameter('city', ''),
			countryCode: this.getNodeParameter('countryCode', ''),
			...additional,
		});
		requestOptions.body = body;
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			'Idempotency-Key': idempotencyKeyFor(idempotencyKey, 'Idempotency Key', body, 'n8n-division'),
		};
	} catch (error) {
		throw refusedInput(this, error);
	}
	requestOptions.json = true;
	return requestOptions;
}

/**
 * preSend of Update. Debitura's PUT replaces every field, so a field left out would be erased: the
 * division is read first and only the Update Fields given are changed (an empty one clears it).
 */
async function updateBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const id = divisionIdValue(this);
	const changes = this.getNodeParameter('updateFields', {}) as IDataObject;
	if (Object.keys(changes).length === 0) {
		throw refusedInput(
			this,
			new InvalidValue('"Update Fields" is empty: add the fields to change'),
		);
	}
	const current = await debituraRequest<IDataObject>(
		this,
		{ method: 'GET', baseURL: requestOptions.baseURL, url: `/divisions/${id}` },
		{ action: 'read the division before updating it' },
		this.getItemIndex(),
	).catch((error: unknown) => {
		if ((error as { httpCode?: string }).httpCode === '404') {
			throw itemError(
				this,
				this.getItemIndex(),
				`Debitura has no division matching the "Division" parameter`,
				`No division has ID "${id}" in this Debitura account. Nothing was changed.`,
			);
		}
		throw error;
	});
	const country = (current.country ?? {}) as IDataObject;
	const currentValues: IDataObject = Object.fromEntries(
		DIVISION_FIELDS.map((field) => [field.name, current[field.name]]),
	);
	currentValues.countryCode = country.alpha2;
	try {
		requestOptions.body = divisionBody({ ...currentValues, ...changes });
	} catch (error) {
		throw refusedInput(this, error);
	}
	requestOptions.json = true;
	return requestOptions;
}

/** postReceive of Delete: Debitura answers 204 with no body; n8n's guidelines ask for `{ deleted: true }`. */
async function deleted(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true } }];
}

/** What a retry after a server error does, per write; Create's key speaks for itself (errors.ts). */
const RETRY_ADVICE = {
	update:
		'Retrying is safe: an update sends the whole division again, so applying it twice changes nothing more.',
	archive:
		'Retrying is safe: if the first archive went through, the retry answers that the division is already archived.',
	delete:
		'Retrying is safe: if the first delete went through, the retry answers that the division does not exist.',
};

const answer = (action: string, retryAdvice?: string) => [
	notFound,
	handleDebituraResponse({ action, fieldLabels: DIVISION_LABELS, retryAdvice }),
	outputWithUtcTimestamps,
];

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const divisionToolDescriptions: Record<string, string> = {
	archive:
		'Archives a division of the company for good (it cannot be undone): it leaves the lists and its cases keep it. Use it only when the user asks to archive that division. Needs the division.',
	create:
		'Creates a division (business unit, branch or department) to organise cases under. Needs its company name, city and country. Returns the new division with its id.',
	delete:
		'Deletes a division for good; Debitura refuses while open cases belong to it. Use it only when the user asks to delete that division. Needs the division.',
	get: 'Returns one division of the company with its name, address and details. Needs the division.',
	getMany:
		"Lists the company's divisions (business units, branches, departments) with their id and details. Use it to find a division's id.",
	update:
		'Changes the given fields of a division; fields not given keep their values. Needs the division and the new values. Returns the updated division.',
};

export const divisionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['division'] } },
		options: [
			{
				name: 'Archive',
				value: 'archive',
				action: 'Archive a division',
				description:
					'Make a division inactive for good: it leaves the lists, its cases keep it. Archiving cannot be undone.',
				routing: {
					request: { method: 'POST', url: divisionUrl('/archive') },
					send: { preSend: [requireDivisionId] },
					output: { postReceive: answer('archive the division', RETRY_ADVICE.archive) },
				},
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a division',
				description: 'Add a division (business unit, branch or department) to organise cases under',
				routing: {
					request: { method: 'POST', url: '/divisions' },
					send: { preSend: [createBody] },
					output: {
						postReceive: [
							handleDebituraResponse({
								action: 'create the division',
								fieldLabels: DIVISION_LABELS,
							}),
							outputWithUtcTimestamps,
						],
					},
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a division',
				description:
					'Delete a division; Debitura refuses while open cases belong to it (archive it instead)',
				routing: {
					request: { method: 'DELETE', url: divisionUrl() },
					send: { preSend: [requireDivisionId] },
					output: {
						postReceive: [
							notFound,
							handleDebituraResponse({
								action: 'delete the division',
								retryAdvice: RETRY_ADVICE.delete,
							}),
							deleted,
						],
					},
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a division',
				routing: {
					request: { method: 'GET', url: divisionUrl() },
					send: { preSend: [requireDivisionId] },
					output: { postReceive: answer('get the division') },
				},
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many divisions',
				description: 'List the divisions of your company, archived ones only when asked',
				routing: {
					request: { method: 'GET', url: '/divisions' },
					operations: {
						pagination: pagedList('divisions', outputWithUtcTimestamps, {
							page: 'page',
							pageSize: 'pageSize',
						}),
					},
					output: { postReceive: [handleDebituraResponse({ action: 'list the divisions' })] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a division',
				description: 'Change fields of a division; the fields not given keep their values',
				routing: {
					request: { method: 'PUT', url: divisionUrl() },
					send: { preSend: [updateBody] },
					output: { postReceive: answer('update the division', RETRY_ADVICE.update) },
				},
			},
		],
		default: 'create',
	},
	divisionLocator({
		required: true,
		displayOptions: { show: show('archive', 'delete', 'get', 'update') },
	}),
	...DIVISION_FIELDS.filter((field) => field.required).map((field) => ({
		...divisionParameter(field, true),
		displayOptions: { show: show('create') },
	})),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: show('create') },
		options: [
			...DIVISION_FIELDS.filter((field) => !field.required).map((field) =>
				divisionParameter(field, false),
			),
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					"Leave empty: a key derived from the division's fields makes retries and re-runs return the division already made. Set your own to decide what counts as the same division (e.g. to make again a division you deleted, whose fields would give the old key). Printable ASCII is sent as given; a key with any other character is sent as its SHA-256 hash.",
			},
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: show('update') },
		options: DIVISION_FIELDS.map((field) => divisionParameter(field, false)),
	},
	{
		displayName: 'Include Archived',
		name: 'includeArchived',
		type: 'boolean',
		default: false,
		description: 'Whether to list archived divisions too',
		routing: { send: { type: 'query', property: 'includeArchived' } },
		displayOptions: { show: show('getMany') },
	},
	...returnAllOrLimit(show('getMany')),
];
