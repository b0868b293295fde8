/**
 * Small statistics for benchmarks. Every time or ratio is reported as a median with its
 * interquartile range (pooled over processes, widened to every process's median: see `pool`), and
 * a comparison runs its two sides interleaved (A B, B A, A B, …) so that load from other processes
 * on the machine falls on both sides alike; the ratio is taken per pair.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export function median(values: number[]): number {
	return quantile(values, 0.5);
}

/** The p-quantile with linear interpolation between order statistics (R's type 7, numpy's default). */
export function quantile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const position = (sorted.length - 1) * p;
	const below = Math.floor(position);
	const above = Math.ceil(position);
	return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** A median with the range around it: the middle half of the samples lies in [low, high] (and, pooled, every process's median). */
export interface Spread {
	median: number;
	low: number;
	high: number;
	samples: number;
}

export function spread(values: number[]): Spread {
	return {
		median: median(values),
		low: quantile(values, 0.25),
		high: quantile(values, 0.75),
		samples: values.length,
	};
}

/** A spread scaled, e.g. from a total to a per-item figure. */
export function scale(value: Spread, factor: number): Spread {
	return {
		...value,
		median: value.median * factor,
		low: value.low * factor,
		high: value.high * factor,
	};
}

export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
	const started = process.hrtime.bigint();
	const result = await run();
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

/** How a comparison is sampled: counted pairs, uncounted warm-up pairs, and runs of each side per sample. */
export interface PairPlan {
	pairs: number;
	warmup: number;
	/** Runs of each side whose mean is one sample; more than 1 where a single run is too short to time well. */
	runsPerSample: number;
}

export interface ScheduledRun {
	side: 'a' | 'b';
	/** The pair this run counts towards; negative for warm-up pairs. */
	pair: number;
}

/**
 * The order in which a comparison runs: pair by pair, the two sides alternating run by run, and
 * the side that goes first alternating from pair to pair (a b a b, then b a b a, …), so neither side
 * always meets the machine the other one has just warmed or loaded.
 */
export function schedule(plan: PairPlan): ScheduledRun[] {
	const runs: ScheduledRun[] = [];
	for (let pair = -plan.warmup; pair < plan.pairs; pair++) {
		const order = (pair + plan.warmup) % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
		for (let run = 0; run < plan.runsPerSample; run++)
			for (const side of order) runs.push({ side, pair });
	}
	return runs;
}

/** Both sides of a comparison: their times per run, and the ratio a / b taken within each pair. */
export interface Comparison {
	a: Spread;
	b: Spread;
	ratio: Spread;
	pairs: number;
	/** The raw samples (mean ms per run), pair by pair, for anyone who wants to look closer. */
	samples: { a: number[]; b: number[] };
}

/** Summarises measured runs of a schedule: warm-up pairs dropped, each sample the mean of its runs. */
export function comparePairs(
	plan: PairPlan,
	runs: Array<ScheduledRun & { ms: number }>,
): Comparison {
	const a = Array.from({ length: plan.pairs }, () => 0);
	const b = Array.from({ length: plan.pairs }, () => 0);
	for (const run of runs)
		if (run.pair >= 0) (run.side === 'a' ? a : b)[run.pair] += run.ms / plan.runsPerSample;
	return comparisonOf(a, b);
}

/** Both sides' samples, pair by pair, summarised: each side's spread and the spread of the per-pair ratios. */
function comparisonOf(a: number[], b: number[]): Comparison {
	return {
		a: spread(a),
		b: spread(b),
		ratio: spread(a.map((value, pair) => value / b[pair])),
		pairs: a.length,
		samples: { a, b },
	};
}

/**
 * One round's share of a plan whose pairs are measured in `rounds` rounds spread over the whole
 * benchmark run (see `pool`): the pairs divided as evenly as they go, the first rounds taking the
 * remainder; every round has the full warm-up, because it may run in a fresh process or after
 * other benchmarks have run.
 */
export function roundShare<T extends PairPlan>(plan: T, round: number, rounds: number): T {
	const pairs = Math.floor(plan.pairs / rounds) + (round < plan.pairs % rounds ? 1 : 0);
	return { ...plan, pairs };
}

/**
 * The comparisons of several processes as one: every process's pairs together give the median, and
 * the range is their interquartile range widened, where needed, to reach every process's median.
 * Pairs taken in one stretch of minutes, in one process, share that stretch's load and that
 * process's state. Pooling processes spread over the run brings that drift into the quartiles, but
 * when one process of five comes out whole near 1.2× among others near 1.05×, it is a fifth of the
 * pairs and stays outside the quartiles, and whether a run meets such a process moved its median
 * past the next run's quartile (seen at 1 000 items and in Get Many). A process's median is what a
 * user's own n8n process may see, so the range shows every one of them.
 */
export function pool(parts: Comparison[]): Comparison {
	const pooled = comparisonOf(
		parts.flatMap((part) => part.samples.a),
		parts.flatMap((part) => part.samples.b),
	);
	const widened = (all: Spread, processes: Spread[]): Spread => ({
		...all,
		low: Math.min(all.low, ...processes.map((one) => one.median)),
		high: Math.max(all.high, ...processes.map((one) => one.median)),
	});
	return {
		...pooled,
		a: widened(
			pooled.a,
			parts.map((part) => part.a),
		),
		b: widened(
			pooled.b,
			parts.map((part) => part.b),
		),
		ratio: widened(
			pooled.ratio,
			parts.map((part) => part.ratio),
		),
	};
}

let fullGc: (() => void) | undefined;

/**
 * A full garbage collection. Without one, the side that allocates more leaves garbage whose
 * collection may fall into the other side's timing, and whether it does changes from run to run.
 * `--expose-gc` is switched on here, so the bench needs no node flag.
 */
export function collectGarbage(): void {
	if (!fullGc) {
		v8.setFlagsFromString('--expose-gc');
		fullGc = vm.runInNewContext('gc') as () => void;
	}
	fullGc();
}

/**
 * Runs a comparison in the scheduled order. Each side returns the time (ms) it measured.
 * `beforeRun` (by default a full garbage collection) runs before every run, outside its timing,
 * so every run starts from a clean heap; collections a run triggers itself are in its time.
 */
export async function interleave(
	plan: PairPlan,
	sides: { a: () => Promise<number>; b: () => Promise<number> },
	beforeRun: () => void = collectGarbage,
): Promise<Comparison> {
	const runs: Array<ScheduledRun & { ms: number }> = [];
	for (const run of schedule(plan)) {
		beforeRun();
		runs.push({ ...run, ms: await sides[run.side]() });
	}
	return comparePairs(plan, runs);
}

/**
 * Whether two runs of the same measurement agree: each run's median lies within the other's
 * range. This is the check two consecutive `npm run bench` runs must pass.
 */
export function agree(first: Spread, second: Spread): boolean {
	const within = (value: number, range: Spread) => value >= range.low && value <= range.high;
	return within(first.median, second) && within(second.median, first);
}

/** Repeats one measurement, `warmup` uncounted runs first. */
export async function repeat(options: {
	runs: number;
	warmup: number;
	run: () => Promise<number>;
}): Promise<Spread> {
	const samples: number[] = [];
	for (let run = 0; run < options.warmup + options.runs; run++) {
		const ms = await options.run();
		if (run >= options.warmup) samples.push(ms);
	}
	return spread(samples);
}

/** A labelled figure of one run, e.g. one comparison's ratio. */
export interface Figure {
	label: string;
	value: Spread;
}

/** One figure of two runs side by side; `second` is missing when the second run did not measure it. */
export interface FigureAgreement {
	label: string;
	first: Spread;
	second?: Spread;
	agree: boolean;
}

/** Matches the first run's figures with the second's by label and checks each pair with `agree`. */
export function agreement(first: Figure[], second: Figure[]): FigureAgreement[] {
	const seconds = new Map(second.map((figure) => [figure.label, figure.value]));
	return first.map(({ label, value }) => {
		const other = seconds.get(label);
		return {
			label,
			first: value,
			second: other,
			agree: other !== undefined && agree(value, other),
		};
	});
}

/**
 * A target "value ≤ limit" judged on the spread: met when even its upper end is within it,
 * missed when even its lower end is outside it, undecided when the spread straddles it.
 */
export type Verdict = 'met' | 'missed' | 'undecided';

export function verdictAtMost(value: Spread, limit: number): Verdict {
	if (value.high <= limit) return 'met';
	if (value.low > limit) return 'missed';
	return 'undecided';
}

const number = (value: number) =>
	value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

export const fmt = {
	ms: number,
	kb: (bytes: number) => (bytes / 1024).toFixed(1),
	ratio: (value: number) => `${value.toFixed(2)}×`,
	int: (value: number) => Math.round(value).toLocaleString('en-US'),
	/** "4.37 (4.20–4.51)": median, then the range. */
	spread: (value: Spread, unit: (value: number) => string = number) =>
		`${unit(value.median)} (${unit(value.low)}–${unit(value.high)})`,
	ratioSpread: (value: Spread) =>
		`${value.median.toFixed(3)}× (${value.low.toFixed(3)}–${value.high.toFixed(3)})`,
};

/** A Markdown table, which also reads well in a terminal. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
	const cells = [headers, ...rows.map((row) => row.map(String))];
	const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
	const line = (row: string[]) =>
		`| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [
		line(cells[0]),
		`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
		...cells.slice(1).map(line),
	].join('\n');
}
