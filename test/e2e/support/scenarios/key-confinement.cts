import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { importWorkflows } from '../../../../scripts/n8n/cli.cjs';
import { SANDBOX_CREDENTIAL } from '../../../../scripts/n8n/sandbox-credential.cjs';
import { startSandbox, type Sandbox } from '../../../../sandbox/index.cjs';
import { startKeyCatcher, type KeyCatcher } from '../../../credentials/key-catcher.cjs';
import { executeWorkflow, executeWorkflowAllowingFailure, outputOf } from '../execute.cjs';
import { importSandboxCredential } from '../sandbox-credential-import.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';
import { writeWorkflow, type WorkflowJson } from '../workflows.cjs';

const REQUEST_NODE = 'HTTP Request';
/** Versions 3 to 4.4 share one implementation in n8n; 2 is the older one, 1 has no predefined credentials. */
const WITH_PREDEFINED_CREDENTIALS = [2, 3, 4.2, 4.4];
const REFUSAL = "The Debitura API key is sent only to the credential's own host";

type Case = 'elsewhere' | 'redirect' | 'nextPage';

const workflowId = (version: number, what: Case | 'home') =>
	`dbtKey${what}V${String(version).replace('.', '')}`;

/**
 * The HTTP Request node as a user sets it up with the Debitura credential: "Predefined Credential
 * Type → Debitura API" (from version 2 on), GET, and redirects asked for (the node's own options,
 * which differ between versions).
 */
function requestWorkflow(id: string, version: number, url: string): WorkflowJson {
	const redirects =
		version >= 3
			? { options: { redirect: { redirect: { followRedirects: true, maxRedirects: 5 } } } }
			: { options: { followRedirect: true, followAllRedirects: true } };
	const method =
		version >= 3 ? { method: 'GET' } : { requestMethod: 'GET', responseFormat: 'json' };
	return {
		id,
		name: id,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-request`,
				name: REQUEST_NODE,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: version,
				position: [220, 0],
				parameters: {
					...method,
					url,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'debituraApi',
					...redirects,
				},
				credentials: { debituraApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name } },
			},
		],
		connections: { 'Manual Trigger': { main: [[{ node: REQUEST_NODE, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * The Debitura credential picked in n8n's own HTTP Request node, in a running n8n: the key reaches
 * only the credential's Base URL. A URL on another host is refused before anything is sent; the
 * credential's host answering with a redirect to another host is not followed, though the node
 * asks for redirects. Another port on this machine stands in for that other host and records
 * whatever arrives. A URL under the Base URL is the supported way to reach an endpoint the
 * Debitura node lacks.
 */
export function keyConfinementScenario(app: N8nApp): void {
	describe(`the Debitura credential in the HTTP Request node in ${app.label}`, () => {
		let sandbox: Sandbox;
		let catcher: KeyCatcher;
		let test: TestInstance;

		beforeAll(async () => {
			sandbox = await startSandbox();
			catcher = await startKeyCatcher();
			test = await createTestInstance(app);
			await importSandboxCredential(test.instance, sandbox);
			const folder = mkdtempSync(path.join(test.instance.userFolder, 'workflows-'));
			for (const version of [1, ...WITH_PREDEFINED_CREDENTIALS]) {
				writeWorkflow(
					folder,
					requestWorkflow(workflowId(version, 'elsewhere'), version, `${catcher.url}/stolen`),
				);
				writeWorkflow(
					folder,
					requestWorkflow(workflowId(version, 'redirect'), version, `${sandbox.url}/me`),
				);
			}
			writeWorkflow(folder, requestWorkflow(workflowId(4.2, 'home'), 4.2, `${sandbox.url}/me`));
			const paged = requestWorkflow(workflowId(4.2, 'nextPage'), 4.2, `${sandbox.url}/me`);
			paged.nodes[1].parameters.options = {
				pagination: {
					pagination: {
						paginationMode: 'responseContainsNextURL',
						// Like a next-page link read from the answer: nothing before the first page.
						nextURL: `={{ $response.body ? "${catcher.url}/stolen" : undefined }}`,
						paginationCompleteWhen: 'other',
						completeExpression: '={{ false }}',
						limitPagesFetched: true,
						maxRequests: 2,
					},
				},
			};
			writeWorkflow(folder, paged);
			await importWorkflows(test.instance, folder, true);
		});

		beforeEach(() => {
			catcher.requests.splice(0);
			sandbox.clearFaults();
		});

		afterAll(async () => {
			await catcher?.close();
			await sandbox?.close();
			test?.dispose();
		});

		const run = async (version: number, what: Case) => {
			if (what === 'redirect') {
				sandbox.injectFault({
					method: 'GET',
					path: '/me',
					kind: 'redirect',
					status: 302,
					location: `${catcher.url}/stolen`,
				});
			}
			return await executeWorkflowAllowingFailure(test.instance, workflowId(version, what));
		};

		describe.each(WITH_PREDEFINED_CREDENTIALS)(
			'HTTP Request %s with "Predefined Credential Type → Debitura API"',
			(version) => {
				it('refuses a URL on another host before sending anything, in a sentence that says what to use', async () => {
					const { run: result, code } = await run(version, 'elsewhere');
					expect(catcher.requests).toEqual([]);
					expect(code).not.toBe(0);
					expect(result?.data.resultData.error).toMatchObject({
						message: REFUSAL,
						description: `This request was going to ${catcher.url}/stolen, which is not under the "Debitura API" credential's Base URL ${sandbox.url}. Use the Debitura node, or an HTTP Request node with a URL that starts with ${sandbox.url}/.`,
					});
				});

				it("does not follow the credential's host redirecting elsewhere, though the node asks for redirects", async () => {
					const { run: result, code } = await run(version, 'redirect');
					expect(catcher.requests).toEqual([]);
					expect(code).not.toBe(0);
					expect(JSON.stringify(result?.data.resultData.error)).toMatch(/302/);
					// The one request that did carry the key went to the credential's host.
					expect(
						sandbox.requests.filter((request) => request.path === '/me').at(-1)?.headers.xapikey,
					).toBe(sandbox.apiKey);
				});
			},
		);

		describe('HTTP Request 1, which has no predefined credentials', () => {
			it('sends no key at all: the Debitura credential on the node is not used', async () => {
				const elsewhere = await run(1, 'elsewhere');
				expect(elsewhere.code).toBe(0);
				expect(catcher.requests.map((request) => request.url)).toEqual(['/stolen']);
				expect(catcher.keysReceived()).toEqual([]);

				catcher.requests.splice(0);
				const redirected = await run(1, 'redirect');
				expect(redirected.code).toBe(0);
				expect(catcher.requests.map((request) => request.url)).toEqual(['/stolen']);
				expect(catcher.keysReceived()).toEqual([]);
			});
		});

		it("HTTP Request 4.2's pagination: a next-page URL on another host is refused like a first one", async () => {
			const { run: result, code } = await run(4.2, 'nextPage');
			expect(catcher.requests).toEqual([]);
			expect(code).not.toBe(0);
			expect(result?.data.resultData.error).toMatchObject({ message: REFUSAL });
			// The first page came from the credential's host, with the key.
			expect(
				sandbox.requests.filter((request) => request.path === '/me').at(-1)?.headers.xapikey,
			).toBe(sandbox.apiKey);
		});

		it('HTTP Request 4.2 with a URL under the Base URL reaches Debitura with the key (an endpoint the node lacks)', async () => {
			const result = await executeWorkflow(test.instance, workflowId(4.2, 'home'));
			expect(outputOf(result, REQUEST_NODE)).toEqual([
				expect.objectContaining({ companyName: expect.any(String) }),
			]);
			expect(
				sandbox.requests.filter((request) => request.path === '/me').at(-1)?.headers.xapikey,
			).toBe(sandbox.apiKey);
			expect(catcher.requests).toEqual([]);
		});
	});
}
