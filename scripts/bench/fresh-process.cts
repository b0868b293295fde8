/**
 * One round of an in-process comparison (our node through n8n-core against a fetch loop) in a
 * fresh Node process with its own sandbox. Two `--twice` runs in one process did not agree: the
 * second ran in a process whose n8n-core code had run for minutes and was further optimised, and
 * it came out faster every time. A fresh process per round makes every round start alike, as each
 * real-n8n round starts a fresh n8n.
 *
 * The parent calls `inFreshProcess`; this same file, started as a script, is the child.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { CreateCasePlan, CreateCaseRow } from './create-case.cjs';
import { floorRepeats } from './floor-fetch.cjs';
import type { GetManyPlan, GetManyRow } from './get-many.cjs';

/** What a child can measure, with its input and result. */
interface Measures {
	createCase: { input: CreateCasePlan[]; result: CreateCaseRow[] };
	getMany: { input: GetManyPlan; result: GetManyRow };
}

interface ChildReport<T> {
	result: T;
	floorRepeats: number;
}

const REPORT_MARK = 'bench-round-report:';

export async function inFreshProcess<K extends keyof Measures>(
	measure: K,
	input: Measures[K]['input'],
): Promise<Measures[K]['result']> {
	const stdout = await new Promise<string>((resolve, reject) => {
		execFile(
			process.execPath,
			[__filename, measure, JSON.stringify(input)],
			{ maxBuffer: 64 * 2 ** 20 },
			(error, out, err) => {
				if (error) reject(new Error(`bench round (${measure}) failed: ${error.message}\n${err}`));
				else resolve(out);
			},
		);
	});
	const line = stdout.split('\n').find((text) => text.startsWith(REPORT_MARK));
	if (!line) throw new Error(`bench round (${measure}) reported nothing:\n${stdout}`);
	const report = JSON.parse(line.slice(REPORT_MARK.length)) as ChildReport<Measures[K]['result']>;
	floorRepeats.count += report.floorRepeats;
	return report.result;
}

async function child(measure: keyof Measures, input: unknown): Promise<void> {
	process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(os.tmpdir(), 'n8n-debitura-bench-'));
	process.env.N8N_LOG_LEVEL ??= 'silent';
	// Loaded only here: n8n-core reads the environment above when it is first imported.
	const { startSandbox } = await import('../../sandbox/index.cjs');
	const sandbox = await startSandbox();
	try {
		let result: unknown;
		if (measure === 'createCase')
			result = await (
				await import('./create-case.cjs')
			).benchCreateCase(sandbox, input as CreateCasePlan[]);
		else
			result = await (await import('./get-many.cjs')).benchGetMany(sandbox, input as GetManyPlan);
		process.stdout.write(
			`\n${REPORT_MARK}${JSON.stringify({ result, floorRepeats: floorRepeats.count })}\n`,
		);
	} finally {
		await sandbox.close();
	}
}

/** A sandbox running in a process of its own, until `stop`. */
export interface SandboxProcess {
	stop(): Promise<void>;
}

/**
 * The sandbox in a fresh Node process (`build/sandbox/cli.cjs`), on a fixed port and key, for one
 * round of real n8n: the credentials and workflows imported once for all rounds hold its URL and
 * key. Not the bench's own sandbox, whose process builds and drops 100 000-case accounts between
 * rounds: every Create request's time includes the sandbox's answer, for both nodes alike, so a
 * sandbox slower in one round would pull that round's ratio towards 1.
 */
export async function sandboxInFreshProcess(port: number, apiKey: string): Promise<SandboxProcess> {
	const child = spawn(
		process.execPath,
		[path.join(__dirname, '..', '..', 'sandbox', 'cli.cjs'), '--port', String(port), '--no-demo'],
		{
			env: { ...process.env, DEBITURA_SANDBOX_API_KEY: apiKey },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code)),
	);
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const read = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('listening on')) resolve();
		};
		child.stdout.on('data', read);
		child.stderr.on('data', read);
		void exited.then((code) =>
			reject(new Error(`the round's sandbox exited (${code}) before it listened:\n${output}`)),
		);
	});
	return {
		stop: async () => {
			child.kill('SIGTERM');
			await exited;
		},
	};
}

if (require.main === module) {
	child(process.argv[2] as keyof Measures, JSON.parse(process.argv[3]) as unknown).catch(
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
}
