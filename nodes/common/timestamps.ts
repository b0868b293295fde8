/**
 * Debitura's read endpoints return UTC timestamps without a zone (`2026-06-17T08:30:00`), its write
 * endpoints with `Z`. Everything the nodes compare or output is normalised to ISO 8601 UTC with
 * `Z`, so a zone-less value is never read as the n8n server's local time.
 */

export const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch milliseconds of a Debitura timestamp, reading a zone-less value as UTC; NaN if unparsable. */
export function parseDebituraTime(value: string | null | undefined): number {
	if (!value) return Number.NaN;
	return Date.parse(HAS_ZONE.test(value) ? value : `${value}Z`);
}

/** The same instant as `YYYY-MM-DDTHH:mm:ss.sssZ`, or the input unchanged when it is not a timestamp. */
export function toUtcIso<T extends string | null | undefined>(value: T): T | string {
	const time = parseDebituraTime(value);
	return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** The timestamp fields of cases and payments. */
export const TIMESTAMP_FIELDS: ReadonlySet<string> = new Set([
	'date',
	'dueDate',
	'dateCreated',
	'dateUpdated',
	'dateFinished',
	'dateCollectionStarted',
	'exclusivePeriodEndDate',
]);

/**
 * A copy of a Debitura record with its timestamp fields (`fields`, by default the case's and
 * payment's) normalised to UTC. `deep`: also inside nested objects and lists, for answers that
 * carry records within records (a case's timeline, a quote's items).
 */
export function withUtcTimestamps<T>(
	value: T,
	fields: ReadonlySet<string> = TIMESTAMP_FIELDS,
	deep = false,
): T {
	if (deep && Array.isArray(value))
		return value.map((entry: unknown) => withUtcTimestamps(entry, fields, deep)) as T;
	if (value === null || typeof value !== 'object') return value;
	// A spread copy, then only the fields that change: cheaper than rebuilding the object key by key,
	// which shows on Get Many over thousands of cases.
	const copy = { ...value } as Record<string, unknown>;
	for (const key of Object.keys(copy)) {
		const field = copy[key];
		if (fields.has(key) && typeof field === 'string') copy[key] = toUtcIso(field);
		else if (deep && field !== null && typeof field === 'object')
			copy[key] = withUtcTimestamps(field, fields, deep);
	}
	return copy as T;
}
