import { COUNTRIES, COUNTRY_ALIASES, CURRENCIES, US_STATES } from '../nodes/common/referenceData';

/**
 * The code lists the create-case validation checks against: the same real, complete lists the
 * nodes use (a fake that accepted any three letters would let a node's bad currency through).
 */

export const CURRENCY_CODES: ReadonlySet<string> = new Set(CURRENCIES.map(([code]) => code));

/** ISO 3166-1 alpha-2 code → plain English short name. */
export const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map(COUNTRIES);

/** USPS code → state name, for the 50 states and DC. */
export const US_STATE_NAMES: ReadonlyMap<string, string> = new Map(US_STATES);

const COUNTRY_CODE_BY_NAME: ReadonlyMap<string, string> = new Map([
	...[...COUNTRY_NAMES].map(([code, name]) => [name.toLowerCase(), code] as [string, string]),
	...COUNTRY_ALIASES,
]);

const US_STATE_CODE_BY_NAME: ReadonlyMap<string, string> = new Map(
	[...US_STATE_NAMES].map(([code, name]) => [name.toLowerCase(), code] as [string, string]),
);

export function isCurrencyCode(value: string): boolean {
	return CURRENCY_CODES.has(value.toUpperCase());
}

/** Returns the upper-case alpha-2 code, or undefined when it is not an assigned code. */
export function normaliseCountryCode(value: string): string | undefined {
	const code = value.trim().toUpperCase();
	return COUNTRY_NAMES.has(code) ? code : undefined;
}

/** Matches an English country name (case-insensitively) to its alpha-2 code. */
export function countryCodeFromName(name: string): string | undefined {
	return COUNTRY_CODE_BY_NAME.get(name.trim().toLowerCase());
}

/** Accepts "CA", "US-CA" or "California" (any case) and returns "CA". */
export function normaliseUsState(value: string): string | undefined {
	const trimmed = value.trim();
	const withoutPrefix = /^US-/i.test(trimmed) ? trimmed.slice(3) : trimmed;
	const code = withoutPrefix.toUpperCase();
	if (US_STATE_NAMES.has(code)) return code;
	return US_STATE_CODE_BY_NAME.get(trimmed.toLowerCase());
}
