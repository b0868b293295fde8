import { newCursorState } from '../../nodes/common/polling/cursor';
import type { Feed } from '../../nodes/common/polling/feed';
import { readFeed, type Reader } from '../../nodes/common/polling/scan';

/**
 * Unit test of the engine's order check on rows without a sort time (cases never updated, in a
 * list sorted by update time): such a row is passed over, and does not hide a row out of order
 * after it. Rows are [id, sort time]; NaN is a null dateUpdated.
 */
type Row = [string, number];

function reader(pages: Row[][]): Reader<Row> {
	const feed: Feed<Row> = {
		source: { endpoint: 'GET /rows', root: 'rows' },
		readPage: async (page) => ({
			items: pages[page - 1] ?? [],
			last: page >= pages.length,
			totalPages: pages.length,
		}),
		rowId: ([id]) => id,
		time: ([, time]) => time,
		key: ([id]) => id,
		sortTime: ([, time]) => time,
		orderedReads: true,
	};
	const result: Reader<Row> = {
		feed,
		requests: 0,
		outOfBudget: () => false,
		startRead: () => undefined,
		page: async (page) => (result.requests++, await feed.readPage(page)),
	};
	return result;
}

test('a newest-first read that meets a row out of order after a null falls back to a full read', async () => {
	const state = {
		...newCursorState('updated', 'a'),
		order: 'newest-first' as const,
		floor: 1000,
		seeding: undefined,
	};
	const pages: Row[][] = [
		[
			['a', 9000],
			['b', Number.NaN],
		],
		[
			['c', 9500],
			['d', 500],
		],
	];
	const outcome = await readFeed(reader(pages), state, () => true, false);
	expect(outcome.progress.mode).toBe('full');
});

test('nulls first or last do not break an ordered read', async () => {
	const state = {
		...newCursorState('updated', 'a'),
		order: 'newest-first' as const,
		floor: 1000,
		seeding: undefined,
	};
	const nullsFirst: Row[][] = [
		[
			['n1', Number.NaN],
			['n2', Number.NaN],
		],
		[
			['a', 9000],
			['b', 500],
		],
	];
	const outcome = await readFeed(reader(nullsFirst), state, () => true, false);
	expect(outcome.progress.mode).toBe('newest-first');
	expect(outcome.finished).toBe(true);
	expect(outcome.kept.map(([id]) => id)).toEqual(['n1', 'n2', 'a', 'b']);
});
