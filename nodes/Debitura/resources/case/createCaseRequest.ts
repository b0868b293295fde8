import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { InvalidValue, refusedInput } from '../../../common/errors';
import {
	cleanText,
	countryCode,
	currencyCode,
	isUuid,
	positiveAmount,
	singleValue,
	usStateCode,
	utcDateTime,
} from '../../helpers/values';
import { CASE_BODY_FIELDS, CASE_FIELD_LABELS } from './createCaseFields';

const isBlank = (value: unknown) =>
	value === undefined || value === null || String(value).trim() === '';

/** Drops undefined entries, so the body carries only what the user gave (the API forbids unknown and tolerates absent fields). */
function compact<T extends Record<string, unknown>>(record: T): T {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** JSON with keys sorted at every level: equal bodies give equal idempotency keys. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value as object)
			.sort()
			.map(
				(key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
			);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value);
}

/**
 * The idempotency key Debitura stores with a created case. Derived from the body alone (never
 * from an execution id), so Retry On Fail, re-running an execution and sending the same invoice
 * again all replay the first answer instead of opening a second case. Test and live bodies differ
 * (`isTest`), so they never share a key.
 */
function deriveIdempotencyKey(body: IDataObject, prefix = 'n8n'): string {
	return `${prefix}-${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
}

/** Reads one item's routed body by Debitura path (`debtor.name`), with the checks every case body shares. */
function caseBodyReader(raw: IDataObject) {
	const label = (path: string) => CASE_FIELD_LABELS[path];
	const debtorIn = (raw.debtor ?? {}) as IDataObject;
	const valueAt = (path: string) =>
		path.startsWith('debtor.') ? debtorIn[path.slice('debtor.'.length)] : raw[path];
	const text = (path: string) => cleanText(valueAt(path), label(path), CASE_BODY_FIELDS[path].text);
	const required = (path: string) => {
		const value = valueAt(path);
		if (isBlank(value)) throw new InvalidValue(`"${label(path)}" is required`);
		return value;
	};
	const requiredText = (path: string) => {
		const value = text(path);
		if (value === undefined) {
			throw new InvalidValue(
				`"${label(path)}" is required${isBlank(valueAt(path)) ? '' : ' (the value has no visible characters)'}`,
			);
		}
		return value;
	};
	return { label, valueAt, text, required, requiredText };
}

type CaseBodyReader = ReturnType<typeof caseBodyReader>;

/** Debtor type, country and (for the US) state: what decides the partner, for a case and for its preview. */
function debtorRouting({ label, text, required, requiredText }: CaseBodyReader) {
	const country = countryCode(required('debtor.countryAlpha2'), label('debtor.countryAlpha2'));
	let stateAlpha2: string | undefined;
	let state = text('debtor.state');
	if (country === 'US') {
		// The US state picker only shows for a literal "US"; with a country from an expression the
		// state comes from the free-text field, which Debitura would ignore for US debtors.
		const given = text('debtor.stateAlpha2') ?? state;
		if (given === undefined) throw new InvalidValue(`"${label('debtor.stateAlpha2')}" is required`);
		stateAlpha2 = usStateCode(given, label('debtor.stateAlpha2'));
		if (given === state) state = undefined;
	}
	const type = requiredText('debtor.type');
	if (!['Company', 'Private'].includes(type)) {
		throw new InvalidValue(`"Debtor Type" must be Company or Private (got "${type}")`);
	}
	return { type, country, stateAlpha2, state };
}

/** The amount and its optional age buckets, with Debitura's rules between them; an age amount left at 0 means "not given". */
function claimAmounts(raw: IDataObject, { label }: CaseBodyReader) {
	const amountToRecover = positiveAmount(raw.amountToRecover, label('amountToRecover'));
	const bucket = (path: string) => {
		const value = singleValue(raw[path], label(path));
		return isBlank(value) || Number(value) === 0 ? undefined : positiveAmount(value, label(path));
	};
	const over6 = bucket('amountToRecoverOver6Months');
	const over12 = bucket('amountToRecoverOver12Months');
	const over24 = bucket('amountToRecoverOver24Months');
	if ((over12 === undefined) !== (over24 === undefined)) {
		throw new InvalidValue(
			'"Amount Over 12 Months" and "Amount Over 24 Months" must be given together',
		);
	}
	if (over6 !== undefined && over12 === undefined) {
		throw new InvalidValue(
			'"Amount Over 6 Months" is only accepted together with the 12- and 24-month amounts',
		);
	}
	const ordered = [amountToRecover, over6, over12, over24].filter(
		(value) => value !== undefined,
	) as number[];
	if (ordered.some((value, index) => index > 0 && value > ordered[index - 1])) {
		throw new InvalidValue(
			'The age amounts must not grow with age: Amount to Recover ≥ Amount Over 6 Months ≥ Amount Over 12 Months ≥ Amount Over 24 Months',
		);
	}
	return {
		currencyCode: currencyCode(raw.currencyCode, label('currencyCode')),
		amountToRecover,
		amountToRecoverOver6Months: over6,
		amountToRecoverOver12Months: over12,
		amountToRecoverOver24Months: over24,
	};
}

/** The due date as a zoned UTC date-time: not in the future (today is accepted), not before the invoice date when there is one. */
function dueDateOf(
	raw: IDataObject,
	timezone: string,
	now: Date,
	invoiceDate?: string,
): string | undefined {
	if (isBlank(raw.dueDate)) return undefined;
	const dueDate = utcDateTime(raw.dueDate, CASE_FIELD_LABELS.dueDate, timezone);
	if (invoiceDate !== undefined && Date.parse(dueDate) < Date.parse(invoiceDate)) {
		throw new InvalidValue(
			`"Due Date" cannot be earlier than "Invoice Date" (${dueDate} is before ${invoiceDate})`,
		);
	}
	// Debitura accepts a due date of today and rejects any later day.
	if (dueDate.slice(0, 10) > now.toISOString().slice(0, 10)) {
		throw new InvalidValue(`"Due Date" must be today or in the past (got ${dueDate})`);
	}
	return dueDate;
}

/** An absolute http(s) return URL, or nothing. */
function returnUrlOf({ text }: CaseBodyReader): string | undefined {
	const returnUrl = text('returnUrl');
	if (returnUrl !== undefined && !/^https?:\/\/\S+$/i.test(returnUrl)) {
		// Debitura silently drops an invalid return URL; failing here is kinder than a signing flow that goes nowhere.
		throw new InvalidValue(`"Return URL" must be an absolute http(s) URL (got "${returnUrl}")`);
	}
	return returnUrl;
}

/**
 * Checks and normalises the `POST /cases` body that routing assembled from the node's fields for
 * one item: codes upper-cased and verified, amounts made numbers, dates made zoned UTC
 * date-times, empty fields dropped, and every rule known before sending enforced. Throws an
 * `InvalidValue` naming the field.
 */
function normaliseCreateCaseBody(
	raw: IDataObject,
	timezone: string,
	now: Date = new Date(),
): IDataObject {
	const reader = caseBodyReader(raw);
	const { label, text, required, requiredText } = reader;
	const debtor = debtorRouting(reader);

	const date = utcDateTime(required('date'), label('date'), timezone);
	if (Date.parse(date) > now.getTime()) {
		throw new InvalidValue(`"Invoice Date" cannot be in the future (got ${date})`);
	}
	const dueDate = dueDateOf(raw, timezone, now, date);
	const amounts = claimAmounts(raw, reader);

	const uuid = (path: string) => {
		const id = text(path);
		if (id !== undefined && !isUuid(id))
			throw new InvalidValue(`"${label(path)}" must be a UUID (got "${id}")`);
		return id;
	};
	const email = text('assignedUserEmail');
	if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
		throw new InvalidValue(
			`"${label('assignedUserEmail')}" must be an email address (got "${email}")`,
		);
	}
	const returnUrl = returnUrlOf(reader);

	const testMode = raw.isTest !== false;
	return compact({
		isTest: testMode,
		tag: testMode ? text('tag') : undefined,
		...amounts,
		date,
		dueDate,
		creditorReference: text('creditorReference'),
		claimDescription: text('claimDescription'),
		comments: text('comments'),
		creditorDivisionId: uuid('creditorDivisionId'),
		collectionPartnerId: uuid('collectionPartnerId'),
		assignedUserEmail: email,
		allowPendingContracts: raw.allowPendingContracts === true ? true : undefined,
		skipDebituraVerification: raw.skipDebituraVerification === true ? true : undefined,
		returnUrl,
		debtor: compact({
			type: debtor.type,
			name: requiredText('debtor.name'),
			countryAlpha2: debtor.country,
			stateAlpha2: debtor.stateAlpha2,
			state: debtor.state,
			address: requiredText('debtor.address'),
			city: requiredText('debtor.city'),
			zipCode: text('debtor.zipCode'),
			contactPerson: text('debtor.contactPerson'),
			companyRegistrationNumber: text('debtor.companyRegistrationNumber'),
			email: text('debtor.email'),
			phone: text('debtor.phone'),
		}),
	});
}

/**
 * The `POST /cases/preview` body from the same fields: only what decides partner and price
 * (PreviewCaseRequestApiViewModel forbids the rest), under the same rules as Create Case, plus the
 * preview's own: a due date and age amounts exclude each other.
 */
function normalisePreviewBody(
	raw: IDataObject,
	timezone: string,
	now: Date = new Date(),
): IDataObject {
	const reader = caseBodyReader(raw);
	const debtor = debtorRouting(reader);
	const amounts = claimAmounts(raw, reader);
	const dueDate = dueDateOf(raw, timezone, now);
	if (dueDate !== undefined && amounts.amountToRecoverOver12Months !== undefined) {
		throw new InvalidValue(
			'"Due Date" and the age amounts (Amount Over 12/24 Months) exclude each other in a preview: give one or the other',
		);
	}
	return compact({
		...amounts,
		dueDate,
		returnUrl: returnUrlOf(reader),
		debtor: compact({
			type: debtor.type,
			countryAlpha2: debtor.country,
			stateAlpha2: debtor.stateAlpha2,
		}),
	});
}

/** Debitura's limit for the `Idempotency-Key` header. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * The header value for a key the user set. HTTP headers carry bytes, not text: anything beyond
 * printable ASCII is dropped or mangled on the way, so "INV-😀-ü" and "INV--ü" would arrive as the
 * same key and two invoices would share one case. Such a key is sent as a hash of all its
 * characters instead; printable ASCII goes as given (spaces at the ends are dropped, as HTTP does).
 */
export function idempotencyKeyHeader(key: string, label: string): string | undefined {
	if (/[^\x20-\x7e]/.test(key))
		return `n8n-key-${createHash('sha256').update(key, 'utf8').digest('hex')}`;
	const trimmed = key.trim();
	if (trimmed.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
		throw new InvalidValue(
			`"${label}" can be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters (got ${trimmed.length})`,
		);
	}
	return trimmed || undefined;
}

/**
 * One item's `POST /cases` request from the body its fields assembled (`raw`) and the Idempotency
 * Key field as the user set it: the checked body, and the key Debitura stores with the case (the
 * user's own, or one derived from the body). Throws an `InvalidValue` naming the field.
 */
export function createCaseRequest(
	raw: IDataObject,
	ownKey: unknown,
	timezone: string,
): { body: IDataObject; idempotencyKey: string } {
	const body = normaliseCreateCaseBody(raw, timezone);
	return {
		body,
		idempotencyKey: idempotencyKeyFor(ownKey, CASE_FIELD_LABELS['Idempotency-Key'], body),
	};
}

/**
 * The `Idempotency-Key` of a create: the user's own key (as `idempotencyKeyHeader` sends it), or
 * one derived from the checked body when the field is empty. Throws an `InvalidValue` naming the field.
 */
export function idempotencyKeyFor(
	ownKey: unknown,
	label: string,
	body: IDataObject,
	prefix?: string,
): string {
	const key = isBlank(ownKey) ? undefined : singleValue(ownKey, label);
	const header = isBlank(key) ? undefined : idempotencyKeyHeader(String(key), label);
	return header ?? deriveIdempotencyKey(body, prefix);
}

/** preSend of Case → Preview: the checked preview body, or a clear error naming field and item. */
export async function checkPreviewCaseRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	try {
		requestOptions.body = normalisePreviewBody(
			(requestOptions.body ?? {}) as IDataObject,
			this.getTimezone(),
		);
	} catch (error) {
		throw refusedInput(this, error);
	}
	requestOptions.json = true;
	return requestOptions;
}
