/**
 * What one benchmark contributes to `npm run bench`: its Markdown, and the targets it judges. A new
 * benchmark is a function of this shape added to the list in scripts/bench.cts.
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
