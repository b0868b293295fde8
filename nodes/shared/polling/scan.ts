import type { IPollFunctions } from 'n8n-workflow';

import { detectOrder, type CursorState, type ResultOrder } from './cursor';
import type { Feed, FeedPage } from './feed';

/**
 * Reading a feed as cheaply as its (undocumented) order allows:
 *
 * - newest-first: from page 1 until a page reaches the floor; everything after it is older.
 * - oldest-first: from the page where the last poll found the tail (stepping back while that page
 *   already starts after the floor), then to the end.
 * - otherwise: every page, continuing next poll where the poll budget cut a read short.
 *
 * An ordered read that meets a row out of order starts over as a full scan in the same poll.
 * Every row read is offered to the caller's `keep`; only the rows it keeps are held in memory; a row seen twice because pages
 * shifted under a running read is kept once.
 */

export interface ScanResult<T> {
	/** The kept rows, unique by row id. */
	kept: T[];
	/** Whether everything the cursor needs was read (a full cycle, or an ordered read down to the floor). */
	complete: boolean;
	mode: 'ordered' | 'full';
	/** A full scan from page 1 that finished in one poll: the order it showed. */
	observedOrder?: ResultOrder;
	/** A full scan cut short by the budget: where to continue. */
	resumePage?: number;
	/** Oldest-first: the last page read that starts at or before the floor. */
	tailPage?: number;
}

export interface Reader<T> {
	page(page: number): Promise<FeedPage<T>>;
	outOfBudget(): boolean;
	requests: number;
	feed: Feed<T>;
}

/** A feed's pages, counted, and a clock that says when this poll's budget is spent. */
export function createReader<T>(context: IPollFunctions, feed: Feed<T>, startedAt: number): Reader<T> {
	// Newer n8n abandons a poll that runs past its budget; stop paging with room to spare. Older
	// versions have no budget, and a poll there may take as long as it needs.
	const budgetMs =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() * 0.8 : Number.POSITIVE_INFINITY;
	const reader: Reader<T> = {
		feed,
		requests: 0,
		outOfBudget: () => Date.now() - startedAt > budgetMs,
		async page(page: number) {
			reader.requests++;
			return await feed.readPage(page);
		},
	};
	return reader;
}

class Collector<T> {
	private readonly byId = new Map<string, T>();

	constructor(
		private readonly feed: Feed<T>,
		private readonly keep: (item: T) => boolean,
	) {}

	add(items: T[]) {
		for (const item of items) {
			const id = item ? this.feed.rowId(item) : '';
			if (id && !this.byId.has(id) && this.keep(item)) this.byId.set(id, item);
		}
	}

	result(fields: Omit<ScanResult<T>, 'kept'>): ScanResult<T> {
		return { kept: [...this.byId.values()], ...fields };
	}
}

/** Whether `times` keep to `order` (ties allowed), continuing from `previous`. */
function keepsOrder(times: number[], order: 'newest-first' | 'oldest-first', previous: number | undefined): boolean {
	let last = previous;
	for (const time of times) {
		if (last !== undefined && (order === 'newest-first' ? time > last : time < last)) return false;
		last = time;
	}
	return true;
}

export async function fullScan<T>(reader: Reader<T>, keep: (item: T) => boolean, startPage = 1): Promise<ScanResult<T>> {
	const collector = new Collector(reader.feed, keep);
	const created = (item: T) => reader.feed.sortTime(item);
	const times: number[] = [];
	for (let page = startPage; ; page++) {
		const result = await reader.page(page);
		collector.add(result.items);
		if (startPage === 1) times.push(...result.items.map(created));
		if (result.last) {
			return collector.result({
				complete: true,
				mode: 'full',
				observedOrder: startPage === 1 ? detectOrder(times) : undefined,
			});
		}
		if (reader.outOfBudget()) return collector.result({ complete: false, mode: 'full', resumePage: page + 1 });
	}
}

async function newestFirstScan<T>(reader: Reader<T>, keep: (item: T) => boolean, floor: number): Promise<ScanResult<T> | undefined> {
	const collector = new Collector(reader.feed, keep);
	const created = (item: T) => reader.feed.sortTime(item);
	let previous: number | undefined;
	for (let page = 1; ; page++) {
		const result = await reader.page(page);
		const times = result.items.map(created);
		if (!keepsOrder(times, 'newest-first', previous)) return undefined;
		collector.add(result.items);
		previous = times[times.length - 1] ?? previous;
		if (result.last || times.some((time) => time <= floor)) return collector.result({ complete: true, mode: 'ordered' });
		if (reader.outOfBudget()) return collector.result({ complete: false, mode: 'ordered' });
	}
}

async function oldestFirstScan<T>(
	reader: Reader<T>,
	keep: (item: T) => boolean,
	floor: number,
	tailPage: number,
): Promise<ScanResult<T> | undefined> {
	const collector = new Collector(reader.feed, keep);
	const created = (item: T) => reader.feed.sortTime(item);
	// Pages read once per poll, even when stepping back passes over them again.
	const pages = new Map<number, FeedPage<T>>();
	const read = async (page: number) => {
		if (!pages.has(page)) pages.set(page, await reader.page(page));
		return pages.get(page) as FeedPage<T>;
	};
	// Start at a page that begins at or before the floor: every page before it is older still.
	// Deleted payments can shift the tail to earlier pages, so step back until that holds.
	let page = Math.max(1, tailPage);
	let step = 1;
	let result = await read(page);
	while (page > 1 && (result.items.length === 0 || created(result.items[0]) > floor)) {
		page = Math.max(1, page - step);
		step *= 2;
		result = await read(page);
	}
	let previous: number | undefined;
	let newTail = page;
	for (;;) {
		const times = result.items.map(created);
		if (!keepsOrder(times, 'oldest-first', previous)) return undefined;
		collector.add(result.items);
		previous = times[times.length - 1] ?? previous;
		if (times.length && times[0] <= floor) newTail = page;
		if (result.last) return collector.result({ complete: true, mode: 'ordered', tailPage: newTail });
		if (reader.outOfBudget()) return collector.result({ complete: false, mode: 'ordered', tailPage: newTail });
		page++;
		result = await read(page);
	}
}

 /**
 * Reads what this poll needs. `forceFullScan`: a feed without ordered reads (an edit can hide
 * anywhere in the list) always reads everything, and a daily full scan re-checks the order that
 * ordered reads rely on.
 */
export async function scan<T>(
	reader: Reader<T>,
	state: CursorState,
	keep: (item: T) => boolean,
	forceFullScan: boolean,
): Promise<ScanResult<T>> {
	if (!forceFullScan && reader.feed.orderedReads && !state.resumePage && (state.order === 'newest-first' || state.order === 'oldest-first')) {
		const ordered =
			state.order === 'newest-first'
				? await newestFirstScan(reader, keep, state.floor)
				: await oldestFirstScan(reader, keep, state.floor, state.tailPage ?? 1);
		// A read that broke the order it assumed proves nothing about what it skipped: read everything.
		return ordered ?? (await fullScan(reader, keep, 1));
	}
	return await fullScan(reader, keep, state.resumePage ?? 1);
}
