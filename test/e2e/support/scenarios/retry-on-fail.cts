import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { importWorkflows } from '../../../../scripts/n8n/cli.cjs';
import { startSandbox, type Sandbox } from '../../../../sandbox/index.cjs';
import { invoicePdf } from '../../../harness/pdf.cjs';
import { executeWorkflow, outputOf } from '../execute.cjs';
import { importSandboxCredential } from '../sandbox-credential-import.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';
import { writeWorkflow, type WorkflowJson, type WorkflowNode } from '../workflows.cjs';

const CREDENTIAL = { debituraApi: { id: 'dbtSandboxCred01', name: 'Debitura Sandbox' } };
const DEBITURA = 'n8n-nodes-debitura.debitura';
/** n8n's Retry On Fail as a user sets it in the node's settings. */
const RETRY_ON_FAIL = { retryOnFail: true, maxTries: 2, waitBetweenTries: 100 };

const node = (
	name: string,
	type: string,
	typeVersion: number,
	x: number,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
): WorkflowNode =>
	({
		id: randomUUID(),
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	}) as WorkflowNode;

/** Manual Trigger → Records (one JSON list) → Split Out (one item each) → … → the Debitura node. */
function workflowOf(
	id: string,
	records: unknown[],
	middle: WorkflowNode[],
	debitura: WorkflowNode,
): WorkflowJson {
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		node('Records', 'n8n-nodes-base.set', 3.4, 200, {
			mode: 'raw',
			jsonOutput: JSON.stringify({ records }),
			options: {},
		}),
		node('Split Out', 'n8n-nodes-base.splitOut', 1, 400, {
			fieldToSplitOut: 'records',
			options: {},
		}),
		...middle,
		debitura,
	];
	const connections: WorkflowJson['connections'] = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	}
	return {
		id,
		name: id,
		nodes,
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * n8n's own Retry On Fail, in a real n8n: it runs the whole node again for every item. A 502 on
 * one of three writes must still leave exactly three records in the sandbox.
 */
export function retryOnFailScenario(app: N8nApp): void {
	describe(`Retry On Fail with a 502 on one of three writes, in ${app.label}`, () => {
		let sandbox: Sandbox;
		let test: TestInstance;
		let caseId: string;

		beforeAll(async () => {
			sandbox = await startSandbox();
			test = await createTestInstance(app);
			await importSandboxCredential(test.instance, sandbox);
			caseId = sandbox.createCase({ isTest: true }).id;
			const folder = mkdtempSync(path.join(test.instance.userFolder, 'workflows-'));
			const files = ['a.pdf', 'b.pdf', 'c.pdf'].map((fileName) => ({
				fileName,
				pdfBase64: invoicePdf(`Invoice ${fileName}`).toString('base64'),
			}));
			const upload = workflowOf(
				'dbtRetryUpload',
				files,
				[
					node('Invoice PDF', 'n8n-nodes-base.convertToFile', 1.1, 600, {
						operation: 'toBinary',
						sourceProperty: 'pdfBase64',
						binaryPropertyName: 'data',
						options: { fileName: '={{ $json.fileName }}', mimeType: 'application/pdf' },
					}),
				],
				node(
					'Upload',
					DEBITURA,
					1,
					800,
					{
						resource: 'document',
						operation: 'upload',
						case: { __rl: true, mode: 'id', value: caseId },
						binaryPropertyName: 'data',
						documentType: 'OriginalInvoice',
					},
					{ credentials: CREDENTIAL, ...RETRY_ON_FAIL },
				),
			);
			const divisions = workflowOf(
				'dbtRetryDivision',
				['Nordlys Syd', 'Nordlys Nord', 'Nordlys Øst'].map((name) => ({ name })),
				[],
				node(
					'Create Division',
					DEBITURA,
					1,
					600,
					{
						resource: 'division',
						operation: 'create',
						companyName: '={{ $json.name }}',
						city: 'Malmö',
						countryCode: 'SE',
						additionalFields: {},
					},
					{ credentials: CREDENTIAL, ...RETRY_ON_FAIL },
				),
			);
			writeWorkflow(folder, upload);
			writeWorkflow(folder, divisions);
			await importWorkflows(test.instance, folder, true);
		});

		afterAll(async () => {
			await sandbox?.close();
			test?.dispose();
		});

		it('Document → Upload stores each of the three files once', async () => {
			sandbox.injectFault({
				method: 'POST',
				path: `/cases/${caseId}/files`,
				kind: 'server-error',
				status: 502,
				skip: 1,
			});
			const run = await executeWorkflow(test.instance, 'dbtRetryUpload');
			expect(run.data.resultData.error).toBeUndefined();
			const uploaded = outputOf(run, 'Upload');
			expect(uploaded.map((item) => item.fileName)).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
			const stored = sandbox.requests.filter(
				(request) =>
					request.method === 'POST' &&
					request.path === `/cases/${caseId}/files` &&
					request.status === 200,
			);
			expect(stored).toHaveLength(3);
			for (const item of uploaded)
				expect(sandbox.getFile(caseId, String(item.id))?.fileName).toBe(item.fileName);
		});

		it('Division → Create makes each of the three divisions once', async () => {
			sandbox.injectFault({
				method: 'POST',
				path: '/divisions',
				kind: 'server-error',
				status: 502,
				skip: 1,
			});
			const run = await executeWorkflow(test.instance, 'dbtRetryDivision');
			expect(run.data.resultData.error).toBeUndefined();
			expect(outputOf(run, 'Create Division').map((item) => item.companyName)).toEqual([
				'Nordlys Syd',
				'Nordlys Nord',
				'Nordlys Øst',
			]);
			const made = sandbox.requests.filter(
				(request) =>
					request.method === 'POST' && request.path === '/divisions' && request.status === 201,
			);
			expect(new Set(made.map((request) => request.headers['idempotency-key'])).size).toBe(3);
			const listed = await fetch(`${sandbox.url}/divisions?pageSize=100`, {
				headers: { XApiKey: sandbox.apiKey },
			});
			const { divisions } = (await listed.json()) as { divisions: Array<{ companyName: string }> };
			expect(
				divisions
					.filter(
						(division) =>
							division.companyName.startsWith('Nordlys ') &&
							division.companyName !== 'Nordlys Trading ApS' &&
							division.companyName !== 'Nordlys Trading GmbH',
					)
					.map((division) => division.companyName)
					.sort(),
			).toEqual(['Nordlys Nord', 'Nordlys Syd', 'Nordlys Øst']);
		});
	});
}
