import { createHash } from 'node:crypto';

import type { Feed } from './feed';

/**
 * A polling trigger's memory, kept in the workflow's static data, and the one rule that decides
 * what is new. A feed such as `GET /Payments` has no filter, no sort and no documented order, and an
 * event may become visible with a timestamp older than ones already seen, so the cursor is not
 * "the newest timestamp" alone:
 *
 *   an event is new  ⇔  its time is after `floor`  and its key is not in `seen`.
 *
 * `seen` holds the keys of every event handled (emitted, or deliberately skipped) whose time is
 * after `floor`. The floor trails the newest handled event by the late-arrival window, and it only
 * moves after a complete, consistent read of everything after it. Anything that could not be read
 * this time stays new for the next poll; nothing is emitted twice.
 */

export type ResultOrder = 'newest-first' | 'oldest-first' | 'unsorted' | 'unknown';

export interface CursorState {
	/** Format version of this object. */
	v: 2;
	/** Which of the feed's events this cursor follows (a trigger's Event parameter). */
	event: string;
	/** Epoch ms. Events at or before it are handled or out of reach. */
	floor: number;
	/**
	 * The handled events after the floor: seconds after `floor` → the keys of the events at that
	 * second, concatenated (each key is `KEY_LENGTH` characters). Grouping by second keeps the
	 * state near 8 bytes per remembered event.
	 */
	seen: Record<string, string>;
	/** The order `GET /Payments` was last seen to have, which decides how little a poll may read. */
	order: ResultOrder;
	/** Oldest-first: a page that starts at or before the floor, where the next read may begin. */
	tailPage?: number;
	/** Full scans interrupted by the poll budget continue from this page. */
	resumePage?: number;
	/** When the last complete full scan (which re-checks the order) finished, epoch ms. */
	lastFullScan?: number;
	/** Set until the first full read after activation completes: what it reads is history, not news. */
	seeding?: boolean;
}

/** Keys kept at most; past it the floor rises early, shortening the late-arrival window for a burst. */
export const MAX_SEEN = 2000;

/** 48 bits of a hash: a collision among the at most 2 000 keys kept is a one-in-a-hundred-million event. */
const KEY_LENGTH = 8;

/** The feed's event key, hashed to `KEY_LENGTH` characters. */
export function eventKey<T>(feed: Feed<T>, item: T): string {
	return createHash('sha1').update(feed.key(item)).digest('base64url').slice(0, KEY_LENGTH);
}

/** The remembered keys with their event times, decoded from the compact form. */
function seenEntries(state: CursorState): Array<[key: string, time: number]> {
	const entries: Array<[string, number]> = [];
	for (const [offset, keys] of Object.entries(state.seen)) {
		const time = state.floor + Number(offset) * 1000;
		for (let index = 0; index < keys.length; index += KEY_LENGTH) entries.push([keys.slice(index, index + KEY_LENGTH), time]);
	}
	return entries;
}

/** Decoding once per `seen` object keeps a poll over thousands of payments linear. */
const seenIndex = new WeakMap<Record<string, string>, Set<string>>();

function seenKeys(state: CursorState): Set<string> {
	let keys = seenIndex.get(state.seen);
	if (!keys) {
		keys = new Set(seenEntries(state).map(([key]) => key));
		seenIndex.set(state.seen, keys);
	}
	return keys;
}

export function isNew<T>(state: CursorState, feed: Feed<T>, item: T): boolean {
	const time = feed.time(item);
	return Number.isFinite(time) && time > state.floor && !seenKeys(state).has(eventKey(feed, item));
}

function remember(state: CursorState, key: string, time: number): void {
	// Rounded up, so a remembered time is never at or below the floor it is counted from.
	const offset = String(Math.max(1, Math.ceil((time - state.floor) / 1000)));
	state.seen[offset] = (state.seen[offset] ?? '') + key;
	seenKeys(state).add(key);
}

/** Re-bases `seen` on a higher floor, dropping the keys it no longer needs to remember. */
function raiseFloor(state: CursorState, floor: number): void {
	if (floor <= state.floor) return;
	const kept = seenEntries(state).filter(([, time]) => time > floor);
	state.floor = floor;
	state.seen = {};
	for (const [key, time] of kept) remember(state, key, time);
}

export function markHandled<T>(state: CursorState, feed: Feed<T>, items: T[]): void {
	for (const item of items) {
		const time = feed.time(item);
		if (!Number.isFinite(time) || time <= state.floor) continue;
		const key = eventKey(feed, item);
		if (!seenKeys(state).has(key)) remember(state, key, time);
	}
}

/**
 * After a complete read: the floor may follow the newest handled event, less the window in which
 * a payment may still show up late. Never moves down.
 */
export function advanceFloor(state: CursorState, newestTime: number, lateWindowMs: number): void {
	if (Number.isFinite(newestTime)) raiseFloor(state, newestTime - lateWindowMs);
	const times = seenEntries(state).map(([, time]) => time).sort((a, b) => a - b);
	if (times.length > MAX_SEEN) raiseFloor(state, times[times.length - MAX_SEEN - 1]);
}

/**
 * The cursor of a trigger that has just been activated: it reads everything once, in as many polls
 * as the budget needs, and records it as already handled, so activation never replays history.
 */
export function newCursor(event: string): CursorState {
	return { v: 2, event, floor: 0, seen: {}, order: 'unknown', seeding: true };
}

export function isCursorState(value: unknown, event: string): value is CursorState {
	const state = value as CursorState | undefined;
	return !!state && state.v === 2 && state.event === event && typeof state.floor === 'number' && typeof state.seen === 'object';
}

/**
 * The order a full read showed. Timestamps that only ever stay equal say nothing, and a
 * single contrary step means no order at all.
 */
export function detectOrder(times: number[]): ResultOrder {
	let up = false;
	let down = false;
	for (let index = 1; index < times.length; index++) {
		if (times[index] > times[index - 1]) up = true;
		if (times[index] < times[index - 1]) down = true;
	}
	if (up && down) return 'unsorted';
	if (down) return 'newest-first';
	if (up) return 'oldest-first';
	return 'unknown';
}
