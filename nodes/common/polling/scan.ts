import type { IPollFunctions } from 'n8n-workflow';

import { nodeError } from '../errors';
import { ListRead } from '../listPage';
import {
	gatherOrder,
	orderFrom,
	type CursorState,
	type ReadProgress,
	type ResultOrder,
} from './cursor';
import { FEED_HELP, type Feed, type FeedPage } from './feed';

/**
 * Reading a feed as cheaply as its (undocumented) order allows:
 *
 * - newest-first: from page 1 until a page reaches the floor; everything after it is older.
 * - oldest-first: from the page where the last read found the tail (stepping back while that page
 *   already starts after the floor), then to the end.
 * - otherwise: every page.
 *
 * Any read may span several polls: where the poll budget cuts it short, the next poll continues
 * it (`ReadProgress`, kept in the cursor) rather than starting over. An ordered read that meets a
 * row out of order starts over as a full read in the same poll. A read under which the list
 * shrank (a deletion shifts rows back onto pages already read, so one row is never seen) does not
 * count as complete, and the next poll starts a new one. Every row read is offered to the
 * caller's `keep`; only the rows it keeps are held in memory; a row seen twice because pages
 * shifted under a running read is kept once.
 */

export interface Reader<T> {
	feed: Feed<T>;
	/** A page of the current read; a read that cannot end (see listPage.ts) fails the poll in words. */
	page(page: number): Promise<FeedPage<T>>;
	/** Begins a read: what earlier pages brought no longer counts against the next. */
	startRead(): void;
	outOfBudget(): boolean;
	requests: number;
}

/** A feed's pages, counted, and a clock that says when this poll's budget is spent. */
export function createReader<T>(
	context: IPollFunctions,
	feed: Feed<T>,
	startedAt: number,
): Reader<T> {
	// Newer n8n abandons a poll that runs past its budget; stop paging with room to spare. Older
	// versions have no budget, and a poll there may take as long as it needs.
	const budgetMs =
		typeof context.getPollBudgetMs === 'function'
			? context.getPollBudgetMs() * 0.8
			: Number.POSITIVE_INFINITY;
	const node = context.getNode();
	let read = new ListRead(feed.source);
	const stop = (message: string) => nodeError(context, message, FEED_HELP);
	const reader: Reader<T> = {
		feed,
		requests: 0,
		outOfBudget: () => Date.now() - startedAt > budgetMs,
		startRead: () => {
			read = new ListRead(feed.source);
		},
		async page(page: number) {
			const tooFar = read.before(page);
			if (tooFar) throw stop(tooFar);
			reader.requests++;
			const result = await feed.readPage(page);
			// A malformed row is passed over, not emitted and not marked handled: once Debitura sends
			// it whole, it is an event like any other (while its time is above the floor).
			for (const problem of result.problems ?? []) {
				context.logger.warn(
					`"${node.name}": ${problem}; passed over until Debitura sends it whole`,
					{
						workflowId: context.getWorkflow().id,
						node: node.name,
					},
				);
			}
			const repeated = read.after(page, result.items.map(feed.rowId), result.totalPages);
			if (repeated) throw stop(repeated);
			return result;
		},
	};
	return reader;
}

export interface ReadOutcome<T> {
	/** The kept rows, unique by row id. */
	kept: T[];
	/** The newest event time among all rows read this poll (NaN: none). */
	newestRead: number;
	/** The read this poll worked on, advanced to where the next poll would continue it. */
	progress: ReadProgress;
	/** Whether that read began in this poll (its cap is then what this poll leaves as newest). */
	startedThisPoll: boolean;
	/** Whether it read everything the cursor needs: to the end, or (ordered) down to the floor. */
	finished: boolean;
	/** Whether the list shrank under it: then it is not complete, and the next poll starts anew. */
	broken: boolean;
	/** A full read from page 1 that finished: the order it showed. */
	learned?: ResultOrder;
}

class Collector<T> {
	private readonly byId = new Map<string, T>();

	newest = Number.NaN;

	constructor(
		private readonly feed: Feed<T>,
		private readonly keep: (item: T) => boolean,
	) {}

	add(items: T[]) {
		for (const item of items) {
			const id = item ? this.feed.rowId(item) : '';
			if (!id) continue;
			const time = this.feed.time(item);
			if (time > this.newest || (Number.isNaN(this.newest) && Number.isFinite(time)))
				this.newest = time;
			if (!this.byId.has(id) && this.keep(item)) this.byId.set(id, item);
		}
	}

	get kept(): T[] {
		return [...this.byId.values()];
	}
}

/**
 * Whether `times` keep to `order` (ties allowed), continuing from `previous`. A row without a
 * sort time (a case never updated, in a list sorted by its update time) says nothing about the
 * order: where such rows sort is undocumented, so they are passed over.
 */
function keepsOrder(
	times: number[],
	order: 'newest-first' | 'oldest-first',
	previous: number | undefined,
): boolean {
	let last = previous;
	for (const time of times) {
		if (!Number.isFinite(time)) continue;
		if (last !== undefined && (order === 'newest-first' ? time > last : time < last)) return false;
		last = time;
	}
	return true;
}

/** The last sort time of a page that has one, else `previous`. */
function lastTime(times: number[], previous: number | undefined): number | undefined {
	for (let index = times.length - 1; index >= 0; index--)
		if (Number.isFinite(times[index])) return times[index];
	return previous;
}

function newProgress(mode: ReadProgress['mode'], page = 1): ReadProgress {
	return mode === 'full'
		? { mode, page, cap: null, order: { steps: 0 } }
		: { mode, page, cap: null };
}

/**
 * Reads what this poll needs: it continues the read in progress, or begins one. `forceFull`:
 * a full read is due (activation, or the daily re-check of the order ordered reads rely on).
 */
export async function readFeed<T>(
	reader: Reader<T>,
	state: CursorState,
	keep: (item: T) => boolean,
	forceFull: boolean,
): Promise<ReadOutcome<T>> {
	const { feed } = reader;
	reader.startRead();
	const collector = new Collector(feed, keep);
	const sortTime = (item: T) => feed.sortTime(item);
	let progress: ReadProgress;
	let startedThisPoll = false;
	if (state.read) {
		progress = { ...state.read, order: state.read.order && { ...state.read.order } };
	} else {
		startedThisPoll = true;
		const ordered =
			!forceFull &&
			feed.orderedReads &&
			(state.order === 'newest-first' || state.order === 'oldest-first');
		progress = ordered
			? newProgress(
					state.order as 'newest-first',
					state.order === 'oldest-first' ? Math.max(1, state.tailPage ?? 1) : 1,
				)
			: newProgress('full');
	}
	let broken = false;

	const outcome = (finished: boolean, learned?: ResultOrder): ReadOutcome<T> => ({
		kept: collector.kept,
		newestRead: collector.newest,
		progress,
		startedThisPoll,
		finished: finished && !broken,
		broken,
		learned: finished && !broken ? learned : undefined,
	});

	/** Takes a page's rows in, and notes whether the list shrank since the previous page of this read. */
	const take = (result: FeedPage<T>) => {
		collector.add(result.items);
		if (result.total !== undefined) {
			if (progress.total !== undefined && result.total < progress.total) broken = true;
			progress.total = result.total;
		}
	};

	const fullRead = async (): Promise<ReadOutcome<T>> => {
		for (let page = progress.page; ; page++) {
			const result = await reader.page(page);
			take(result);
			if (progress.order) {
				gatherOrder(
					progress.order,
					result.items.map((item) => ({ sort: sortTime(item), other: feed.otherSortTime?.(item) })),
				);
			}
			progress.page = page + 1;
			if (result.last)
				return outcome(
					true,
					progress.order ? orderFrom(progress.order, !!feed.otherSortTime) : undefined,
				);
			if (reader.outOfBudget()) return outcome(false);
		}
	};

	/** A read that broke the order it assumed proves nothing about what it skipped: read everything, from page 1. */
	const startFullRead = async () => {
		progress = newProgress('full');
		startedThisPoll = true;
		broken = false;
		reader.startRead();
		return await fullRead();
	};

	if (progress.mode === 'full') return await fullRead();

	if (progress.mode === 'newest-first') {
		let previous: number | undefined;
		for (let page = progress.page; ; page++) {
			const result = await reader.page(page);
			const times = result.items.map(sortTime);
			if (!keepsOrder(times, 'newest-first', previous)) return await startFullRead();
			take(result);
			previous = lastTime(times, previous);
			progress.page = page + 1;
			if (result.last || times.some((time) => time <= state.floor)) return outcome(true);
			if (reader.outOfBudget()) return outcome(false);
		}
	}

	// Oldest-first. Pages are read once per poll, even when stepping back passes over them again.
	const pages = new Map<number, FeedPage<T>>();
	const read = async (page: number) => {
		if (!pages.has(page)) pages.set(page, await reader.page(page));
		return pages.get(page) as FeedPage<T>;
	};
	let page = progress.page;
	let result = await read(page);
	if (startedThisPoll) {
		// Start at a page that begins at or before the floor: every page before it is older still.
		// Deleted rows can shift the tail to earlier pages, so step back until that holds.
		let step = 1;
		while (page > 1 && (result.items.length === 0 || sortTime(result.items[0]) > state.floor)) {
			page = Math.max(1, page - step);
			step *= 2;
			result = await read(page);
		}
		progress.tail = page;
	}
	let previous: number | undefined;
	for (;;) {
		const times = result.items.map(sortTime);
		if (!keepsOrder(times, 'oldest-first', previous)) return await startFullRead();
		take(result);
		previous = lastTime(times, previous);
		if (times.length && times[0] <= state.floor) progress.tail = page;
		progress.page = page + 1;
		if (result.last) return outcome(true);
		if (reader.outOfBudget()) return outcome(false);
		page++;
		result = await read(page);
	}
}

/** Every page from the first, as far as the poll budget allows, without a cursor (Fetch Test Event). */
export async function readAll<T>(reader: Reader<T>, keep: (item: T) => boolean): Promise<T[]> {
	const collector = new Collector(reader.feed, keep);
	reader.startRead();
	for (let page = 1; ; page++) {
		const result = await reader.page(page);
		collector.add(result.items);
		if (result.last || reader.outOfBudget()) return collector.kept;
	}
}
