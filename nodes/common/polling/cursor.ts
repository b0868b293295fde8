import { createHash } from 'node:crypto';
import { deepCopy } from 'n8n-workflow';

import type { Feed } from './feed';

/**
 * A polling trigger's memory, kept in the workflow's static data as plain JSON, and the one rule
 * that decides what is new. A feed such as `GET /Payments` has no filter, no sort and no
 * documented order, and an event may become visible with a timestamp older than ones already
 * seen, so the cursor is not "the newest timestamp" alone:
 *
 *   an event is new  ⇔  its time is after `floor`  and its key is not in `seen`.
 *
 * `seen` holds the keys of every event handled (emitted, or deliberately skipped) whose time is
 * after `floor`. The floor only moves when a read completes, and never past what two complete
 * reads guarantee (see `recordPoll` in poll.ts). Anything that could not be read this time stays new for
 * the next poll; nothing is emitted twice.
 */

const STATE_VERSION = 3;

export type ResultOrder = 'newest-first' | 'oldest-first' | 'unsorted' | 'unknown';

/** Evidence about the feed's order, gathered row by row by a full read that began on page 1. */
interface OrderEvidence {
	/** Sort time of the last row read. */
	last?: number;
	/** The other sort time of the last row read. */
	otherLast?: number;
	/** Bits: 1 sort time rose, 2 it fell, 4 the other sort time rose, 8 it fell. */
	steps: number;
}

/** A read that spans several polls: what the next poll continues. */
export interface ReadProgress {
	/** Every page, or an ordered read from the newest / from the tail. */
	mode: 'full' | 'newest-first' | 'oldest-first';
	/** The next page to read. */
	page: number;
	/**
	 * The newest event time known when this read began (after its first poll), or null when none
	 * was. A completed read never lets the floor pass it less the window: pages read in earlier
	 * polls of the read may have changed since.
	 */
	cap: number | null;
	/** The list's length as the last page read reported it: a read under which it shrank is not complete. */
	total?: number;
	/** Full reads from page 1 learn the order. */
	order?: OrderEvidence;
	/** Oldest-first: the last page read that starts at or before the floor. */
	tail?: number;
}

export interface CursorState {
	v: typeof STATE_VERSION;
	/** Which of the feed's events this cursor follows (a trigger's Event parameter). */
	event: string;
	/** Which account the cursor describes: a hash of the base URL and the creditor's ID (nothing of the key). */
	account: string;
	/** Epoch ms, whole seconds. Events at or before it are handled or out of reach. */
	floor: number;
	/** The handled events after the floor, compact (see `encodeSeen`). */
	seen: string;
	/** The newest event time handled, clamped to the poll's clock (plus a tolerance); null: none yet. */
	newest: number | null;
	/** The `cap` of the last complete read; null: none yet. */
	confirmedCap: number | null;
	/** The order the feed was last seen to have, which decides how little a poll may read. */
	order: ResultOrder;
	/** Oldest-first: a page that starts at or before the floor, where the next read may begin. */
	tailPage?: number;
	/** When the last complete full read (which re-checks the order) finished, epoch ms. */
	lastFullScan?: number;
	/** A read in progress, continued next poll. */
	read?: ReadProgress;
	/** Set until the first complete read after activation: what it reads is history, not news. */
	seeding?: true;
}

/** Keys kept at most; past it the floor rises early, shortening the late-arrival window for a burst. */
const MAX_SEEN = 2000;

/**
 * How far ahead of the poll's own clock an event time may move the floor. A timestamp further
 * ahead (clock skew, a data error) is still emitted once, but does not lift the floor with it.
 */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** 48 bits of a hash: a collision among the at most 2 000 keys kept is a one-in-a-hundred-million event. */
const KEY_LENGTH = 8;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const KEY_SHAPE = /^[A-Za-z0-9_-]*$/;

/** The feed's event key, hashed to `KEY_LENGTH` characters. */
export function eventKey<T>(feed: Feed<T>, item: T): string {
	return createHash('sha1').update(feed.key(item)).digest('base64url').slice(0, KEY_LENGTH);
}

/** A short hash of an identity; what the state records instead of the identity itself. */
export function identityHash(identity: string): string {
	return createHash('sha256').update(identity).digest('base64url').slice(0, 12);
}

/**
 * `seen` as one string: per event, its key and then the seconds since the previous event's time
 * (the first: since the floor), as a variable-length number of base64url characters — five bits
 * each, low bits first, characters after the first 32 of the alphabet meaning "more follows".
 * Events a few seconds to an hour apart take 9–11 bytes each, whatever their spacing.
 */
export function encodeSeen(floor: number, entries: Map<string, number>): string {
	const sorted = [...entries].sort((a, b) => a[1] - b[1]);
	let previous = floor;
	let text = '';
	for (const [key, time] of sorted) {
		let delta = Math.round((time - previous) / 1000);
		previous = time;
		text += key;
		while (delta >= 32) {
			text += ALPHABET[32 + (delta % 32)];
			delta = Math.floor(delta / 32);
		}
		text += ALPHABET[delta];
	}
	return text;
}

/** The events of an encoded `seen`: key → time (epoch ms); undefined when the text is not one. */
export function decodeSeen(floor: number, text: string): Map<string, number> | undefined {
	if (!KEY_SHAPE.test(text)) return undefined;
	const entries = new Map<string, number>();
	let time = floor;
	let index = 0;
	while (index < text.length) {
		const key = text.slice(index, index + KEY_LENGTH);
		index += KEY_LENGTH;
		let delta = 0;
		let scale = 1;
		for (;;) {
			if (index >= text.length) return undefined;
			const digit = ALPHABET.indexOf(text[index++]);
			delta += (digit % 32) * scale;
			scale *= 32;
			if (digit < 32) break;
		}
		time += delta * 1000;
		entries.set(key, time);
	}
	return entries;
}

const ORDERS: readonly ResultOrder[] = ['newest-first', 'oldest-first', 'unsorted', 'unknown'];
const MODES: readonly string[] = ['full', 'newest-first', 'oldest-first'];
const isTime = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);
const isTimeOrNull = (value: unknown) => value === null || isTime(value);
const isOptional = (value: unknown, check: (value: unknown) => boolean) =>
	value === undefined || check(value);
const isPage = (value: unknown) => Number.isInteger(value) && (value as number) >= 1;
const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function isProgress(value: unknown): boolean {
	if (!isObject(value)) return false;
	const order = value.order;
	return (
		MODES.includes(value.mode as string) &&
		isPage(value.page) &&
		isTimeOrNull(value.cap) &&
		isOptional(value.total, (total) => Number.isInteger(total) && (total as number) >= 0) &&
		isOptional(value.tail, isPage) &&
		isOptional(
			order,
			(evidence) =>
				isObject(evidence) &&
				Number.isInteger(evidence.steps) &&
				isOptional(evidence.last, isTime) &&
				isOptional(evidence.otherLast, isTime),
		)
	);
}

/**
 * Why `value` is not a cursor this code can use, or undefined when it is one. Anything else —
 * an older version, a hand edit, a value cut short — is unreadable, and the trigger starts afresh.
 * Fields it does not know are no obstacle: `withoutRetiredFields` drops them.
 */
export function unreadableBecause(value: unknown): string | undefined {
	if (!isObject(value)) return 'not an object';
	if (value.v !== STATE_VERSION)
		return `format version ${JSON.stringify(value.v)}, expected ${STATE_VERSION}`;
	const problems: Array<[boolean, string]> = [
		[typeof value.event === 'string', 'event'],
		[typeof value.account === 'string', 'account'],
		[isTime(value.floor) && value.floor % 1000 === 0, 'floor'],
		[
			typeof value.seen === 'string' && decodeSeen(value.floor as number, value.seen) !== undefined,
			'seen',
		],
		[isTimeOrNull(value.newest), 'newest'],
		[isTimeOrNull(value.confirmedCap), 'confirmedCap'],
		[ORDERS.includes(value.order as ResultOrder), 'order'],
		[isOptional(value.tailPage, isPage), 'tailPage'],
		[isOptional(value.lastFullScan, isTime), 'lastFullScan'],
		[isOptional(value.read, isProgress), 'read'],
		[value.seeding === undefined || value.seeding === true, 'seeding'],
	];
	const bad = problems.filter(([ok]) => !ok).map(([, field]) => field);
	return bad.length ? `unexpected ${bad.join(', ')}` : undefined;
}

/**
 * A readable cursor as this code keeps it. Saved state may also hold `credential`, a hash of the
 * base URL and key that nothing reads: it is dropped, never written back.
 */
export function withoutRetiredFields(state: CursorState): CursorState {
	const copy = deepCopy(state) as CursorState & { credential?: unknown };
	delete copy.credential;
	return copy;
}

/**
 * The cursor of a trigger that has just been activated (or whose account changed): it reads
 * everything once, in as many polls as the budget needs, and records it as already handled, so
 * activation never replays history.
 */
export function newCursorState(event: string, account: string): CursorState {
	return {
		v: STATE_VERSION,
		event,
		account,
		floor: 0,
		seen: '',
		newest: null,
		confirmedCap: null,
		order: 'unknown',
		seeding: true,
	};
}

/** A cursor being worked on during one poll: the state, with `seen` decoded. */
export class Cursor {
	private entries: Map<string, number>;

	constructor(readonly state: CursorState) {
		this.entries = decodeSeen(state.floor, state.seen) ?? new Map();
	}

	get floor(): number {
		return this.state.floor;
	}

	isNew(time: number, key: string): boolean {
		return Number.isFinite(time) && time > this.state.floor && !this.entries.has(key);
	}

	/** Records events as handled; times are kept to the second, rounded up, never at or below the floor. */
	markHandled(events: Array<{ time: number; key: string }>): void {
		for (const { time, key } of events) {
			if (!Number.isFinite(time) || time <= this.state.floor || this.entries.has(key)) continue;
			this.entries.set(key, Math.max(this.state.floor + 1000, Math.ceil(time / 1000) * 1000));
		}
	}

	/** Notes the newest event time a poll read, clamped to the poll's clock plus the tolerance. */
	noteNewest(time: number, clock: number): void {
		if (!Number.isFinite(time)) return;
		const clamped = Math.min(time, clock + FUTURE_TOLERANCE_MS);
		if (this.state.newest === null || clamped > this.state.newest) this.state.newest = clamped;
	}

	/** Moves the floor up (to a whole second, rounded down), forgetting the keys it no longer needs. */
	raiseFloor(to: number): void {
		const floor = Math.floor(to / 1000) * 1000;
		if (!Number.isFinite(floor) || floor <= this.state.floor) return;
		this.state.floor = floor;
		for (const [key, time] of this.entries) if (time <= floor) this.entries.delete(key);
	}

	/** Past `MAX_SEEN` keys the floor rises early, to the time that leaves `MAX_SEEN`. */
	bound(): void {
		if (this.entries.size <= MAX_SEEN) return;
		const times = [...this.entries.values()].sort((a, b) => a - b);
		this.raiseFloor(times[times.length - MAX_SEEN - 1]);
	}

	/** The state as plain JSON, ready for the workflow's static data. */
	toJson(): CursorState {
		this.state.seen = encodeSeen(this.state.floor, this.entries);
		return deepCopy(this.state);
	}
}

/**
 * The order a full read showed, from its evidence. Sort times that only ever stay equal say
 * nothing, and a single contrary step means no order at all. An order on the sort time is only
 * trusted when the other sort time is shown *not* to be ordered: otherwise the feed may be sorted
 * by the other one, and an event placed by it (a back-dated payment) would sit where an ordered
 * read never looks.
 */
export function orderFrom(evidence: OrderEvidence, hasOtherSortTime: boolean): ResultOrder {
	const up = (evidence.steps & 1) !== 0;
	const down = (evidence.steps & 2) !== 0;
	const otherUnordered = (evidence.steps & 12) === 12;
	if (up && down) return 'unsorted';
	if (!up && !down) return 'unknown';
	if (hasOtherSortTime && !otherUnordered) return 'unknown';
	return down ? 'newest-first' : 'oldest-first';
}

/** Adds rows' sort times to the order evidence. */
export function gatherOrder(
	evidence: OrderEvidence,
	rows: Array<{ sort: number; other?: number }>,
): void {
	for (const { sort, other } of rows) {
		if (Number.isFinite(sort)) {
			if (evidence.last !== undefined && sort > evidence.last) evidence.steps |= 1;
			if (evidence.last !== undefined && sort < evidence.last) evidence.steps |= 2;
			evidence.last = sort;
		}
		if (other !== undefined && Number.isFinite(other)) {
			if (evidence.otherLast !== undefined && other > evidence.otherLast) evidence.steps |= 4;
			if (evidence.otherLast !== undefined && other < evidence.otherLast) evidence.steps |= 8;
			evidence.otherLast = other;
		}
	}
}
