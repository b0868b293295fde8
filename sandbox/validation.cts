import { isUuid } from './ids.cjs';
import type { NewCase } from './records.cjs';
import {
	COUNTRY_NAMES,
	countryCodeFromName,
	isCurrencyCode,
	normaliseCountryCode,
	normaliseUsState,
} from './reference-data.cjs';
import { parseZonedDateTime, startOfNextUtcDay } from './time.cjs';
import type { DebtorDto } from './types.cjs';

/**
 * Field-level rules for POST /cases. Failures come back as a map from JSON path to messages,
 * e.g. `{ "debtor.countryAlpha2": ["Invalid country code: ZZ"] }`, which is the 400 shape the
 * endpoint documents. Business rules (duplicates, partners, contracts) are not checked here.
 */

export type FieldErrors = Record<string, string[]>;

type ValueKind = 'string' | 'number' | 'boolean' | 'object';

interface FieldRule {
	kind: ValueKind;
	/** JSON null is a type error only for non-nullable .NET value types (bool, double). */
	nullable: boolean;
}

const text: FieldRule = { kind: 'string', nullable: true };
const optionalNumber: FieldRule = { kind: 'number', nullable: true };
const flag: FieldRule = { kind: 'boolean', nullable: false };

const CASE_FIELDS: Record<string, FieldRule> = {
	currencyCode: text,
	date: text,
	dueDate: text,
	comments: text,
	claimDescription: text,
	creditorReference: text,
	debtor: { kind: 'object', nullable: true },
	creditorDivisionId: text,
	amountToRecover: { kind: 'number', nullable: false },
	amountToRecoverOver6Months: optionalNumber,
	amountToRecoverOver12Months: optionalNumber,
	amountToRecoverOver24Months: optionalNumber,
	skipDebituraVerification: flag,
	skipCreationEmails: flag,
	allowPendingContracts: flag,
	isTest: flag,
	tag: text,
	collectionPartnerId: text,
	assignedUserEmail: text,
	returnUrl: text,
};

const DEBTOR_FIELDS: Record<string, FieldRule> = {
	type: text,
	name: text,
	contactPerson: text,
	companyRegistrationNumber: text,
	address: text,
	zipCode: text,
	city: text,
	state: text,
	stateAlpha2: text,
	countryAlpha2: text,
	country: text,
	email: text,
	phone: text,
};

const MAX_LENGTHS: Record<string, number> = {
	comments: 4000,
	claimDescription: 4000,
	creditorReference: 50,
	tag: 100,
	returnUrl: 2048,
	assignedUserEmail: 320,
};

const AGE_BUCKET_FIELDS = [
	'amountToRecoverOver6Months',
	'amountToRecoverOver12Months',
	'amountToRecoverOver24Months',
] as const;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type CreateCaseValidation =
	| { ok: true; value: NewCase }
	| { ok: false; errors: FieldErrors };

export function validateCreateCase(
	body: Record<string, unknown>,
	now: number,
): CreateCaseValidation {
	const errors: FieldErrors = {};
	const fields = bindFields(body, CASE_FIELDS, '', errors);
	const debtorFields = isPlainObject(fields.debtor)
		? bindFields(fields.debtor, DEBTOR_FIELDS, 'debtor.', errors)
		: undefined;

	const currencyCode = checkCurrency(fields, errors);
	const dates = checkDates(fields, now, errors);
	const amountToRecover = checkAmount(fields, errors);
	const ageBuckets = checkAgeBuckets(fields, amountToRecover, errors);
	const debtor =
		debtorFields === undefined
			? reportMissingDebtor(fields, errors)
			: checkDebtor(debtorFields, errors);
	checkLengths(fields, errors);
	checkUuids(fields, errors);
	if (typeof fields.assignedUserEmail === 'string' && !EMAIL_SHAPE.test(fields.assignedUserEmail)) {
		addError(errors, 'assignedUserEmail', 'assignedUserEmail is not a valid email address');
	}

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			currencyCode: currencyCode!,
			date: dates.date!,
			dueDate: dates.dueDate,
			comments: stringOrNull(fields.comments),
			claimDescription: stringOrNull(fields.claimDescription),
			creditorReference: nonBlankOrNull(fields.creditorReference),
			debtor: debtor!,
			creditorDivisionId: nonBlankOrNull(fields.creditorDivisionId)?.toLowerCase() ?? null,
			amountToRecover: amountToRecover!,
			ageBuckets,
			allowPendingContracts: fields.allowPendingContracts === true,
			skipDebituraVerification: fields.skipDebituraVerification === true,
			isTest: fields.isTest === true,
			tag: nonBlankOrNull(fields.tag),
			collectionPartnerId: nonBlankOrNull(fields.collectionPartnerId)?.toLowerCase() ?? null,
			assignedUserEmail: nonBlankOrNull(fields.assignedUserEmail),
			returnUrl: absoluteHttpUrlOrNull(fields.returnUrl),
		},
	};
}

/**
 * Maps property names onto the known fields case-insensitively (ASP.NET's JSON binding does),
 * reporting unknown names and wrong JSON types. Values with a wrong type are left out so the
 * semantic checks below do not pile a second message on the same field.
 */
function bindFields(
	source: Record<string, unknown>,
	rules: Record<string, FieldRule>,
	pathPrefix: string,
	errors: FieldErrors,
): Record<string, unknown> {
	const canonicalNames = new Map(Object.keys(rules).map((name) => [name.toLowerCase(), name]));
	const bound: Record<string, unknown> = {};
	for (const [sentName, value] of Object.entries(source)) {
		const name = canonicalNames.get(sentName.toLowerCase());
		if (name === undefined) {
			addError(errors, pathPrefix + sentName, `${pathPrefix}${sentName} is not a known field`);
			continue;
		}
		const rule = rules[name];
		if (value === null) {
			if (rule.nullable) bound[name] = null;
			else addError(errors, pathPrefix + name, `${pathPrefix}${name} cannot be null`);
			continue;
		}
		const actualKind = isPlainObject(value) ? 'object' : typeof value;
		if (actualKind !== rule.kind) {
			addError(
				errors,
				pathPrefix + name,
				`${pathPrefix}${name} must be ${describeKind(rule.kind)}`,
			);
			continue;
		}
		bound[name] = value;
	}
	return bound;
}

function checkCurrency(fields: Record<string, unknown>, errors: FieldErrors): string | undefined {
	if (errors.currencyCode) return undefined;
	const value = fields.currencyCode;
	if (typeof value !== 'string' || value.trim() === '') {
		addError(errors, 'currencyCode', 'currencyCode is required');
		return undefined;
	}
	if (!isCurrencyCode(value.trim())) {
		addError(errors, 'currencyCode', `Invalid currency code: ${value}`);
		return undefined;
	}
	return value.trim().toUpperCase();
}

function checkDates(
	fields: Record<string, unknown>,
	now: number,
	errors: FieldErrors,
): { date?: number; dueDate: number | null } {
	let date: number | undefined;
	// A date of the wrong JSON type was already reported by bindFields.
	if (!errors.date && typeof fields.date !== 'string') addError(errors, 'date', 'date is required');
	if (typeof fields.date === 'string') {
		date = parseDateField('date', fields.date, errors);
		if (date !== undefined && date > now) {
			addError(errors, 'date', 'Case date cannot be in the future');
			date = undefined;
		}
	}

	let dueDate: number | null = null;
	if (typeof fields.dueDate === 'string') {
		const parsed = parseDateField('dueDate', fields.dueDate, errors);
		if (parsed !== undefined) {
			dueDate = parsed;
			if (date !== undefined && parsed < date)
				addError(errors, 'dueDate', 'Due date cannot be earlier than the case date');
			// "Today" counts as the past for a due date, so only the next UTC day onwards is rejected.
			if (parsed >= startOfNextUtcDay(now))
				addError(errors, 'dueDate', 'Due date must be in the past');
		}
	}
	return { date, dueDate };
}

function parseDateField(name: string, value: string, errors: FieldErrors): number | undefined {
	const parsed = parseZonedDateTime(value);
	if (parsed.ok) return parsed.epochMs;
	addError(
		errors,
		name,
		parsed.reason === 'no-zone'
			? `${name} must be a date-time with a time zone, e.g. 2026-01-15T00:00:00Z or 2026-01-15T00:00:00+01:00`
			: `${name} is not a valid ISO 8601 date-time`,
	);
	return undefined;
}

function checkAmount(fields: Record<string, unknown>, errors: FieldErrors): number | undefined {
	const value = fields.amountToRecover;
	if (typeof value === 'number' && value > 0) return value;
	// A wrong type was already reported by bindFields; missing, zero and negative land here.
	if (!errors.amountToRecover)
		addError(errors, 'amountToRecover', 'Case total must be a positive amount');
	return undefined;
}

function checkAgeBuckets(
	fields: Record<string, unknown>,
	total: number | undefined,
	errors: FieldErrors,
): NewCase['ageBuckets'] {
	const [over6, over12, over24] = AGE_BUCKET_FIELDS.map((name) =>
		typeof fields[name] === 'number' ? (fields[name] as number) : null,
	);
	const buckets = { over6Months: over6, over12Months: over12, over24Months: over24 };
	AGE_BUCKET_FIELDS.forEach((name, index) => {
		const value = [over6, over12, over24][index];
		if (value === null) return;
		if (value < 0) addError(errors, name, `${name} cannot be negative`);
		if (total !== undefined && value > total)
			addError(errors, name, `${name} cannot exceed amountToRecover`);
	});
	if ((over12 === null) !== (over24 === null)) {
		const missing = over12 === null ? 'amountToRecoverOver12Months' : 'amountToRecoverOver24Months';
		addError(
			errors,
			missing,
			'amountToRecoverOver12Months and amountToRecoverOver24Months must be given together',
		);
	}
	if (over6 !== null && (over12 === null || over24 === null)) {
		addError(
			errors,
			'amountToRecoverOver6Months',
			'amountToRecoverOver6Months is only allowed together with amountToRecoverOver12Months and amountToRecoverOver24Months',
		);
	}
	if (over6 !== null && over12 !== null && over12 > over6) {
		addError(
			errors,
			'amountToRecoverOver12Months',
			'amountToRecoverOver12Months cannot exceed amountToRecoverOver6Months',
		);
	}
	if (over12 !== null && over24 !== null && over24 > over12) {
		addError(
			errors,
			'amountToRecoverOver24Months',
			'amountToRecoverOver24Months cannot exceed amountToRecoverOver12Months',
		);
	}
	return buckets;
}

function reportMissingDebtor(fields: Record<string, unknown>, errors: FieldErrors): undefined {
	// A debtor of the wrong JSON type was already reported by bindFields.
	if (!errors.debtor) addError(errors, 'debtor', 'Debtor information is required');
	return undefined;
}

function checkDebtor(fields: Record<string, unknown>, errors: FieldErrors): DebtorDto | undefined {
	const errorCountBefore = Object.keys(errors).length;

	let type: string | undefined;
	const sentType = nonBlankOrNull(fields.type);
	if (sentType === null) addRequiredError(errors, 'debtor.type', 'Debtor type is required');
	else if (/^company$/i.test(sentType)) type = 'Company';
	else if (/^private$/i.test(sentType)) type = 'Private';
	else addError(errors, 'debtor.type', 'Invalid debtor type');

	const name = nonBlankOrNull(fields.name);
	if (name === null) addRequiredError(errors, 'debtor.name', 'Debtor name is required');

	const countryAlpha2 = resolveDebtorCountry(fields, errors);
	let stateAlpha2 = nonBlankOrNull(fields.stateAlpha2);
	if (countryAlpha2 === 'US') {
		if (stateAlpha2 === null) {
			addRequiredError(
				errors,
				'debtor.stateAlpha2',
				'A state code (stateAlpha2) is required for US debtors',
			);
		} else {
			const state = normaliseUsState(stateAlpha2);
			if (state === undefined)
				addError(errors, 'debtor.stateAlpha2', `Invalid US state: ${stateAlpha2}`);
			stateAlpha2 = state ?? null;
		}
	}

	if (nonBlankOrNull(fields.address) === null)
		addRequiredError(errors, 'debtor.address', 'Debtor address is required');
	if (nonBlankOrNull(fields.city) === null)
		addRequiredError(errors, 'debtor.city', 'Debtor city is required');

	if (Object.keys(errors).length > errorCountBefore) return undefined;
	return {
		type: type!,
		name: name!,
		contactPerson: stringOrNull(fields.contactPerson),
		companyRegistrationNumber: stringOrNull(fields.companyRegistrationNumber),
		address: stringOrNull(fields.address),
		zipCode: stringOrNull(fields.zipCode),
		city: stringOrNull(fields.city),
		state: stringOrNull(fields.state),
		stateAlpha2,
		countryAlpha2: countryAlpha2!,
		country: COUNTRY_NAMES.get(countryAlpha2!)!,
		email: stringOrNull(fields.email),
		phone: stringOrNull(fields.phone),
	};
}

/** `countryAlpha2` wins when both it and the English `country` name are sent. */
function resolveDebtorCountry(
	fields: Record<string, unknown>,
	errors: FieldErrors,
): string | undefined {
	const alpha2 = nonBlankOrNull(fields.countryAlpha2);
	if (alpha2 !== null) {
		const code = normaliseCountryCode(alpha2);
		if (code === undefined)
			addError(errors, 'debtor.countryAlpha2', `Invalid country code: ${alpha2}`);
		return code;
	}
	const countryName = nonBlankOrNull(fields.country);
	if (countryName !== null) {
		const code = countryCodeFromName(countryName);
		if (code === undefined)
			addError(errors, 'debtor.country', `Unknown country name: ${countryName}`);
		return code;
	}
	addRequiredError(
		errors,
		'debtor.countryAlpha2',
		'Debtor country is required (countryAlpha2 or country)',
	);
	return undefined;
}

function checkLengths(fields: Record<string, unknown>, errors: FieldErrors): void {
	for (const [name, max] of Object.entries(MAX_LENGTHS)) {
		const value = fields[name];
		if (typeof value === 'string' && value.length > max)
			addError(errors, name, `${name} must be at most ${max} characters`);
	}
}

function checkUuids(fields: Record<string, unknown>, errors: FieldErrors): void {
	for (const name of ['creditorDivisionId', 'collectionPartnerId']) {
		const value = fields[name];
		if (typeof value === 'string' && !isUuid(value))
			addError(errors, name, `${name} must be a valid UUID`);
	}
}

function absoluteHttpUrlOrNull(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:' ? value : null;
	} catch {
		return null;
	}
}

export function addError(errors: FieldErrors, key: string, message: string): void {
	(errors[key] ??= []).push(message);
}

/** A field already reported for its JSON type should not also be called missing. */
function addRequiredError(errors: FieldErrors, key: string, message: string): void {
	if (!errors[key]) addError(errors, key, message);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeKind(kind: ValueKind): string {
	return { string: 'a string', number: 'a number', boolean: 'true or false', object: 'an object' }[
		kind
	];
}

function stringOrNull(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

function nonBlankOrNull(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const PREVIEW_FIELDS: Record<string, FieldRule> = {
	amountToRecover: { kind: 'number', nullable: false },
	currencyCode: { kind: 'string', nullable: false },
	debtor: { kind: 'object', nullable: false },
	amountToRecoverOver6Months: optionalNumber,
	amountToRecoverOver12Months: optionalNumber,
	amountToRecoverOver24Months: optionalNumber,
	dueDate: text,
	returnUrl: text,
};

const PREVIEW_DEBTOR_FIELDS: Record<string, FieldRule> = {
	type: { kind: 'string', nullable: false },
	countryAlpha2: { kind: 'string', nullable: false },
	stateAlpha2: text,
};

/** A checked POST /cases/preview body: only what routing and pricing need. */
export interface PreviewInput {
	amountToRecover: number;
	currencyCode: string;
	debtorType: string;
	countryAlpha2: string;
	stateAlpha2: string | null;
	ageBuckets: NewCase['ageBuckets'];
	dueDate: number | null;
	returnUrl: string | null;
}

/**
 * PreviewCaseRequestApiViewModel: the create rules for amount, currency, age buckets and the
 * debtor's routing fields, plus the preview's own rule that a due date and age buckets exclude
 * each other. Unknown fields (a debtor name, say) are refused: the schema forbids them.
 */
export function validatePreviewCase(
	body: Record<string, unknown>,
	now: number,
): { ok: true; value: PreviewInput } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const fields = bindFields(body, PREVIEW_FIELDS, '', errors);
	const debtor = isPlainObject(fields.debtor)
		? bindFields(fields.debtor, PREVIEW_DEBTOR_FIELDS, 'debtor.', errors)
		: undefined;
	if (debtor === undefined) reportMissingDebtor(fields, errors);
	const currencyCode = checkCurrency(fields, errors);
	const amountToRecover = checkAmount(fields, errors);
	const ageBuckets = checkAgeBuckets(fields, amountToRecover, errors);
	let dueDate: number | null = null;
	if (typeof fields.dueDate === 'string') {
		dueDate = parseDateField('dueDate', fields.dueDate, errors) ?? null;
		if (dueDate !== null && dueDate >= startOfNextUtcDay(now))
			addError(errors, 'dueDate', 'Due date must be in the past');
		if (ageBuckets.over12Months !== null || ageBuckets.over24Months !== null) {
			addError(errors, 'dueDate', 'dueDate cannot be combined with the age bucket amounts');
		}
	}
	let debtorType: string | undefined;
	let countryAlpha2: string | undefined;
	let stateAlpha2: string | null = null;
	if (debtor !== undefined) {
		const sentType = nonBlankOrNull(debtor.type);
		if (sentType === null) addRequiredError(errors, 'debtor.type', 'Debtor type is required');
		else if (/^(company|private)$/i.test(sentType))
			debtorType = /^company$/i.test(sentType) ? 'Company' : 'Private';
		else addError(errors, 'debtor.type', 'Invalid debtor type');
		const sentCountry = nonBlankOrNull(debtor.countryAlpha2);
		countryAlpha2 = sentCountry === null ? undefined : normaliseCountryCode(sentCountry);
		if (sentCountry === null)
			addRequiredError(errors, 'debtor.countryAlpha2', 'Debtor country is required');
		else if (countryAlpha2 === undefined)
			addError(errors, 'debtor.countryAlpha2', `Invalid country code: ${sentCountry}`);
		const sentState = nonBlankOrNull(debtor.stateAlpha2);
		if (countryAlpha2 === 'US') {
			if (sentState === null)
				addRequiredError(
					errors,
					'debtor.stateAlpha2',
					'A state code (stateAlpha2) is required for US debtors',
				);
			else if (sentState.length !== 2 || normaliseUsState(sentState) === undefined)
				addError(errors, 'debtor.stateAlpha2', `Invalid US state: ${sentState}`);
			else stateAlpha2 = sentState.toUpperCase();
		}
	}
	if (typeof fields.returnUrl === 'string' && fields.returnUrl.length > 2048)
		addError(errors, 'returnUrl', 'returnUrl must be at most 2048 characters');
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			amountToRecover: amountToRecover!,
			currencyCode: currencyCode!,
			debtorType: debtorType!,
			countryAlpha2: countryAlpha2!,
			stateAlpha2,
			ageBuckets,
			dueDate,
			returnUrl: absoluteHttpUrlOrNull(fields.returnUrl),
		},
	};
}
