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
}

export interface Feed<T> {
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
