import { DateTime } from 'luxon';

import { COUNTRIES, COUNTRY_ALIASES, CURRENCIES, US_STATES } from '../../shared/reference-data';

/**
 * Coercion of what n8n hands a node — picker values, expressions over a CRM's fields — into the
 * exact forms Debitura's spec requires. Each function returns the clean value or throws an
 * `InvalidValue` that names the field by its label in the node; the caller adds the item.
 */
export class InvalidValue extends Error {}

const invalid = (label: string, rule: string, value: unknown) =>
	new InvalidValue(`"${label}" ${rule} (got "${String(value ?? '')}")`);

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
	const code = String(value ?? '').trim().toUpperCase();
	if (!CURRENCY_CODES.has(code)) {
		throw invalid(label, 'must be a three-letter ISO 4217 currency code such as EUR, DKK or USD', value);
	}
	return code;
}

/** An ISO 3166-1 alpha-2 code from a code or an English country name. */
export function countryCode(value: unknown, label: string): string {
	const code = COUNTRY_BY_KEY.get(String(value ?? '').trim().toLowerCase());
	if (!code) {
		throw invalid(label, 'must be a two-letter ISO 3166-1 country code such as DK, DE or US, or an English country name', value);
	}
	return code;
}

/** A US state as Debitura's `stateAlpha2` wants it, from "CA", "US-CA" or "California". */
export function usStateCode(value: unknown, label: string): string {
	const code = US_STATE_BY_KEY.get(String(value ?? '').trim().toLowerCase());
	if (!code) {
		throw invalid(label, 'must be a US state such as CA, US-CA or California', value);
	}
	return code;
}

/**
 * A positive amount. Accepts numbers and plain numeric strings ("1500", "1500.50"); refuses
 * strings with thousands separators or decimal commas, whose meaning depends on the locale.
 */
export function positiveAmount(value: unknown, label: string): number {
	const amount = typeof value === 'number' ? value : /^\s*-?\d+(\.\d+)?\s*$/.test(String(value)) ? Number(value) : Number.NaN;
	if (!Number.isFinite(amount) || amount <= 0) {
		throw invalid(label, 'must be a number greater than 0, with a dot as decimal separator', value);
	}
	return Math.round(amount * 100) / 100;
}

/**
 * An instant as the ISO 8601 UTC date-time Debitura requires (it rejects zone-less values).
 * - Values with a zone, epoch numbers, JS Dates and Luxon DateTimes keep their instant.
 * - A zone-less value with a time of day is read in the workflow's time zone.
 * - A bare calendar date (n8n's date picker yields midnight) stays that calendar date, at 00:00 UTC,
 *   so an invoice dated 2026-03-01 is dated 2026-03-01 whatever the n8n server's time zone.
 */
export function utcDateTime(value: unknown, label: string, timezone: string): string {
	let parsed: DateTime | undefined;
	if (DateTime.isDateTime(value)) parsed = value;
	else if (value instanceof Date) parsed = DateTime.fromJSDate(value);
	else if (typeof value === 'number') parsed = DateTime.fromMillis(value < 1e11 ? value * 1000 : value);
	else if (typeof value === 'string' && value.trim()) {
		const text = value.trim();
		const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
		const isCalendarDate = /^\d{4}-\d{2}-\d{2}([T ]00:00(:00(\.0+)?)?)?$/.test(text);
		parsed = hasZone
			? DateTime.fromISO(text, { setZone: true })
			: isCalendarDate
				? DateTime.fromISO(text.slice(0, 10), { zone: 'utc' })
				: DateTime.fromISO(text.replace(' ', 'T'), { zone: timezone });
	}
	if (!parsed?.isValid) {
		throw invalid(label, 'must be a date such as 2026-03-01 or an ISO 8601 date-time', value);
	}
	return parsed.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

export function isUuid(value: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
