/**
 * The store keeps every timestamp as UTC epoch milliseconds. The API shows them in two forms,
 * which is the point of keeping the conversion in one place: write responses carry a `Z`,
 * read endpoints drop the zone (Debitura's reads are naive UTC).
 */

/** `2026-06-17T08:30:00.123Z`, as write responses show it. */
export function toZulu(epochMs: number): string {
	return new Date(epochMs).toISOString();
}

/** `2026-06-17T08:30:00.123`, as read endpoints show it. */
export function toNaive(epochMs: number): string {
	return toZulu(epochMs).slice(0, -1);
}

export type TimestampStyle = 'zulu' | 'naive';

export function formatTimestamp(epochMs: number, style: TimestampStyle): string {
	return style === 'zulu' ? toZulu(epochMs) : toNaive(epochMs);
}

const DATE_TIME_SHAPE =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

export type ParsedDateTime =
	| { ok: true; epochMs: number }
	| { ok: false; reason: 'unparsable' | 'no-zone' };

/**
 * Parses an ISO 8601 date-time that must carry a zone (`Z` or ±hh:mm). Calendar fields are
 * range-checked because `Date` would silently roll 2026-02-30 over into March.
 */
export function parseZonedDateTime(value: string): ParsedDateTime {
	// A bare date has no zone either; say so rather than calling it unparsable.
	if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) && !Number.isNaN(Date.parse(value.trim())))
		return { ok: false, reason: 'no-zone' };
	const match = DATE_TIME_SHAPE.exec(value.trim());
	if (!match) return { ok: false, reason: 'unparsable' };
	const [, year, month, day, hour, minute, second = '0'] = match;
	const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
	const calendarIsValid =
		Number(month) >= 1 &&
		Number(month) <= 12 &&
		Number(day) >= 1 &&
		Number(day) <= daysInMonth &&
		Number(hour) <= 23 &&
		Number(minute) <= 59 &&
		Number(second) <= 59;
	if (!calendarIsValid) return { ok: false, reason: 'unparsable' };
	if (!match[7]) return { ok: false, reason: 'no-zone' };
	const epochMs = Date.parse(value.trim());
	if (Number.isNaN(epochMs)) return { ok: false, reason: 'unparsable' };
	return { ok: true, epochMs };
}

/**
 * Lenient parse for the sandbox's own control inputs: a zone-less value is taken as UTC, the
 * same way the read endpoints mean it. Throws on garbage so a test's typo is loud.
 */
export function parseUtcLenient(value: string): number {
	const trimmed = value.trim();
	const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
	const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
	const epochMs = Date.parse(hasZone || isDateOnly ? trimmed : `${trimmed}Z`);
	if (Number.isNaN(epochMs)) throw new Error(`Not a date-time: ${value}`);
	return epochMs;
}

/** The first millisecond of the UTC day after `epochMs`. */
export function startOfNextUtcDay(epochMs: number): number {
	const date = new Date(epochMs);
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}

export const DAY_MS = 24 * 60 * 60 * 1000;
