import {
	decodeSeen,
	encodeSeen,
	newCursorState,
	orderFrom,
	unreadableBecause,
	gatherOrder,
} from '../../nodes/common/polling/cursor';

/** Unit tests of the cursor's pure parts: the compact `seen`, the shape check, the order rule. */
describe('seen, compact', () => {
	const floor = 1_790_000_000_000;

	test('round-trips keys and whole-second times, any spacing, ties included', () => {
		const entries = new Map<string, number>([
			['AAAAAAAA', floor + 1000],
			['BBBBBBBB', floor + 1000],
			['C-C_CCCC', floor + 4000],
			['DDDDDDDD', floor + 3_600_000],
			['EEEEEEEE', floor + 400 * 24 * 3_600_000],
		]);
		expect(decodeSeen(floor, encodeSeen(floor, entries))).toEqual(entries);
	});

	test('9 characters per event 3 s apart, 11 an hour apart', () => {
		const threeSeconds = new Map(
			Array.from({ length: 500 }, (_, index) => [
				`k${String(index).padStart(7, '0')}`,
				floor + (index + 1) * 3000,
			]),
		);
		expect(encodeSeen(floor, threeSeconds).length / 500).toBe(9);
		const hourly = new Map(
			Array.from({ length: 50 }, (_, index) => [
				`k${String(index).padStart(7, '0')}`,
				floor + (index + 1) * 3_600_000,
			]),
		);
		expect(encodeSeen(floor, hourly).length / 50).toBe(11);
	});

	test.each(['AAAAAAA', 'AAAAAAAAg', 'AAAA AAAB', 'AAAAAAAA!'])(
		'%j is not a valid seen',
		(text) => {
			expect(decodeSeen(floor, text)).toBeUndefined();
		},
	);
});

describe('unreadable state', () => {
	const good = newCursorState('created', 'account');

	test('a fresh state is readable', () => {
		expect(unreadableBecause(good)).toBeUndefined();
		expect(unreadableBecause(JSON.parse(JSON.stringify(good)))).toBeUndefined();
	});

	test.each([
		['null', null],
		['an array', []],
		['version 2', { ...good, v: 2 }],
		['seen: null', { ...good, seen: null }],
		['a floor off the second', { ...good, floor: 1500 }],
		['a bad order', { ...good, order: 'sideways' }],
		['a bad read', { ...good, read: { mode: 'full', page: 0, cap: null } }],
		['newest as a string', { ...good, newest: '2026-01-01' }],
	])('%s is unreadable', (_name, value) => {
		expect(unreadableBecause(value)).toEqual(expect.any(String));
	});
});

describe('the order a full read showed', () => {
	const evidence = (rows: Array<[number, number]>) => {
		const gathered = { steps: 0 };
		gatherOrder(
			gathered,
			rows.map(([sort, other]) => ({ sort, other })),
		);
		return gathered;
	};

	test('newest-first by registration, value dates in no order: trusted', () => {
		expect(
			orderFrom(
				evidence([
					[5, 1],
					[4, 3],
					[3, 0],
					[2, 2],
				]),
				true,
			),
		).toBe('newest-first');
	});

	test('value dates in the same order: it may be sorted by them instead, so not trusted', () => {
		expect(
			orderFrom(
				evidence([
					[5, 5],
					[4, 4],
					[3, 3],
				]),
				true,
			),
		).toBe('unknown');
	});

	test('a single contrary step: unsorted', () => {
		expect(
			orderFrom(
				evidence([
					[1, 1],
					[3, 0],
					[2, 5],
				]),
				true,
			),
		).toBe('unsorted');
	});

	test('a feed with no other sort time: the order stands', () => {
		expect(
			orderFrom(
				evidence([
					[1, 0],
					[2, 0],
				]),
				false,
			),
		).toBe('oldest-first');
	});
});
