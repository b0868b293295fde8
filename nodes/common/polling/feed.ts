import type { IPollFunctions } from 'n8n-workflow';

import { nodeError } from '../errors';
import { checkListPage, type ListSource } from '../listPage';

/**
 * What the polling engine needs to know about one paged list of events (payments, cases, …):
 * how to read a page, and what an event's time and identity are. The engine (`cursor.ts`,
 * `scan.ts`) knows nothing else about the feed it follows.
 */
export interface FeedPage<T> {
	items: T[];
	/** Whether this is the last page. */
	last: boolean;
	/** How many rows the whole list holds now, when the feed says: a read under which it shrank skipped rows. */
	total?: number;
	/** How many pages the list has, as this page reports. */
	totalPages: number;
	/** Rows left out because they are malformed, each described; the poll passes over them with a warning. */
	problems?: string[];
}

export interface Feed<T> {
	/** The endpoint and the answer's field of records, for sentences about them. */
	source: ListSource;
	/** One page of the list, 1-based. */
	readPage(page: number): Promise<FeedPage<T>>;
	/** The row's identity in the list: a row seen twice in one read (pages shifted) counts once. */
	rowId(item: T): string;
	/** When the event happened, epoch ms; NaN when the row is no event (yet). */
	time(item: T): number;
	/** The event's identity: the same event always has the same key, another event another. */
	key(item: T): string;
	/** The time the list may be sorted by, which ordered reads compare with the floor. */
	sortTime(item: T): number;
	/**
	 * Another time the list might be sorted by instead. An order on `sortTime` is trusted only
	 * once a full read shows this one unordered.
	 */
	otherSortTime?(item: T): number;
	/**
	 * Whether an ordered read may stop early: only when no event's time is after its row's sort
	 * time (the event's time is its sort time, or the row sorts by a later change of the same record).
	 */
	orderedReads: boolean;
}

/** What a poll that stopped on a misbehaving list says about it. */
export const FEED_HELP =
	'Nothing was reported and the trigger kept its place: once Debitura answers normally, the next poll reports what happened meanwhile, each event once. If it repeats, contact Debitura support (contact@debitura.com) with the endpoint and page named here.';

/**
 * A list answer as a feed page. A page that is not a list page fails the poll in words (the cursor
 * stays where it was); a malformed row is left out and described, so one bad row never stops the
 * trigger. `pageSize`: what was asked for; a shorter page is the last.
 */
export function toFeedPage<T>(
	context: IPollFunctions,
	body: unknown,
	source: ListSource,
	page: number,
	pageSize: number,
): FeedPage<T> {
	const checked = checkListPage<T>(body, source, page);
	if (typeof checked === 'string') throw nodeError(context, checked, FEED_HELP);
	return {
		items: checked.rows,
		last: checked.count < pageSize || page >= checked.totalPages,
		total: checked.totalResults,
		totalPages: checked.totalPages,
		problems: checked.problems.map((problem) => problem.message),
	};
}
