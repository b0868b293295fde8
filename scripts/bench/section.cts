/**
 * What one benchmark contributes to `npm run bench`: its Markdown, and the targets it judges. A new
 * benchmark is a function of one of the two shapes below, added to ROUNDED or ONE_GO in scripts/bench.cts.
 */
import type { Sandbox } from '../../sandbox/index.cjs';
import type { Figure, Verdict } from './stats.cjs';

export interface BenchContext {
	/** One sandbox for the whole run; a benchmark resets it as it needs. */
	sandbox: Sandbox;
	/** `--quick`: fewer sizes and samples, for development; nothing is written to BENCHMARKS.md. */
	quick: boolean;
	/** Lines for the run's header (what was measured with, e.g. "n8n 2.41.1 on Node 24"). */
	note: (line: string) => void;
}

export interface TargetRow {
	target: string;
	measured: string;
	/** 'not measured' when the benchmark could not run here. */
	verdict: Verdict | 'not measured';
}

export interface BenchSection {
	/** Markdown, starting with a `## ` heading. */
	markdown: string;
	targets?: TargetRow[];
	/**
	 * The figures two consecutive runs must agree on (`npm run bench -- --twice`): each comparison's
	 * ratio, labelled so the two runs' figures can be matched.
	 */
	figures?: Figure[];
}

export type Benchmark = (context: BenchContext) => Promise<BenchSection>;

/**
 * A benchmark of A-vs-B comparisons, measured in rounds spread over the whole bench run and then
 * pooled (see `pool` in stats.cts): the runner starts it once, calls `measure` once per round with
 * other benchmarks in between, and then `finish`.
 */
export type RoundedBenchmark = (context: BenchContext, rounds: number) => Promise<Rounds>;

export interface Rounds {
	/** Measures this round's share of every comparison's pairs; says what it measured, for the log. */
	measure: (round: number) => Promise<string>;
	/** The section from every round's pairs; also releases what the rounds needed. */
	finish: () => BenchSection;
}
