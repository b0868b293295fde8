/** The benchmark statistics: what BENCHMARKS.md's medians, ranges, pair order and verdicts mean. */
import {
	agree,
	agreement,
	collectGarbage,
	comparePairs,
	interleave,
	pool,
	quantile,
	roundShare,
	schedule,
	spread,
	verdictAtMost,
} from '../../scripts/bench/stats.cjs';

describe('bench statistics', () => {
	it('takes quartiles by linear interpolation, whatever the input order', () => {
		expect(spread([9, 1, 5, 3, 7])).toEqual({ median: 5, low: 3, high: 7, samples: 5 });
		expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
		expect(quantile([10, 20], 0.25)).toBe(12.5);
	});

	it('alternates sides run by run, and which side starts from pair to pair, warm-up pairs first', () => {
		const order = schedule({ pairs: 2, warmup: 1, runsPerSample: 2 }).map(
			(run) => `${run.pair}${run.side}`,
		);
		expect(order).toEqual([
			'-1a',
			'-1b',
			'-1a',
			'-1b',
			'0b',
			'0a',
			'0b',
			'0a',
			'1a',
			'1b',
			'1a',
			'1b',
		]);
	});

	it('drops warm-up pairs, averages a sample over its runs and takes the ratio within each pair', () => {
		const plan = { pairs: 2, warmup: 1, runsPerSample: 2 };
		const times: Record<string, number> = {
			'-1a': 1000,
			'-1b': 1000,
			'0a': 3,
			'0b': 2,
			'1a': 9,
			'1b': 3,
		};
		// The second run of each side in a sample takes 1 ms longer than the first.
		const runs = schedule(plan).map((run, index) => ({
			...run,
			ms: times[`${run.pair}${run.side}`] + (index % 4 >= 2 ? 1 : 0),
		}));
		const result = comparePairs(plan, runs);
		expect(result.samples.a).toEqual([3.5, 9.5]);
		expect(result.samples.b).toEqual([2.5, 3.5]);
		expect(result.ratio.median).toBeCloseTo((3.5 / 2.5 + 9.5 / 3.5) / 2);
	});

	it("divides a plan's pairs over rounds as evenly as they go, each round keeping the whole warm-up", () => {
		const plan = { items: 100, pairs: 31, warmup: 4, runsPerSample: 1 };
		const shares = [0, 1, 2].map((round) => roundShare(plan, round, 3));
		expect(shares.map((share) => share.pairs)).toEqual([11, 10, 10]);
		expect(
			shares.every(
				(share) => share.warmup === 4 && share.items === 100 && share.runsPerSample === 1,
			),
		).toBe(true);
		expect(roundShare({ pairs: 2, warmup: 1, runsPerSample: 1 }, 2, 3).pairs).toBe(0);
	});

	it('pools rounds pair by pair: the ratio of every pair of every round, not a ratio of round medians', () => {
		const round = (a: number[], b: number[]) =>
			comparePairs({ pairs: a.length, warmup: 0, runsPerSample: 1 }, [
				...a.map((ms, pair) => ({ side: 'a' as const, pair, ms })),
				...b.map((ms, pair) => ({ side: 'b' as const, pair, ms })),
			]);
		const pooled = pool([round([2, 4], [2, 2]), round([3, 6, 9], [3, 3, 3])]);
		expect(pooled.pairs).toBe(5);
		expect(pooled.samples).toEqual({ a: [2, 4, 3, 6, 9], b: [2, 2, 3, 3, 3] });
		// Ratios 1, 2, 1, 2, 3: median 2, quartiles 1 and 2.
		expect(pooled.ratio).toEqual({ median: 2, low: 1, high: 2, samples: 5 });
		expect(pooled.a.median).toBe(4);
	});

	it("widens a pooled range to every process's median: a whole process that ran slow or fast is in the range", () => {
		const round = (ratios: number[]) =>
			comparePairs({ pairs: ratios.length, warmup: 0, runsPerSample: 1 }, [
				...ratios.map((ratio, pair) => ({ side: 'a' as const, pair, ms: ratio * 10 })),
				...ratios.map((_, pair) => ({ side: 'b' as const, pair, ms: 10 })),
			]);
		// Four processes near 1.0 and one whose every pair came out near 1.2: the pooled quartiles (0.99–1.02) leave it out.
		const steady = [0.98, 0.99, 1.0, 1.01, 1.02];
		const pooled = pool([
			round(steady),
			round(steady),
			round(steady),
			round(steady),
			round([1.19, 1.2, 1.21, 1.22, 1.23]),
		]);
		expect(pooled.ratio.median).toBeCloseTo(1.01, 10);
		expect(pooled.ratio.low).toBeCloseTo(0.99, 10);
		expect(pooled.ratio.high).toBeCloseTo(1.21, 10);
		// The times are widened the same way: the slow process's median a was 12.1 ms.
		expect(pooled.a.high).toBeCloseTo(12.1, 10);
		expect(pooled.b).toEqual({ median: 10, low: 10, high: 10, samples: 25 });
	});

	it('runs the sides in the scheduled order, settling the heap before every run', async () => {
		const seen: string[] = [];
		await interleave(
			{ pairs: 2, warmup: 1, runsPerSample: 1 },
			{
				a: async () => (seen.push('a'), 2),
				b: async () => (seen.push('b'), 1),
			},
			() => seen.push('|'),
		);
		expect(seen.join('')).toBe('|a|b|b|a|a|b');
	});

	it('collects garbage without any node flag', async () => {
		const weak = new WeakRef({ payload: new Array(1000).fill('x') });
		// A WeakRef keeps its target alive until the current job ends.
		await new Promise((resolve) => setImmediate(resolve));
		collectGarbage();
		expect(weak.deref()).toBeUndefined();
	});

	it("calls two runs in agreement only when each median lies within the other run's range", () => {
		const run = (median: number, low: number, high: number) => ({ median, low, high, samples: 31 });
		expect(agree(run(1.0, 0.95, 1.05), run(1.03, 0.99, 1.08))).toBe(true);
		// The second median is inside the first range, but the first is outside the second's narrower one.
		expect(agree(run(1.0, 0.9, 1.1), run(1.05, 1.02, 1.08))).toBe(false);
		expect(agree(run(1.0, 0.9, 1.1), run(1.2, 1.15, 1.25))).toBe(false);
		// A range's ends count as within it.
		expect(agree(run(1.0, 0.95, 1.05), run(1.05, 1.0, 1.1))).toBe(true);
	});

	it("matches two runs' figures by label; a figure the second run lacks does not agree", () => {
		const run = (median: number, low: number, high: number) => ({ median, low, high, samples: 15 });
		const result = agreement(
			[
				{ label: '1 item', value: run(3, 2.9, 3.1) },
				{ label: '100 items', value: run(2.7, 2.6, 2.8) },
				{ label: '1000 items', value: run(2.3, 2.2, 2.4) },
			],
			[
				{ label: '100 items', value: run(2.95, 2.9, 3.0) },
				{ label: '1 item', value: run(3.05, 2.95, 3.15) },
			],
		);
		expect(result.map(({ label, agree: agrees }) => [label, agrees])).toEqual([
			['1 item', true],
			['100 items', false],
			['1000 items', false],
		]);
		expect(result[2].second).toBeUndefined();
	});

	it('calls a target met only when the whole range is within it, missed only when the whole range is outside', () => {
		expect(verdictAtMost({ median: 1, low: 0.95, high: 1.05, samples: 7 }, 1.1)).toBe('met');
		expect(verdictAtMost({ median: 1.1, low: 1.05, high: 1.15, samples: 7 }, 1.1)).toBe(
			'undecided',
		);
		expect(verdictAtMost({ median: 1.2, low: 1.11, high: 1.3, samples: 7 }, 1.1)).toBe('missed');
	});
});
