import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { itemError } from '../../common/errors';
import type { ErrorContext } from '../../common/errors';
import { debituraRequest, type SentRequest } from '../../common/transport';
import { isUuid, UUID_PATTERN } from './values';

/**
 * The one way every operation picks a case: from a list of recent cases, or by any of Debitura's
 * three identifiers — its ID, your creditor reference (e.g. an invoice number from the CRM), or
 * Debitura's 8-character case reference.
 */
export function caseLocator(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Case',
		name: 'case',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The collection case',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a case…',
				typeOptions: { searchListMethod: 'searchCases', searchable: true },
			},
			{
				displayName: 'By Case ID',
				name: 'id',
				type: 'string',
				placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid case ID (UUID)' },
					},
				],
			},
			{
				displayName: 'By Creditor Reference',
				name: 'creditorReference',
				type: 'string',
				placeholder: 'INV-2026-00789',
				hint: 'Your own reference, given when the case was created',
			},
			{
				displayName: 'By Case Reference',
				name: 'caseReference',
				type: 'string',
				placeholder: 'Q8OAXF3W',
				hint: "Debitura's 8-character case reference",
			},
		],
	};
}

/**
 * What picking a case needs of n8n's per-item context: routing's `IExecuteSingleFunctions`, or one
 * item of a custom operation (see `caseItem`).
 */
export interface CaseItemContext {
	getNode: IExecuteSingleFunctions['getNode'];
	getItemIndex(): number;
	getNodeParameter(name: 'case'): unknown;
}

/** One item of a custom operation as a `CaseItemContext`. */
export function caseItem(context: IExecuteFunctions, itemIndex: number): CaseItemContext {
	return {
		getNode: () => context.getNode(),
		getItemIndex: () => itemIndex,
		getNodeParameter: (name) => context.getNodeParameter(name, itemIndex),
	};
}

interface LocatedCase {
	mode: string;
	value: string;
	/** The value was an object or a list (e.g. an expression over a whole CRM record), not one identifier. */
	notSingle?: boolean;
}

function readLocator(context: CaseItemContext): LocatedCase {
	const locator = context.getNodeParameter('case') as { mode?: string; value?: unknown } | string;
	if (typeof locator === 'string') return { mode: 'id', value: locator.trim() };
	const raw = locator.value;
	const notSingle = raw !== null && typeof raw === 'object';
	return {
		mode: locator.mode ?? 'id',
		value: notSingle ? JSON.stringify(raw) : String(raw ?? '').trim(),
		notSingle,
	};
}

const LOOKUP_WORDS: Record<string, string> = {
	list: 'case ID',
	id: 'case ID',
	creditorReference: 'creditor reference',
	caseReference: 'case reference',
};

/** How a case was identified, for "Debitura has no case with …" errors. */
export function caseLookupDescription(context: CaseItemContext): string {
	const { mode, value } = readLocator(context);
	return `${LOOKUP_WORDS[mode] ?? 'identifier'} "${value}"`;
}

export function caseErrorContext(action: string) {
	return function (this: IExecuteSingleFunctions): ErrorContext {
		return { action, lookup: caseLookupDescription(this) };
	};
}

/** The path of the case itself for the chosen identifier. */
export function casePath(context: CaseItemContext): string {
	const located = readLocator(context);
	const { mode, value } = located;
	const itemIndex = context.getItemIndex();
	if (!value) {
		throw itemError(
			context,
			itemIndex,
			`"Case" is empty`,
			'Pick a case from the list, or give its case ID, creditor reference or case reference.',
		);
	}
	if (located.notSingle) {
		throw itemError(
			context,
			itemIndex,
			`"Case" must be a single value, not ${value.startsWith('[') ? 'a list' : 'an object'}`,
			`The expression gave ${value.slice(0, 60)}. Point it at the one field that holds the case ID or reference.`,
		);
	}
	// A path segment of "." or ".." survives URL encoding and is then resolved away: "/cases/case-reference/.."
	// becomes "/cases/", and the case list would be read as if it were this case.
	if (value === '.' || value === '..') {
		throw itemError(
			context,
			itemIndex,
			`"Case" cannot be "${value}"`,
			"Give the case ID, your creditor reference or Debitura's 8-character case reference.",
		);
	}
	if (mode === 'creditorReference')
		return `/cases/by-creditor-reference/${encodeURIComponent(value)}`;
	if (mode === 'caseReference') return `/cases/case-reference/${encodeURIComponent(value)}`;
	if (!isUuid(value)) {
		throw itemError(
			context,
			itemIndex,
			`"Case" is not a valid case ID: "${value}"`,
			'A case ID is a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6. To use your invoice number or Debitura\'s 8-character reference, switch the Case field to "By Creditor Reference" or "By Case Reference".',
		);
	}
	return `/cases/${value}`;
}

/**
 * The path of a case whose ID came back from a look-up: only a UUID may go into the path, so an
 * odd answer (a proxy's page, a changed API) cannot point the next request elsewhere.
 */
export function casePathForId(id: unknown, context: CaseItemContext): string {
	if (typeof id !== 'string' || !isUuid(id)) {
		const itemIndex = context.getItemIndex();
		throw itemError(
			context,
			itemIndex,
			`Debitura's answer did not carry a valid case ID`,
			"Check that the credential's Base URL points at Debitura's Customer API.",
		);
	}
	return `/cases/${id}`;
}

/** `/cases/{segment}` as `requestUrl('/cases/{case}…')` wrote it (the first such segment of the URL). */
const CASE_SEGMENT = /\/cases\/[^/?]*/;

/** The case ID in a request URL's `/cases/{id}`, if it is one. */
export function caseIdInUrl(url: string | undefined): string | undefined {
	const segment = CASE_SEGMENT.exec(url ?? '')?.[0].slice('/cases/'.length);
	return segment && isUuid(segment) ? segment : undefined;
}

/** The URL with its `/cases/{case}` segment replaced. */
function withCasePath(url: string | undefined, path: string): string {
	return (url ?? '').replace(CASE_SEGMENT, path);
}

/**
 * preSend of the operations that read the case itself: checks the Case field, and reads a case
 * picked by reference at Debitura's path for that reference (`/cases/by-creditor-reference/…`,
 * `/cases/case-reference/…`).
 */
export async function caseByReference(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	requestOptions.url = withCasePath(requestOptions.url, casePath(this));
	return requestOptions;
}

/** The case a request concerns: the ID in its `/cases/{id}` path, or its `caseId` query or body field. */
function caseIdInRequest(request: SentRequest): string | undefined {
	const fields = [request.qs, request.body].map((source) =>
		source && typeof source === 'object' ? (source as IDataObject).caseId : undefined,
	);
	return [caseIdInUrl(request.url), ...fields].find(
		(id): id is string => typeof id === 'string' && isUuid(id),
	);
}

/**
 * The case ID a request concerns, when the Case field gave a reference that was looked up before the
 * request was sent; undefined for a case given by ID.
 */
function lookedUpCaseId(
	context: CaseItemContext,
	request: SentRequest | undefined,
): string | undefined {
	const { mode } = readLocator(context);
	return request && (mode === 'creditorReference' || mode === 'caseReference')
		? caseIdInRequest(request)
		: undefined;
}

/**
 * The path of the chosen case by its ID. Debitura's case sub-resources (`/timeline`, `/chats`,
 * `/files`, …) take only the ID, so a creditor or case reference is looked up first (one more
 * request); an ID is used as it is.
 */
export async function caseIdPath(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	action: string,
): Promise<string> {
	return (await lookUpCase(context, baseURL, action)).path;
}

/**
 * `caseIdPath`, plus the case Debitura answered when a reference had to be looked up (undefined
 * for an ID, which is used without a request). `retryAdvice`: what running the node again does,
 * where that is not as harmless as the look-up itself.
 */
export async function lookUpCase(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	action: string,
	retryAdvice?: string,
): Promise<{ path: string; found?: IDataObject }> {
	return await findCase(context, context, { baseURL }, action, retryAdvice);
}

/**
 * The path of an item's case by its ID, looked up when it was picked by reference: one look-up for
 * both routing (`lookUpCase`) and the custom operations (`caseIdOfItem`). `requester` sends the
 * look-up, `item` is the item whose Case field is read.
 */
async function findCase(
	requester: IExecuteFunctions | IExecuteSingleFunctions,
	item: CaseItemContext,
	base: { baseURL?: string },
	action: string,
	retryAdvice?: string,
): Promise<{ path: string; found?: IDataObject }> {
	const path = casePath(item);
	if (isUuid(path.slice('/cases/'.length))) return { path };
	const found = await debituraRequest<IDataObject>(
		requester,
		{ method: 'GET', url: path, ...base },
		{ action: `find the case to ${action}`, lookup: caseLookupDescription(item), retryAdvice },
		item.getItemIndex(),
	);
	return { path: casePathForId(found.id, item), found };
}

/**
 * preSend of a case's sub-resources (`/cases/{case}/timeline`, `/chats`, `/files`, …), which take
 * only the case ID: checks the Case field, and replaces a creditor or case reference in the URL by
 * the ID of the case it names, looked up first (one more request). An ID is used as it is.
 */
export function lookUpCaseId(action: string) {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		requestOptions.url = withCasePath(
			requestOptions.url,
			await caseIdPath(this, requestOptions.baseURL, action),
		);
		return requestOptions;
	};
}

/**
 * `lookUpCaseId` for a path whose case ID is already known (from a look-up of its own), e.g.
 * `/test/cases/{case}/advance`.
 */
export function withCaseIdInUrl(url: string | undefined, id: string): string {
	return withCasePath(url, `/cases/${id}`);
}

/**
 * Error context for a case sub-resource, given the request that was sent: a case found by look-up
 * is known to exist, and is named with the ID the request went to.
 */
export function caseResourceErrorContext(action: string) {
	return function (this: IExecuteSingleFunctions, request?: SentRequest): ErrorContext {
		const found = lookedUpCaseId(this, request);
		return {
			action,
			...(found
				? { foundCase: `the case with ${caseLookupDescription(this)} (ID ${found})` }
				: { lookup: caseLookupDescription(this) }),
		};
	};
}

/**
 * `lookUpCase` for one item of a custom operation: the case's ID (a reference costs one request),
 * and for a looked-up case the words that name it in a later error. `retryAdvice`: what running
 * the node again does, where that is not as harmless as the look-up itself.
 */
export async function caseIdOfItem(
	context: IExecuteFunctions,
	itemIndex: number,
	action: string,
	retryAdvice?: string,
): Promise<{ id: string; foundCase?: string; lookup: string }> {
	const item = caseItem(context, itemIndex);
	const lookup = caseLookupDescription(item);
	const { path, found } = await findCase(context, item, {}, action, retryAdvice);
	const id = path.slice('/cases/'.length);
	return found ? { id, foundCase: `the case with ${lookup} (ID ${id})`, lookup } : { id, lookup };
}
