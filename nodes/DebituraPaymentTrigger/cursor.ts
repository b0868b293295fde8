import { createHash } from 'node:crypto';

import { parseDebituraTime } from '../shared/timestamps';
import type { Payment } from '../shared/types';

/**
 * The trigger's memory, kept in the workflow's static data, and the one rule that decides what is
 * new. `GET /Payments` has no filter, no sort and no documented order, and a payment may become
 * visible with a timestamp older than ones already seen, so the cursor is not "the newest
 * timestamp" alone:
 *
 *   an event is new  ⇔  its time is after `floor`  and its key is not in `seen`.
 *
 * `seen` holds the keys of every event handled (emitted, or deliberately skipped) whose time is
 * after `floor`. The floor trails the newest handled event by the late-arrival window, and it only
 * moves after a complete, consistent read of everything after it. Anything that could not be read
 * this time stays new for the next poll; nothing is emitted twice.
 */

export type PaymentEvent = 'created' | 'updated';
export type ResultOrder = 'newest-first' | 'oldest-first' | 'unsorted' | 'unknown';

export interface CursorState {
	/** Format version of this object. */
	v: 1;
	event: PaymentEvent;
	/** Epoch ms. Events at or before it are handled or out of reach. */
	floor: number;
	/** Event key hash → seconds after `floor`. */
	seen: Record<string, number>;
	/** The order `GET /Payments` was last seen to have, which decides how little a poll may read. */
	order: ResultOrder;
	/** Oldest-first: the page where events after the floor begin. */
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

export function eventTime(payment: Payment, event: PaymentEvent): number {
	if (event === 'created') return parseDebituraTime(payment.dateCreated);
	// An "update" is an edit after creation; a payment whose dateUpdated equals its creation time was never edited.
	const updated = parseDebituraTime(payment.dateUpdated);
	return updated > parseDebituraTime(payment.dateCreated) ? updated : Number.NaN;
}

/** The identity of one event: the payment for New Payment, the payment at one edit time for Payment Updated. */
export function eventKey(payment: Payment, event: PaymentEvent): string {
	const key = event === 'created' ? payment.id : `${payment.id}@${eventTime(payment, event)}`;
	// 60 bits of a hash: collisions are astronomically unlikely at the sizes kept, and the state stays small.
	return createHash('sha1').update(key).digest('base64url').slice(0, 10);
}

export function isNew(state: CursorState, payment: Payment): boolean {
	const time = eventTime(payment, state.event);
	return Number.isFinite(time) && time > state.floor && !(eventKey(payment, state.event) in state.seen);
}

function seenTime(state: CursorState, offsetSeconds: number): number {
	return state.floor + offsetSeconds * 1000;
}

/** Re-bases `seen` on a higher floor, dropping the keys it no longer needs to remember. */
function raiseFloor(state: CursorState, floor: number): void {
	if (floor <= state.floor) return;
	const seen: Record<string, number> = {};
	for (const [key, offset] of Object.entries(state.seen)) {
		const time = seenTime(state, offset);
		if (time > floor) seen[key] = Math.ceil((time - floor) / 1000);
	}
	state.floor = floor;
	state.seen = seen;
}

export function markHandled(state: CursorState, payments: Payment[]): void {
	for (const payment of payments) {
		const time = eventTime(payment, state.event);
		if (!Number.isFinite(time) || time <= state.floor) continue;
		state.seen[eventKey(payment, state.event)] = Math.ceil((time - state.floor) / 1000);
	}
}

/**
 * After a complete read: the floor may follow the newest handled event, less the window in which
 * a payment may still show up late. Never moves down.
 */
export function advanceFloor(state: CursorState, newestTime: number, lateWindowMs: number): void {
	if (Number.isFinite(newestTime)) raiseFloor(state, newestTime - lateWindowMs);
	const offsets = Object.values(state.seen).sort((a, b) => a - b);
	if (offsets.length > MAX_SEEN) raiseFloor(state, seenTime(state, offsets[offsets.length - MAX_SEEN - 1]));
}

/**
 * The cursor of a trigger that has just been activated: it reads everything once, in as many polls
 * as the budget needs, and records it as already handled, so activation never replays history.
 */
export function newCursor(event: PaymentEvent): CursorState {
	return { v: 1, event, floor: 0, seen: {}, order: 'unknown', seeding: true };
}

export function isCursorState(value: unknown, event: PaymentEvent): value is CursorState {
	const state = value as CursorState | undefined;
	return !!state && state.v === 1 && state.event === event && typeof state.floor === 'number' && typeof state.seen === 'object';
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
