/**
 * Create Case in the real n8n application, two ways, with the same requests: our Debitura node,
 * and what users do today — n8n's HTTP Request node with a header credential and a JSON body built
 * by expressions. Each workflow is Manual Trigger → Code (N invoices) → the node.
 *
 * All executions of one part run in ONE n8n process (`n8n execute-batch`), size after size, each
 * size in an interleaved order (ours, HTTP, HTTP, ours, …), and the figure is the node's own
 * execution time from the run data. The bench divides the pairs into parts, measures them in rounds
 * spread over its whole run (a few parts a round), each part in a fresh n8n against a fresh sandbox
 * process, and pools them.
 * One `n8n execute` per sample would pay n8n's start-up (seconds) each time and run every node cold
 * (lazy module loading, first connection, unoptimised code): that first-execution cost, not the
 * node's work, would be most of such a figure and most of its noise. A long-running n8n
 * runs a node warm, so warm executions are what is measured, after uncounted warm-up pairs.
 * Run data holds whole milliseconds, so where one execution takes only a few, a sample adds up
 * several executions of each side.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { N8N_ON_NODE20, N8N_ON_NODE24, isInstalled, type N8nApp } from '../n8n/apps.cjs';
import { importCredentials, importWorkflows, n8nCommand } from '../n8n/cli.cjs';
import { installPackageInto } from '../n8n/community-package.cjs';
import type { N8nInstance } from '../n8n/instance.cjs';
import { anyFreePorts } from '../n8n/ports.cjs';
import { SANDBOX_CREDENTIAL, sandboxCredentialData } from '../n8n/sandbox-credential.cjs';
import { BENCH_CREATE_CASE_PARAMETERS } from './create-case.cjs';
import { sandboxInFreshProcess } from './fresh-process.cjs';
import { comparePairs, schedule, type Comparison, type PairPlan } from './stats.cjs';

/**
 * The n8n the comparison runs in: by default the current release, whose n8n-core is the one the
 * package builds and tests against; `--n8n=2.8.4` picks the older one on Node 20.
 */
export function realN8nApp(argv: string[]): N8nApp {
	return argv.includes('--n8n=2.8.4') ? N8N_ON_NODE20 : N8N_ON_NODE24;
}

export interface RealN8nPlan extends PairPlan {
	items: number;
}

export interface RealN8nRow extends RealN8nPlan {
	/** a = our node, b = the HTTP Request node; per execution (the mean of a sample's executions). */
	comparison: Comparison;
}

const HEADER_CREDENTIAL = {
	id: 'benchHeaderAuth01',
	name: 'Debitura key as header',
	type: 'httpHeaderAuth',
};

/** N invoices, unique per execution so no case is an idempotent replay of an earlier run. */
const invoicesCode = (count: number) =>
	`return Array.from({ length: ${count} }, (_, i) => ({ json: { customer: 'Customer ' + i, amount: 100 + i, invoice: 'E' + $execution.id + '-' + i } }));`;

function workflow(id: string, count: number, subject: Record<string, unknown>) {
	const node = (
		name: string,
		type: string,
		typeVersion: number,
		x: number,
		parameters: Record<string, unknown>,
		extra = {},
	) => ({
		id: `${id}-${name.replace(/\W/g, '')}`,
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	});
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
			node('Invoices', 'n8n-nodes-base.code', 2, 200, { jsCode: invoicesCode(count) }),
			subject,
		],
		connections: {
			Start: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
		},
	};
}

const ourNode = {
	id: 'create-ours',
	name: 'Create',
	type: 'n8n-nodes-debitura.debitura',
	typeVersion: 1,
	position: [400, 0],
	credentials: { debituraApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name } },
	parameters: BENCH_CREATE_CASE_PARAMETERS,
};

const httpRequestNode = (sandboxUrl: string) => ({
	id: 'create-http',
	name: 'Create',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position: [400, 0],
	credentials: { httpHeaderAuth: { id: HEADER_CREDENTIAL.id, name: HEADER_CREDENTIAL.name } },
	parameters: {
		method: 'POST',
		url: `${sandboxUrl}/cases`,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendHeaders: true,
		headerParameters: {
			parameters: [{ name: 'Idempotency-Key', value: '={{ "n8n-" + $json.invoice }}' }],
		},
		sendBody: true,
		specifyBody: 'json',
		jsonBody:
			'={{ JSON.stringify({ isTest: true, currencyCode: "DKK", amountToRecover: $json.amount, date: "2026-09-01T00:00:00Z", creditorReference: $json.invoice, debtor: { type: "Company", name: $json.customer, countryAlpha2: "DK", address: "Vesterbrogade 12", city: "København V" } }) }}',
		options: {},
	},
});

interface BatchSnapshot {
	startedAt: string;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{ startTime: number; executionTime: number; data?: { main?: unknown[][] } }>
			>;
			error?: unknown;
		};
	};
}

/** The Create node's execution time in one execution's run data, after checking it created every case. */
function nodeTime(
	snapshot: BatchSnapshot,
	items: number,
	id: string,
): { startTime: number; ms: number } {
	const task = snapshot.data.resultData.runData.Create?.[0];
	const created = task?.data?.main?.[0]?.length ?? 0;
	if (!task || created !== items)
		throw new Error(
			`${id}: Create put out ${created} of ${items} items: ${JSON.stringify(snapshot.data.resultData.error ?? {})}`,
		);
	return { startTime: task.startTime, ms: task.executionTime };
}

/**
 * The executions of one size in one part, in running order, named so that their ids sort the way
 * execute-batch will run them: part, then size (in the plans' order), then position.
 */
function executions(plan: RealN8nPlan, part: number, size: number) {
	return schedule(plan).map((run, position) => ({
		...run,
		id: `bench${String(part).padStart(2, '0')}s${size}x${String(position).padStart(5, '0')}${run.side}`,
	}));
}

/** An n8n user folder with the package, both credentials and every part's workflows imported. */
export interface RealN8nBench {
	/** Measures one part: one `n8n execute-batch` process for all sizes, so every part starts a fresh n8n. */
	part: (part: number) => Promise<RealN8nRow[]>;
	close: () => void;
}

/**
 * Sets up real n8n once for all parts (installing and importing take longer than a part's
 * executions at small sizes); `plans[part]` are that part's shares. A string says why it cannot run.
 */
export async function prepareRealN8n(
	app: N8nApp,
	plans: RealN8nPlan[][],
): Promise<RealN8nBench | string> {
	if (!isInstalled(app)) return `skipped: ${app.label} is not installed (see e2e/README.md)`;
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-debitura-bench-app-'));
	const close = () => rmSync(userFolder, { recursive: true, force: true });
	try {
		await installPackageInto(userFolder);
		const [port, brokerPort, sandboxPort] = await anyFreePorts(3);
		const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
		const apiKey = `bench-${randomBytes(8).toString('hex')}`;
		const instance: N8nInstance = {
			app,
			userFolder,
			port,
			brokerPort,
			encryptionKey: randomBytes(16).toString('hex'),
			logLevel: 'warn',
		};
		const credentialsFile = path.join(userFolder, 'credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify([
				{ ...SANDBOX_CREDENTIAL, data: sandboxCredentialData(sandboxUrl, apiKey) },
				{ ...HEADER_CREDENTIAL, data: { name: 'XApiKey', value: apiKey } },
			]),
		);
		await importCredentials(instance, credentialsFile);

		const schedules = plans.map((partPlans, part) =>
			partPlans.map((plan, size) => executions(plan, part, size)),
		);
		const workflowsDir = mkdtempSync(path.join(userFolder, 'workflows-'));
		for (const [part, partPlans] of plans.entries()) {
			for (const [index, plan] of partPlans.entries()) {
				for (const run of schedules[part][index]) {
					const subject = run.side === 'a' ? ourNode : httpRequestNode(sandboxUrl);
					writeFileSync(
						path.join(workflowsDir, `${run.id}.json`),
						JSON.stringify(workflow(run.id, plan.items, subject)),
					);
				}
			}
		}
		await importWorkflows(instance, workflowsDir, true);

		const part = async (partIndex: number): Promise<RealN8nRow[]> => {
			const runs = schedules[partIndex].flat();
			const snapshots = mkdtempSync(path.join(userFolder, 'snapshots-'));
			const idsFile = path.join(userFolder, `ids-${partIndex}.txt`);
			writeFileSync(idsFile, runs.map((run) => run.id).join(','));
			const sandbox = await sandboxInFreshProcess(sandboxPort, apiKey);
			try {
				await n8nCommand(
					instance,
					[
						'execute-batch',
						`--ids=${idsFile}`,
						`--snapshot=${snapshots}`,
						'--retries=0',
						'--shortOutput',
					],
					30 * 60_000,
				);
			} finally {
				await sandbox.stop();
			}
			const snapshot = (id: string) =>
				JSON.parse(
					readFileSync(path.join(snapshots, `${id}-snapshot.json`), 'utf8'),
				) as BatchSnapshot;
			const measured = plans[partIndex].map((plan, size) =>
				schedules[partIndex][size].map((run) => ({
					...run,
					...nodeTime(snapshot(run.id), plan.items, run.id),
				})),
			);
			rmSync(snapshots, { recursive: true, force: true });
			// The schedule is only a schedule if n8n kept to it.
			const all = measured.flat();
			const ranInOrder = all.every(
				(run, position) => position === 0 || run.startTime >= all[position - 1].startTime,
			);
			if (!ranInOrder)
				throw new Error(`execute-batch did not run part ${partIndex + 1}'s workflows in id order`);
			return plans[partIndex].map((plan, size) => ({
				...plan,
				comparison: comparePairs(plan, measured[size]),
			}));
		};
		return { part, close };
	} catch (error) {
		close();
		throw error;
	}
}
