/**
 * Small statistics for benchmarks. Every time or ratio is reported as a median with its
 * interquartile range, and a comparison runs its two sides interleaved (A B, B A, A B, …) so that
 * load from other processes on the machine falls on both sides alike; the ratio is taken per pair.
 */
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

/** A median with the interquartile range around it: the middle half of the samples lies in [low, high]. */
export interface Spread {
	median: number;
	low: number;
	high: number;
	samples: number;
}

export function spread(values: number[]): Spread {
	return { median: median(values), low: quantile(values, 0.25), high: quantile(values, 0.75), samples: values.length };
}

/** A spread scaled, e.g. from a total to a per-item figure. */
export function scale(value: Spread, factor: number): Spread {
	return { ...value, median: value.median * factor, low: value.low * factor, high: value.high * factor };
}

export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
	const started = process.hrtime.bigint();
	const result = await run();
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

/**
 * Which side runs first in each pair: A B, B A, A B, … Alternating keeps either side from always
 * meeting the machine the other one has just warmed (or loaded). Warm-up pairs come first and are
 * not counted.
 */
export function pairOrder(pairs: number): Array<['a', 'b'] | ['b', 'a']> {
	return Array.from({ length: pairs }, (_, pair) => (pair % 2 === 0 ? ['a', 'b'] : ['b', 'a']));
}

/** Both sides of a comparison: their times, and the ratio a / b taken within each pair. */
export interface Comparison {
	a: Spread;
	b: Spread;
	ratio: Spread;
	pairs: number;
	/** The raw samples, pair by pair, for anyone who wants to look closer. */
	samples: { a: number[]; b: number[] };
}

export function compare(a: number[], b: number[]): Comparison {
	if (a.length !== b.length) throw new Error(`unpaired samples: ${a.length} vs ${b.length}`);
	return { a: spread(a), b: spread(b), ratio: spread(a.map((value, pair) => value / b[pair])), pairs: a.length, samples: { a, b } };
}

/**
 * Runs two measurements interleaved, `warmup` uncounted pairs first. Each side returns the time
 * (ms) it measured — wall time, or a figure read from n8n's run data.
 */
export async function interleave(options: { pairs: number; warmup: number; a: () => Promise<number>; b: () => Promise<number> }): Promise<Comparison> {
	const a: number[] = [];
	const b: number[] = [];
	for (const [pair, order] of pairOrder(options.warmup + options.pairs).entries()) {
		const measured = { a: 0, b: 0 };
		for (const side of order) measured[side] = await options[side]();
		if (pair < options.warmup) continue;
		a.push(measured.a);
		b.push(measured.b);
	}
	return compare(a, b);
}

/** Repeats one measurement, `warmup` uncounted runs first. */
export async function repeat(options: { runs: number; warmup: number; run: () => Promise<number> }): Promise<Spread> {
	const samples: number[] = [];
	for (let run = 0; run < options.warmup + options.runs; run++) {
		const ms = await options.run();
		if (run >= options.warmup) samples.push(ms);
	}
	return spread(samples);
}

/**
 * A target "value ≤ limit" judged on the spread: met when even the upper quartile is within it,
 * missed when even the lower quartile is outside it, undecided when the spread straddles it.
 */
export type Verdict = 'met' | 'missed' | 'undecided';

export function verdictAtMost(value: Spread, limit: number): Verdict {
	if (value.high <= limit) return 'met';
	if (value.low > limit) return 'missed';
	return 'undecided';
}

const number = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));

export const fmt = {
	ms: number,
	kb: (bytes: number) => (bytes / 1024).toFixed(1),
	ratio: (value: number) => `${value.toFixed(2)}×`,
	int: (value: number) => Math.round(value).toLocaleString('en-US'),
	/** "4.37 (4.20–4.51)": median, then the interquartile range. */
	spread: (value: Spread, unit: (value: number) => string = number) => `${unit(value.median)} (${unit(value.low)}–${unit(value.high)})`,
	ratioSpread: (value: Spread) => `${value.median.toFixed(3)}× (${value.low.toFixed(3)}–${value.high.toFixed(3)})`,
};

/** A Markdown table, which also reads well in a terminal. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
	const cells = [headers, ...rows.map((row) => row.map(String))];
	const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
	const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [line(cells[0]), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}
