import { Cursor, eventKey, type CursorState } from './cursor';
import type { Feed } from './feed';
import type { ReadOutcome } from './scan';

interface PollClock {
	/** When the poll began, epoch ms: the clock event times are clamped to. */
	startedAt: number;
	/** How much older than the newest event handled an event may be when it first shows up. */
	lateWindowMs: number;
}

/**
 * Decides what of a poll's read is new and records it, on `cursor` as it is now: called in one
 * synchronous step after the read, so should another poll of the same trigger have finished
 * meanwhile, what it handled is not handled again. Returns the new events, and whether the
 * cursor was seeding (then they are history, not news, and nothing is emitted).
 *
 * The floor rises only when a read completes, and then only to the smaller of two caps, less the
 * late-arrival window: the cap of this read (the newest event known after its first poll) and
 * the cap of the previous complete read. So an event falls under the floor only after
 *   - every page of a read that began after the event was known newer than it by the window
 *     (pages read in earlier polls of the read may have changed since: that is what the cap is for), and
 *   - two complete reads, each of which would have found it had it been there when they began
 *     (a row skipped by one read, because rows shifted under it, is found by the other).
 * A read under which the list shrank is not complete at all (`readFeed`).
 */
export function recordPoll<T>(
	cursor: Cursor,
	feed: Feed<T>,
	outcome: ReadOutcome<T>,
	clock: PollClock,
): { fresh: T[]; seeding: boolean } {
	const state: CursorState = cursor.state;
	const seeding = state.seeding === true;
	const events = (items: T[]) =>
		items.map((item) => ({ item, time: feed.time(item), key: eventKey(feed, item) }));
	const fresh = events(outcome.kept).filter(({ time, key }) => cursor.isNew(time, key));
	cursor.markHandled(fresh);
	cursor.noteNewest(outcome.newestRead, clock.startedAt);

	const progress = { ...outcome.progress };
	// With no event known yet, a feed whose ordered reads stop at the floor takes the read's start
	// as the cap: otherwise the floor could never rise, and in an account without one event of the
	// trigger's kind (no case closed yet) every quiet poll would read the whole list. An event that
	// first shows up more than the window older than the moment two complete reads began is then as
	// late as one that much older than a handled event. A feed read whole every time (Payment
	// Updated) gains nothing from a floor, so it keeps reporting such events.
	if (outcome.startedThisPoll)
		progress.cap = state.newest ?? (feed.orderedReads ? clock.startedAt : null);
	if (outcome.finished) {
		if (!seeding && state.confirmedCap !== null && progress.cap !== null) {
			cursor.raiseFloor(Math.min(state.confirmedCap, progress.cap) - clock.lateWindowMs);
		}
		if (progress.cap !== null && (state.confirmedCap === null || progress.cap > state.confirmedCap))
			state.confirmedCap = progress.cap;
		if (outcome.learned !== undefined) {
			state.order = outcome.learned;
			state.lastFullScan = clock.startedAt;
		}
		// Where the next oldest-first read may begin: the tail an ordered read found, or the last page
		// of a full read (an ordered read steps back from there while that page starts after the floor).
		if (progress.mode === 'oldest-first' && progress.tail !== undefined)
			state.tailPage = progress.tail;
		if (progress.mode === 'full') state.tailPage = Math.max(1, progress.page - 1);
		delete state.read;
		delete state.seeding;
	} else if (outcome.broken) {
		delete state.read;
	} else {
		state.read = progress;
	}
	// While seeding nothing is emitted, so the floor may follow what was read even before the read completes.
	if (seeding && state.newest !== null) cursor.raiseFloor(state.newest - clock.lateWindowMs);
	cursor.bound();
	return { fresh: fresh.map(({ item }) => item), seeding };
}
