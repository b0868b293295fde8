/**
 * Create Case in the real n8n application, two ways, with the same requests: our Debitura node,
 * and what users do today — n8n's HTTP Request node with a header credential and a JSON body built
 * by expressions. Each run is an `n8n execute` of a workflow Manual Trigger → Code (N invoices) →
 * the node; the figure is that node's own execution time from the run data, so n8n's start-up is
 * not counted.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Sandbox } from '../../sandbox/index.cjs';
import { executeWorkflow } from '../../test/e2e/support/execute.cjs';
import { N8N_ON_NODE20, isInstalled } from '../n8n/apps.cjs';
import { importCredentials, importWorkflows } from '../n8n/cli.cjs';
import { installPackageInto } from '../n8n/community-package.cjs';
import type { N8nInstance } from '../n8n/instance.cjs';
import { anyFreePorts } from '../n8n/ports.cjs';
import { SANDBOX_CREDENTIAL, sandboxCredentialData } from '../n8n/sandbox-credential.cjs';
import { BENCH_CREATE_CASE_PARAMETERS } from './create-case.cjs';
import { median } from './stats.cjs';

export interface RealN8nRow {
	items: number;
	oursMs: number;
	httpRequestMs: number;
}

const HEADER_CREDENTIAL = { id: 'benchHeaderAuth01', name: 'Debitura key as header', type: 'httpHeaderAuth' };

/** N invoices, unique per execution so no case is an idempotent replay of an earlier run. */
const invoicesCode = (count: number) =>
	`return Array.from({ length: ${count} }, (_, i) => ({ json: { customer: 'Customer ' + i, amount: 100 + i, invoice: 'E' + $execution.id + '-' + i } }));`;

function workflow(id: string, count: number, subject: Record<string, unknown>) {
	const node = (name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>, extra = {}) => ({
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
		headerParameters: { parameters: [{ name: 'Idempotency-Key', value: '={{ "n8n-" + $json.invoice }}' }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody:
			'={{ JSON.stringify({ isTest: true, currencyCode: "DKK", amountToRecover: $json.amount, date: "2026-09-01T00:00:00Z", creditorReference: $json.invoice, debtor: { type: "Company", name: $json.customer, countryAlpha2: "DK", address: "Vesterbrogade 12", city: "København V" } }) }}',
		options: {},
	},
});

function nodeTime(run: Awaited<ReturnType<typeof executeWorkflow>>, count: number): number {
	const task = run.data.resultData.runData.Create?.[0] as { executionTime?: number; data?: { main?: unknown[][] } } | undefined;
	const created = task?.data?.main?.[0]?.length ?? 0;
	if (!task || created !== count) throw new Error(`Create put out ${created} of ${count} items: ${JSON.stringify(run.data.resultData.error ?? {})}`);
	return task.executionTime ?? Number.NaN;
}

export async function benchRealN8n(sandbox: Sandbox, sizes: number[], runs: number): Promise<RealN8nRow[] | string> {
	if (!isInstalled(N8N_ON_NODE20)) return 'skipped: real n8n is not installed (npm ci --prefix e2e/n8n-app, or run npm start once)';
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-debitura-bench-app-'));
	try {
		await installPackageInto(userFolder);
		const [port, brokerPort] = await anyFreePorts(2);
		const instance: N8nInstance = {
			app: N8N_ON_NODE20,
			userFolder,
			port,
			brokerPort,
			encryptionKey: randomBytes(16).toString('hex'),
			// The --rawOutput result is an info-level log line.
			logLevel: 'info',
			logFormat: 'json',
		};
		const credentialsFile = path.join(userFolder, 'credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify([
				{ ...SANDBOX_CREDENTIAL, data: sandboxCredentialData(sandbox.url, sandbox.apiKey) },
				{ ...HEADER_CREDENTIAL, data: { name: 'XApiKey', value: sandbox.apiKey } },
			]),
		);
		await importCredentials(instance, credentialsFile);
		const workflowsDir = mkdtempSync(path.join(userFolder, 'workflows-'));
		for (const size of sizes) {
			writeFileSync(path.join(workflowsDir, `o${size}.json`), JSON.stringify(workflow(`benchOurs${size}`, size, ourNode)));
			writeFileSync(path.join(workflowsDir, `h${size}.json`), JSON.stringify(workflow(`benchHttp${size}`, size, httpRequestNode(sandbox.url))));
		}
		await importWorkflows(instance, workflowsDir, true);

		const rows: RealN8nRow[] = [];
		for (const size of sizes) {
			const ours: number[] = [];
			const http: number[] = [];
			for (let run = 0; run < runs; run++) {
				// Alternate which goes first, so neither always meets a warmer machine.
				const order = run % 2 === 0 ? (['ours', 'http'] as const) : (['http', 'ours'] as const);
				for (const which of order) {
					sandbox.reset();
					const id = which === 'ours' ? `benchOurs${size}` : `benchHttp${size}`;
					const ms = nodeTime(await executeWorkflow(instance, id), size);
					(which === 'ours' ? ours : http).push(ms);
				}
			}
			rows.push({ items: size, oursMs: median(ours), httpRequestMs: median(http) });
		}
		return rows;
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}
