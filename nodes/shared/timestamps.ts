/**
 * Debitura's read endpoints return UTC timestamps without a zone (`2026-06-17T08:30:00`), its write
 * endpoints with `Z`. Everything the nodes compare or output is normalised to ISO 8601 UTC with
 * `Z`, so a zone-less value is never read as the n8n server's local time.
 */

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

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

/** A shallow copy of a Debitura object with its known timestamp fields normalised to UTC. */
export function withUtcTimestamps<T extends object>(record: T): T {
	const copy = { ...record } as Record<string, unknown>;
	for (const key of Object.keys(copy)) {
		if (TIMESTAMP_FIELDS.has(key) && typeof copy[key] === 'string') copy[key] = toUtcIso(copy[key] as string);
	}
	return copy as T;
}
