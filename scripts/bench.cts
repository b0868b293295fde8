/**
 * `npm run bench`: what the package costs, printed as tables and written to BENCHMARKS.md.
 * Absolute times drift on a shared machine; the ratios compare paths measured in the same run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(os.tmpdir(), 'n8n-debitura-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import { startSandbox } from '../sandbox/index.cjs';
import { benchCreateCase } from './bench/create-case.cjs';
import { benchPackage } from './bench/package-size.cjs';
import { benchRealN8n } from './bench/real-n8n.cjs';
import { fmt, table } from './bench/stats.cjs';
import { benchTrigger } from './bench/trigger.cjs';

const ROOT = path.resolve(__dirname, '..', '..');
const quick = process.argv.includes('--quick');

async function main() {
	const sandbox = await startSandbox();
	const sections: string[] = [];
	const say = (text: string) => {
		console.log(text);
		sections.push(text);
	};
	try {
		const version = (name: string) => (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
		say(`# Benchmarks\n\nMeasured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, n8n-core ${version('n8n-core')}, against the local sandbox. Medians of several runs; ratios are taken within one run. Regenerate with \`npm run bench\`.\n`);

		const createRows = await benchCreateCase(sandbox, quick ? [1, 100] : [1, 100, 1000], quick ? 3 : 5);
		say('## Create Case throughput (n8n-core, our node) vs a plain fetch loop\n');
		say(
			table(
				['items', 'ours total ms', 'ours per item ms', 'fetch total ms', 'fetch per item ms', 'ours / fetch'],
				createRows.map((row) => [row.items, fmt.ms(row.oursMs), fmt.ms(row.oursMs / row.items), fmt.ms(row.floorMs), fmt.ms(row.floorMs / row.items), fmt.ratio(row.oursMs / row.floorMs)]),
			),
		);

		const realRows = await benchRealN8n(sandbox, quick ? [1, 100] : [1, 100, 1000], quick ? 2 : 3);
		say('\n## Create Case in real n8n 2.8.4: our node vs the HTTP Request node, same requests\n');
		say('Time is the node\'s own execution time in `n8n execute` run data (start-up excluded).\n');
		if (typeof realRows === 'string') say(realRows);
		else
			say(
				table(
					['items', 'ours ms', 'ours per item ms', 'HTTP Request ms', 'HTTP Request per item ms', 'ours / HTTP Request'],
					realRows.map((row) => [row.items, fmt.ms(row.oursMs), fmt.ms(row.oursMs / row.items), fmt.ms(row.httpRequestMs), fmt.ms(row.httpRequestMs / row.items), fmt.ratio(row.oursMs / row.httpRequestMs)]),
				),
			);

		const histories = quick ? [10, 1000] : [10, 1000, 100_000];
		const triggerRows = await benchTrigger(sandbox, histories, ['newest-first', 'oldest-first', 'unsorted']);
		say('\n## Payment Trigger: cost of one poll\n');
		say(
			table(
				['history', 'order', 'poll', 'requests', 'KB received', 'ms', 'emitted', 'static data bytes'],
				triggerRows.map((row) => [fmt.int(row.history), row.order, row.scenario, row.requests, fmt.kb(row.kilobytes * 1024), fmt.ms(row.ms), row.emitted, row.staticDataBytes]),
			),
		);

		say('\n## Targets\n');
		// The target holds per item at every size, so the worst ratio is the one judged.
		const worst =
			typeof realRows === 'string'
				? undefined
				: realRows.reduce((a, b) => (b.oursMs / b.httpRequestMs > a.oursMs / a.httpRequestMs ? b : a));
		const biggest = Math.max(...histories);
		const quietOrdered = triggerRows.filter((row) => row.history === biggest && row.scenario === 'quiet' && row.order !== 'unsorted');
		const stateAtBiggest = Math.max(...triggerRows.filter((row) => row.history === biggest && row.scenario === 'quiet').map((row) => row.staticDataBytes));
		const verdict = (met: boolean, missedBy: string) => (met ? 'met' : `missed by ${missedBy}`);
		say(
			table(
				['target', 'measured', 'verdict'],
				[
					worst && typeof realRows !== 'string'
						? [
								'Create Case per item ≤ 1.1× the HTTP Request node',
								realRows.map((row) => `${fmt.ratio(row.oursMs / row.httpRequestMs)} at ${row.items}`).join(', '),
								verdict(worst.oursMs / worst.httpRequestMs <= 1.1, `${fmt.ratio(worst.oursMs / worst.httpRequestMs / 1.1)} at ${worst.items} item(s)`),
							]
						: ['Create Case per item ≤ 1.1× the HTTP Request node', 'not measured (real n8n not installed)', 'unknown'],
					[`quiet poll on ordered results = 1 request (${fmt.int(biggest)} payments)`, quietOrdered.map((row) => `${row.order}: ${row.requests}`).join(', '), verdict(quietOrdered.every((row) => row.requests === 1), `${Math.max(...quietOrdered.map((row) => row.requests)) - 1} request(s)`)],
					[`static data ≤ 8 KB at ${fmt.int(biggest)} payments (quiet)`, `${stateAtBiggest} bytes`, verdict(stateAtBiggest <= 8192, `${stateAtBiggest - 8192} bytes`)],
				],
			),
		);

		const pkg = benchPackage(quick ? 3 : 5);
		say('\n## Package\n');
		say(
			table(
				['tarball KB', 'unpacked KB', 'files', 'load through PackageDirectoryLoader ms'],
				[[fmt.kb(pkg.tarballBytes), fmt.kb(pkg.unpackedBytes), pkg.files, fmt.ms(pkg.loadMs)]],
			),
		);
	} finally {
		await sandbox.close();
	}
	if (!quick) writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), `${sections.join('\n')}\n`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
