/**
 * `npm run bench`: what the package costs, printed as tables and written to BENCHMARKS.md
 * (`--quick`: fewer sizes and samples, printed only). Each benchmark is one entry in BENCHMARKS
 * below; see scripts/bench/section.cts for the shape a new one takes.
 * `--twice` runs everything twice in a row and adds whether the two runs agree on every ratio
 * (BENCHMARKS.md is written from the first); `--only=caseTrigger,packageCost` runs only those
 * benchmarks and writes nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(os.tmpdir(), 'n8n-debitura-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import { startSandbox } from '../sandbox/index.cjs';
import { benchCaseTrigger, type CaseTriggerCell } from './bench/case-trigger.cjs';
import { benchCreateCase } from './bench/create-case.cjs';
import { floorRepeats } from './bench/floor-fetch.cjs';
import { benchGetMany } from './bench/get-many.cjs';
import { benchPackage } from './bench/package-size.cjs';
import { benchRealN8n, realN8nApp } from './bench/real-n8n.cjs';
import type { BenchContext, BenchSection, Benchmark, TargetRow } from './bench/section.cjs';
import { agreement, fmt, scale, table, verdictAtMost, type Comparison, type Verdict } from './bench/stats.cjs';
import { benchTrigger } from './bench/trigger.cjs';
import { benchWebhook, formatWebhookBench } from './bench/webhook.cjs';

const ROOT = path.resolve(__dirname, '..', '..');

const version = (folder: string, name: string) =>
	(JSON.parse(readFileSync(path.join(folder, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** Columns for one A-vs-B comparison: both sides' medians (total and per item) and the per-pair ratio. */
function comparisonCells(items: number, comparison: Comparison): string[] {
	return [
		fmt.spread(comparison.a),
		fmt.spread(scale(comparison.a, 1 / items)),
		fmt.spread(comparison.b),
		fmt.spread(scale(comparison.b, 1 / items)),
		fmt.ratioSpread(comparison.ratio),
		String(comparison.pairs),
	];
}

/** A target that must hold at every size: met only if met at each, missed if missed at any. */
function everySize(verdicts: Verdict[]): Verdict {
	if (verdicts.includes('missed')) return 'missed';
	return verdicts.every((verdict) => verdict === 'met') ? 'met' : 'undecided';
}

const createCaseFloor: Benchmark = async ({ sandbox, quick }) => {
	// One run per sample: hrtime times even a 2 ms run precisely, and many single-run pairs give both
	// a median that repeats from run to run and a range that shows what one execution varies.
	const rows = await benchCreateCase(
		sandbox,
		quick
			? [
					{ items: 1, pairs: 21, warmup: 5, runsPerSample: 1 },
					{ items: 100, pairs: 9, warmup: 2, runsPerSample: 1 },
				]
			: [
					{ items: 1, pairs: 81, warmup: 20, runsPerSample: 1 },
					{ items: 100, pairs: 31, warmup: 4, runsPerSample: 1 },
					{ items: 1000, pairs: 25, warmup: 2, runsPerSample: 1 },
				],
	);
	return {
		markdown: [
			'## Create Case through n8n-core (our node) vs a plain fetch loop\n',
			'Wall time of one workflow run (our node) and of the same requests sent by `fetch` with no n8n at all (the floor). A full garbage collection precedes every run, outside its timing. Where one run is short, a sample can be the mean of several runs of each side (column "runs"); times are per run.\n',
			table(
				['items', 'runs', 'ours ms', 'ours per item ms', 'fetch ms', 'fetch per item ms', 'ours / fetch', 'pairs'],
				rows.map((row) => [row.items, row.runsPerSample, ...comparisonCells(row.items, row.comparison)]),
			),
		].join('\n'),
		figures: rows.map((row) => ({ label: `Create Case, ${row.items} items: n8n-core / fetch`, value: row.comparison.ratio })),
	};
};

const createCaseRealN8n: Benchmark = async ({ sandbox, quick, note }) => {
	const app = realN8nApp(process.argv);
	const rows = await benchRealN8n(
		sandbox,
		app,
		quick
			? [
					{ items: 1, pairs: 9, warmup: 2, runsPerSample: 4 },
					{ items: 100, pairs: 7, warmup: 1, runsPerSample: 1 },
				]
			: [
					// One execution of one item is ~20 ms of which a few are noise from the shared machine:
					// a sample is the mean of 10, so the spread shows the nodes, not the neighbours.
					{ items: 1, pairs: 31, warmup: 4, runsPerSample: 10 },
					{ items: 100, pairs: 9, warmup: 1, runsPerSample: 1 },
					// 7 pairs gave a quartile range too unsteady for two runs to agree on (0.517–0.601 vs 0.532–0.724).
					{ items: 1000, pairs: 11, warmup: 1, runsPerSample: 1 },
				],
	);
	const heading = `## Create Case in real ${app.label}: our node vs the HTTP Request node, same requests\n`;
	const targets = (limit: number, issue: string): TargetRow =>
		typeof rows === 'string'
			? { target: `Create Case ≤ ${limit.toFixed(1)}× the HTTP Request node at every size (${issue})`, measured: 'not measured: real n8n not installed', verdict: 'not measured' }
			: {
					target: `Create Case ≤ ${limit.toFixed(1)}× the HTTP Request node at every size (${issue})`,
					measured: rows.map((row) => `${row.items}: ${fmt.ratioSpread(row.comparison.ratio)} ${verdictAtMost(row.comparison.ratio, limit)}`).join('; '),
					verdict: everySize(rows.map((row) => verdictAtMost(row.comparison.ratio, limit))),
				};
	if (typeof rows === 'string') return { markdown: `${heading}\n${rows}`, targets: [targets(1.1, 'issue 6'), targets(1.0, 'issue 11')] };
	note(`real n8n: ${app.label} (n8n-nodes-base ${version(app.folder, 'n8n-nodes-base')})`);
	return {
		markdown: [
			heading,
			'All executions of one size run in one `n8n execute-batch` process, ours and the HTTP Request node alternating, after uncounted warm-up pairs. ' +
				"The time is the node's own `executionTime` from the run data: n8n's start-up and the other nodes are not in it, and every node runs warm, as in a long-running n8n. " +
				'(One `n8n execute` per sample, as this benchmark used to do, timed each node\'s first execution in a fresh process, which includes loading its modules and running unoptimised code, and is not what a running n8n pays per execution.) ' +
				'Run data counts whole milliseconds, and one short execution is easily disturbed, so a sample can be the mean of several executions of each side (column "runs"); times are per execution.\n',
			table(
				['items', 'runs', 'ours ms', 'ours per item ms', 'HTTP Request ms', 'HTTP Request per item ms', 'ours / HTTP Request', 'pairs'],
				rows.map((row) => [row.items, row.runsPerSample, ...comparisonCells(row.items, row.comparison)]),
			),
		].join('\n'),
		targets: [targets(1.1, 'issue 6'), targets(1.0, 'issue 11')],
		figures: rows.map((row) => ({ label: `Create Case, ${row.items} items: real n8n, ours / HTTP Request`, value: row.comparison.ratio })),
	};
};

const GET_MANY_LIMIT = 1.2;

/** Case → Get Many, Return All, against a fetch loop over the same pages (issue 11). */
const caseGetMany: Benchmark = async ({ sandbox, quick }) => {
	const row = await benchGetMany(sandbox, quick ? { cases: 2000, pairs: 5, warmup: 1, runsPerSample: 1 } : { cases: 10_000, pairs: 15, warmup: 2, runsPerSample: 1 });
	const expectedRequests = Math.ceil(row.cases / 100);
	const verdict = verdictAtMost(row.comparison.ratio, GET_MANY_LIMIT);
	return {
		markdown: [
			'## Case → Get Many, Return All, through n8n-core (our node) vs a plain fetch loop\n',
			`Wall time of reading all ${fmt.int(row.cases)} cases: our node with Return All (n8n's declarative pagination, Simplify off) and a \`fetch\` loop reading the same pages one after the other (Page 1, 2, … at PageSize 100 until the last page) with no n8n at all. A full garbage collection precedes every run, outside its timing.\n`,
			table(
				['cases', 'requests (ours / fetch)', 'ours ms', 'ours per case ms', 'fetch ms', 'fetch per case ms', 'ours / fetch', 'pairs'],
				[[fmt.int(row.cases), `${row.requests.ours} / ${row.requests.fetch}`, ...comparisonCells(row.cases, row.comparison)]],
			),
		].join('\n'),
		targets: [
			{
				target: `Case → Get Many, Return All over ${fmt.int(row.cases)} cases: exactly ${expectedRequests} requests (issue 11)`,
				measured: `${row.requests.ours}`,
				verdict: row.requests.ours === expectedRequests ? 'met' : 'missed',
			},
			{
				target: `Case → Get Many, Return All over ${fmt.int(row.cases)} cases ≤ ${GET_MANY_LIMIT.toFixed(1)}× a fetch loop (issue 11)`,
				measured: `${fmt.ratioSpread(row.comparison.ratio)}`,
				verdict,
			},
		],
		figures: [{ label: `Get Many, ${fmt.int(row.cases)} cases: n8n-core / fetch`, value: row.comparison.ratio }],
	};
};

const paymentTrigger: Benchmark = async ({ sandbox, quick }) => {
	const histories = quick ? [10, 1000] : [10, 1000, 100_000];
	const rows = await benchTrigger(sandbox, histories, ['newest-first', 'oldest-first', 'unsorted']);
	const biggest = Math.max(...histories);
	const quietOrdered = rows.filter((row) => row.history === biggest && row.scenario === 'quiet' && row.order !== 'unsorted');
	const stateAtBiggest = Math.max(...rows.filter((row) => row.history === biggest && row.scenario === 'quiet').map((row) => row.staticDataBytes));
	const samples = rows[0]?.ms.samples ?? 0;
	return {
		markdown: [
			'## Payment Trigger: cost of one poll\n',
			`Requests, KB and emitted items are counts (the median over the cell's ${samples} polls; state size the largest), exact and without spread. ms is the wall time of one poll, median (IQR) of the same ${samples} polls; the two activation polls before them are the warm-up.\n`,
			table(
				['history', 'order', 'poll', 'requests', 'KB received', 'ms', 'emitted', 'static data bytes'],
				rows.map((row) => [fmt.int(row.history), row.order, row.scenario, row.requests, fmt.kb(row.kilobytes * 1024), fmt.spread(row.ms), row.emitted, row.staticDataBytes]),
			),
		].join('\n'),
		targets: [
			{
				target: `quiet poll on ordered results = 1 request (${fmt.int(biggest)} payments)`,
				measured: quietOrdered.map((row) => `${row.order}: ${row.requests}`).join(', '),
				verdict: quietOrdered.every((row) => row.requests === 1) ? 'met' : 'missed',
			},
			{ target: `static data ≤ 8 KB at ${fmt.int(biggest)} payments (quiet)`, measured: `${stateAtBiggest} bytes`, verdict: stateAtBiggest <= 8192 ? 'met' : 'missed' },
		],
	};
};

const caseTrigger: Benchmark = async ({ sandbox, quick }) => {
	// Sort ignored means every poll reads every page; at 100 000 cases that is 1 000 requests per
	// poll, known without measuring and minutes per cell, so the largest account is measured with
	// Sort honoured only.
	const largest: CaseTriggerCell = { history: 100_000, sorts: ['honoured'] };
	const cells: CaseTriggerCell[] = [
		{ history: 10, sorts: ['honoured', 'ignored'] },
		{ history: 1000, sorts: ['honoured', 'ignored'] },
		...(quick ? [] : [largest]),
	];
	const rows = await benchCaseTrigger(sandbox, cells);
	const biggest = Math.max(...cells.map((cell) => cell.history));
	const quietSorted = rows.filter((row) => row.history === biggest && row.scenario === 'quiet' && row.sort === 'honoured');
	const stateAtBiggest = Math.max(...rows.filter((row) => row.history === biggest && row.scenario === 'quiet').map((row) => row.staticDataBytes));
	const samples = rows[0]?.ms.samples ?? 0;
	return {
		markdown: [
			'## Case Trigger: cost of one poll\n',
			`Per event, with \`Sort\` honoured (ordered reads) and ignored (the sandbox serves oldest first: every poll reads the whole list, ⌈cases ÷ 100⌉ requests; at 100 000 cases that is 1 000 requests a poll, so that size is measured with Sort honoured only). Requests, KB and emitted items are counts (the median over the cell's ${samples} polls; state size the largest), exact and without spread. ms is the wall time of one poll, median (IQR) of the same ${samples} polls; the two activation polls before them are the warm-up.\n`,
			table(
				['cases', 'event', 'Sort', 'poll', 'requests', 'KB received', 'ms', 'emitted', 'static data bytes'],
				rows.map((row) => [fmt.int(row.history), row.event, row.sort, row.scenario, row.requests, fmt.kb(row.kilobytes * 1024), fmt.spread(row.ms), row.emitted, row.staticDataBytes]),
			),
		].join('\n'),
		targets: [
			{
				target: `Case Trigger: quiet poll with Sort honoured = 1 request (${fmt.int(biggest)} cases)`,
				measured: quietSorted.map((row) => `${row.event}: ${row.requests}`).join(', '),
				verdict: quietSorted.every((row) => row.requests === 1) ? 'met' : 'missed',
			},
			{ target: `Case Trigger: static data ≤ 8 KB at ${fmt.int(biggest)} cases (quiet)`, measured: `${stateAtBiggest} bytes`, verdict: stateAtBiggest <= 8192 ? 'met' : 'missed' },
		],
	};
};

const packageCost: Benchmark = async ({ quick }) => {
	const pkg = await benchPackage(quick ? 3 : 7);
	return {
		markdown: [
			'## Package\n',
			`Load time: one cold \`PackageDirectoryLoader\` load per child process, median (IQR) of ${pkg.loadMs.samples} after an uncounted one.\n`,
			table(['tarball KB', 'unpacked KB', 'files', 'load through PackageDirectoryLoader ms'], [[fmt.kb(pkg.tarballBytes), fmt.kb(pkg.unpackedBytes), pkg.files, fmt.spread(pkg.loadMs)]]),
		].join('\n'),
	};
};

/** The benchmarks, in the order they run and appear. */
/** The Debitura Trigger in real n8n: delivery to execution, one at a time and all at once (its own sandbox). */
const webhookTrigger: Benchmark = async ({ quick }) => {
	const result = await benchWebhook(undefined, quick ? 20 : 100);
	return {
		markdown: [
			'## Debitura Trigger (webhook): delivery to execution in real n8n\n',
			'From the sandbox sending a signed delivery to the workflow\'s last node reaching a local collector, one delivery at a time; then the same number sent at once (Debitura waits 10 s for an answer and retries what was not answered).\n',
			formatWebhookBench(result),
		].join('\n'),
	};
};

const BENCHMARKS: Benchmark[] = [createCaseFloor, createCaseRealN8n, caseGetMany, paymentTrigger, caseTrigger, webhookTrigger, packageCost];

const load = () => os.loadavg().map((value) => value.toFixed(1)).join(' / ');

/** `--only=a,b`: the benchmarks named (their names in BENCHMARKS), in list order; all without it. */
function selectedBenchmarks(argv: string[]): Benchmark[] {
	const only = argv.find((arg) => arg.startsWith('--only='));
	if (!only) return BENCHMARKS;
	const names = only.slice('--only='.length).split(',').filter((name) => name !== '');
	const unknown = names.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
	if (unknown.length > 0) throw new Error(`Unknown benchmark ${unknown.join(', ')}; there are ${BENCHMARKS.map((benchmark) => benchmark.name).join(', ')}`);
	return BENCHMARKS.filter((benchmark) => names.includes(benchmark.name));
}

async function runBenchmarks(benchmarks: Benchmark[], context: BenchContext, round: string): Promise<BenchSection[]> {
	const sections: BenchSection[] = [];
	for (const benchmark of benchmarks) {
		const sectionStarted = Date.now();
		const section = await benchmark(context);
		console.log(`${section.markdown}\n\n(${round}${benchmark.name}: ${((Date.now() - sectionStarted) / 1000).toFixed(0)} s, load ${load()})\n`);
		sections.push(section);
	}
	return sections;
}

/** Whether the second run's ratios agree with the first's, figure by figure. */
function agreementSection(first: BenchSection[], second: BenchSection[]): string {
	const figures = (sections: BenchSection[]) => sections.flatMap((section) => section.figures ?? []);
	const compared = agreement(figures(first), figures(second));
	const rows = compared.map((figure) => [
		figure.label,
		fmt.ratioSpread(figure.first),
		figure.second ? fmt.ratioSpread(figure.second) : 'not measured',
		figure.agree ? 'yes' : '**no**',
	]);
	const agreeing = compared.filter((figure) => figure.agree).length;
	return [
		'## Agreement between two consecutive runs\n',
		'Every benchmark ran twice in a row; the tables above are from the first run. Two runs agree on a ratio when each run\'s median lies within the other run\'s interquartile range. ' +
			`${agreeing} of ${rows.length} ratios agree.\n`,
		table(['ratio', 'first run', 'second run', 'agree'], rows),
	].join('\n');
}

async function main() {
	const quick = process.argv.includes('--quick');
	const twice = process.argv.includes('--twice');
	const benchmarks = selectedBenchmarks(process.argv);
	const complete = benchmarks.length === BENCHMARKS.length;
	const started = Date.now();
	const loadAtStart = load();
	const notes: string[] = [];
	let sections: BenchSection[];
	let agreement: string | undefined;
	const sandbox = await startSandbox();
	try {
		const context: BenchContext = { sandbox, quick, note: (line) => notes.push(line) };
		sections = await runBenchmarks(benchmarks, context, twice ? 'first run, ' : '');
		if (twice) {
			const loadBetween = load();
			const second = await runBenchmarks(benchmarks, { ...context, note: () => undefined }, 'second run, ');
			agreement = `${agreementSection(sections, second)}\n\nLoad average (1 / 5 / 15 min) ${loadBetween} when the second run started.`;
			console.log(agreement);
		}
	} finally {
		await sandbox.close();
	}
	if (floorRepeats.count > 0) notes.push(`${floorRepeats.count} floor request(s) sent again after a failed connection (their time counted)`);
	const targets = sections.flatMap((section) => section.targets ?? []);
	const minutes = ((Date.now() - started) / 60_000).toFixed(1);
	const header = [
		'# Benchmarks\n',
		`Measured ${new Date(started).toISOString().slice(0, 16).replace('T', ' ')} UTC in ${minutes} min${twice ? ' (both runs)' : ''} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
			`Node ${process.version}, n8n-core ${version(ROOT, 'n8n-core')}, ${notes.join(', ')}, against the local sandbox. ` +
			`Load average (1 / 5 / 15 min) ${loadAtStart} at the start, ${load()} at the end: the machine is shared, which is why comparisons are interleaved. ` +
			`Regenerate on a quiet machine with \`npm run bench -- --twice\` (one command: every benchmark twice, this file from the first run, the agreement of the two at the end).\n`,
		'**How to read the figures.** Every time and ratio is the median with, in brackets, the interquartile range (the middle half of the samples). ' +
			'Each comparison runs its two sides alternately (A B, B A, A B, …) after uncounted warm-up pairs, so load from other processes falls on both; the ratio is taken within each pair, then summarised. ' +
			'A target is **met** when the upper quartile is within it, **missed** when the lower quartile is outside it, and **undecided** when the range straddles it.\n',
	].join('\n');
	const targetsSection = ['## Targets\n', table(['target', 'measured', 'verdict'], targets.map((row) => [row.target, row.measured, `**${row.verdict}**`]))].join('\n');
	console.log(targetsSection);
	const document = [header, ...sections.map((section) => section.markdown), targetsSection, ...(agreement ? [agreement] : [])].join('\n\n');
	if (!quick && complete) writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), `${document}\n`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
