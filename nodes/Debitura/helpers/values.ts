import { DateTime } from 'luxon';

import { InvalidValue } from '../../common/errors';
import { COUNTRIES, COUNTRY_ALIASES, CURRENCIES, US_STATES } from '../../common/referenceData';
import { HAS_ZONE } from '../../common/timestamps';

/**
 * Coercion of what n8n hands a node — picker values, expressions over a CRM's fields — into the
 * exact forms Debitura's spec requires. Each function returns the clean value or throws an
 * `InvalidValue` that names the field by its label in the node; the caller adds the item.
 */

const invalid = (label: string, rule: string, value: unknown) =>
	new InvalidValue(`"${label}" ${rule} (got "${String(value ?? '')}")`);

/** At most this much of a refused object or list is quoted back in an error. */
const QUOTE_LIMIT = 60;

/**
 * Refuses objects and lists where one value belongs. Without it, an expression over a CRM's JSON
 * that yields `{…}` or `["a","b"]` reaches Debitura as "[object Object]" or "a,b", and `[5]` counts
 * as the number 5.
 */
export function singleValue<T>(value: T, label: string): T {
	if (value === null || typeof value !== 'object') return value;
	let quoted = JSON.stringify(value) ?? String(value);
	if (quoted.length > QUOTE_LIMIT) quoted = `${quoted.slice(0, QUOTE_LIMIT)}…`;
	throw new InvalidValue(
		`"${label}" must be a single value, not ${Array.isArray(value) ? 'a list' : 'an object'} (got ${quoted})`,
	);
}

const CURRENCY_CODES = new Set(CURRENCIES.map(([code]) => code));
const COUNTRY_BY_KEY = new Map<string, string>();
for (const [code, name] of COUNTRIES) {
	COUNTRY_BY_KEY.set(code.toLowerCase(), code);
	COUNTRY_BY_KEY.set(name.toLowerCase(), code);
}
for (const [alias, code] of COUNTRY_ALIASES) COUNTRY_BY_KEY.set(alias, code);
const US_STATE_BY_KEY = new Map<string, string>();
for (const [code, name] of US_STATES) {
	US_STATE_BY_KEY.set(code.toLowerCase(), code);
	US_STATE_BY_KEY.set(`us-${code.toLowerCase()}`, code);
	US_STATE_BY_KEY.set(name.toLowerCase(), code);
}

export function currencyCode(value: unknown, label: string): string {
	const code = String(singleValue(value, label) ?? '')
		.trim()
		.toUpperCase();
	if (!CURRENCY_CODES.has(code)) {
		throw invalid(
			label,
			'must be a three-letter ISO 4217 currency code such as EUR, DKK or USD',
			value,
		);
	}
	return code;
}

/** An ISO 3166-1 alpha-2 code from a code or an English country name. */
export function countryCode(value: unknown, label: string): string {
	const code = COUNTRY_BY_KEY.get(
		String(singleValue(value, label) ?? '')
			.trim()
			.toLowerCase(),
	);
	if (!code) {
		throw invalid(
			label,
			'must be a two-letter ISO 3166-1 country code such as DK, DE or US, or an English country name',
			value,
		);
	}
	return code;
}

/** A US state as Debitura's `stateAlpha2` wants it, from "CA", "US-CA" or "California". */
export function usStateCode(value: unknown, label: string): string {
	const code = US_STATE_BY_KEY.get(
		String(singleValue(value, label) ?? '')
			.trim()
			.toLowerCase(),
	);
	if (!code) {
		throw invalid(label, 'must be a US state such as CA, US-CA or California', value);
	}
	return code;
}

/**
 * The largest amount accepted. Debitura's spec sets no maximum; 10^12 is beyond any real claim in
 * any currency and keeps every amount exact in cents as a double.
 */
export const MAX_AMOUNT = 1_000_000_000_000;

/**
 * A number's decimal digits rounded half-up to whole cents, or undefined when it is no plain
 * number. Works on the decimal text, not the binary double: JS prints a number as the shortest
 * text that reads back to it, so 1.005 is "1.005" and becomes 101 cents, where
 * `Math.round(1.005 * 100)` gives 100.
 */
export function roundToCents(value: number | string): number | undefined {
	if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
	const text = typeof value === 'number' ? String(value) : value.trim();
	// Numbers print as 1e-7 or 1e+21 at the extremes; text must be written plainly.
	const pattern =
		typeof value === 'number'
			? /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/
			: /^(-?)(\d+)(?:\.(\d+))?$/;
	const match = pattern.exec(text);
	if (!match) return undefined;
	const [, sign, whole, fraction = '', exponent = '0'] = match;
	let digits = whole + fraction;
	let point = whole.length + Number(exponent);
	if (point < 0) {
		digits = '0'.repeat(-point) + digits;
		point = 0;
	}
	digits = digits.padEnd(point + 3, '0');
	// Beyond 2^53 cents `Number` is approximate, but such an amount is far above MAX_AMOUNT anyway.
	const cents = Number(digits.slice(0, point + 2)) + (digits[point + 2] >= '5' ? 1 : 0);
	return sign ? -cents : cents;
}

/**
 * A positive amount in whole cents. Accepts numbers and plain numeric strings ("1500",
 * "1500.50"); refuses strings with thousands separators or decimal commas, whose meaning depends
 * on the locale. Rounds first, so a value that rounds to 0.00 is refused rather than sent as 0.
 */
export function positiveAmount(value: unknown, label: string): number {
	singleValue(value, label);
	const cents =
		typeof value === 'number' || typeof value === 'string' ? roundToCents(value) : undefined;
	if (cents === undefined) {
		throw invalid(
			label,
			'must be a number such as 1500 or 1500.50, with a dot as decimal separator',
			value,
		);
	}
	if (cents <= 0) throw invalid(label, 'must be greater than 0 after rounding to cents', value);
	if (cents > MAX_AMOUNT * 100)
		throw invalid(label, `can be at most ${MAX_AMOUNT.toLocaleString('en-US')}`, value);
	// An exact integer divided by 100 is the double nearest to the decimal amount.
	return cents / 100;
}

/** The earliest invoice or due date accepted: before it, a date is a mapping mistake (0, 0001-01-01), not an invoice. */
const EARLIEST_DATE = '2000-01-01';
const EARLIEST_MILLIS = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);

/** yyyymmdd as a number or text (`20251231`): a calendar date, not seconds since 1970. */
const COMPACT_DATE = /^\d{8}$/;

/**
 * An instant as the ISO 8601 UTC date-time Debitura requires (it rejects zone-less values).
 * - Values with a zone, epoch numbers, JS Dates and Luxon DateTimes keep their instant.
 * - A zone-less value with a time of day is read in the workflow's time zone.
 * - A bare calendar date (n8n's date picker yields midnight), also as yyyymmdd, stays that calendar
 *   date, at 00:00 UTC, so an invoice dated 2026-03-01 is dated 2026-03-01 whatever the n8n
 *   server's time zone.
 * - Nothing before EARLIEST_DATE.
 */
export function utcDateTime(value: unknown, label: string, timezone: string): string {
	let parsed: DateTime | undefined;
	if (DateTime.isDateTime(value)) parsed = value;
	else if (value instanceof Date) parsed = DateTime.fromJSDate(value);
	else if (typeof value === 'number' && COMPACT_DATE.test(String(value))) {
		parsed = DateTime.fromFormat(String(value), 'yyyyMMdd', { zone: 'utc' });
	} else if (typeof value === 'number')
		parsed = DateTime.fromMillis(Math.abs(value) < 1e11 ? value * 1000 : value);
	else if (typeof value === 'string' && value.trim()) {
		const text = value.trim();
		const hasZone = HAS_ZONE.test(text);
		const isCalendarDate = /^\d{4}-\d{2}-\d{2}([T ]00:00(:00(\.0+)?)?)?$/.test(text);
		parsed = COMPACT_DATE.test(text)
			? DateTime.fromFormat(text, 'yyyyMMdd', { zone: 'utc' })
			: hasZone
				? DateTime.fromISO(text, { setZone: true })
				: isCalendarDate
					? DateTime.fromISO(text.slice(0, 10), { zone: 'utc' })
					: DateTime.fromISO(text.replace(' ', 'T'), { zone: timezone });
	} else singleValue(value, label);
	if (!parsed?.isValid) {
		throw invalid(label, 'must be a date such as 2026-03-01 or an ISO 8601 date-time', value);
	}
	if (parsed.toMillis() < EARLIEST_MILLIS)
		throw invalid(label, `must be on or after ${EARLIEST_DATE}`, value);
	return parsed.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

/** Removes control characters (C0, DEL, C1; `\p{Cc}`) except those in `keep`. */
const withoutControls = (text: string, keep: string) =>
	text.replace(/\p{Cc}/gu, (character) => (keep.includes(character) ? character : ''));
/** Whitespace and the invisible characters a copied value can carry at its ends (zero-width space, joiners, word joiner, BOM). */
const EDGE_BLANKS = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

export interface TextRule {
	/** At most this many characters (UTF-16 code units, as .NET counts a string's length). */
	maxLength?: number;
	/** Keeps line breaks and tabs; elsewhere they become spaces. */
	multiline?: boolean;
}

/**
 * Free text as it should reach Debitura: one value (not an object or list), control characters
 * removed, line breaks kept only in multi-line fields, invisible characters trimmed from the ends,
 * within its length limit. Undefined when nothing visible is left.
 */
export function cleanText(value: unknown, label: string, rule: TextRule = {}): string | undefined {
	if (value === undefined || value === null) return undefined;
	singleValue(value, label);
	const raw = String(value);
	const text = (
		rule.multiline
			? withoutControls(raw.replace(/\r\n?/g, '\n'), '\n\t')
			: withoutControls(raw.replace(/[\t\r\n]+/g, ' '), '')
	).replace(EDGE_BLANKS, '');
	if (text === '') return undefined;
	if (rule.maxLength !== undefined && text.length > rule.maxLength) {
		throw new InvalidValue(
			`"${label}" can be at most ${rule.maxLength} characters (got ${text.length})`,
		);
	}
	return text;
}

/** A UUID in either case, as text: the form a resource locator's `regex` validation takes. */
export const UUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_PATTERN);

export function isUuid(value: string): boolean {
	return UUID.test(value);
}
