import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../../../../scripts/n8n/cli.cjs';
import { startN8n, type RunningN8n } from '../../../../scripts/n8n/server.cjs';
import { startSandbox, type Sandbox } from '../../../../sandbox/index.cjs';
import {
	CREATE_CASE_FROM_AI,
	CREATE_CASE_KEYS,
	debituraTool,
	defaultToolDescription,
	fromAi,
	node,
	toolConnections,
	type AiWorkflow,
} from '../agent-workflows.cjs';
import { importAiCredentials } from '../scripted-model-import.cjs';
import { sandboxState } from '../sandbox-control.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';
import { waitFor } from '../wait.cjs';
import { writeWorkflow, type WorkflowJson } from '../workflows.cjs';

const WORKFLOW_ID = 'dbtMcpServerE2e';
const MCP_PATH = 'debitura-tools';
const TOKEN_CREDENTIAL = {
	id: 'dbtMcpBearer01',
	name: 'MCP clients (bearer token)',
	type: 'httpBearerAuth',
};
const CURRENCY_REFUSAL =
	'"Currency" must be a three-letter ISO 4217 currency code such as EUR, DKK or USD (got "EURO") [item 0]';
const SENDER = 'mette.jensen@example.com';
const daysAgo = (days: number) =>
	new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const CASE_ARGS = {
	debtorName: 'MCP Test ApS',
	debtorCountry: 'DK',
	debtorAddress: 'Testvej 7',
	debtorCity: 'Aarhus',
	currency: 'DKK',
	amount: 4200,
	invoiceDate: daysAgo(45),
	invoiceNumber: 'MCP-1',
};

const CASE_ID = fromAi('caseId', 'The id (UUID) of the case');

/**
 * The five tools' parameters, by tool name. None sets a Tool Description of its own: each gets the
 * node's text for its operation. Get Case Timeline carries `descriptionType: 'auto'` (n8n's own
 * "Set Automatically", which workflows made for other nodes' tools carry): it is ignored here.
 */
const TOOL_PARAMETERS: Record<string, Record<string, unknown>> = {
	Find_Cases: {
		resource: 'case',
		operation: 'getMany',
		returnAll: false,
		limit: fromAi('limit', 'How many cases to return, 1 to 50', 'number'),
	},
	Open_Test_Case: { ...CREATE_CASE_FROM_AI, testTag: 'mcp' },
	Get_Case_Timeline: {
		resource: 'case',
		operation: 'getTimeline',
		descriptionType: 'auto',
		case: { __rl: true, mode: 'id', value: CASE_ID },
	},
	Send_Case_Message: {
		resource: 'message',
		operation: 'send',
		case: { __rl: true, mode: 'id', value: CASE_ID },
		message: fromAi('message', 'The message to the collection partner'),
		senderEmail: { __rl: true, mode: 'email', value: SENDER },
	},
	Attach_Document: {
		resource: 'document',
		operation: 'upload',
		case: { __rl: true, mode: 'id', value: CASE_ID },
	},
};

/** The `$fromAI()` keys each tool's input schema names. */
const TOOL_KEYS: Record<string, string[]> = {
	Find_Cases: ['limit'],
	Open_Test_Case: CREATE_CASE_KEYS,
	Get_Case_Timeline: ['caseId'],
	Send_Case_Message: ['caseId', 'message'],
	Attach_Document: ['caseId'],
};

/** A published workflow whose MCP Server Trigger offers five Debitura tools, behind a bearer token. */
function mcpWorkflow(): AiWorkflow {
	const tools = [
		debituraTool('Find Cases', [0, 260], TOOL_PARAMETERS.Find_Cases),
		debituraTool('Open Test Case', [200, 260], TOOL_PARAMETERS.Open_Test_Case),
		debituraTool('Get Case Timeline', [400, 260], TOOL_PARAMETERS.Get_Case_Timeline),
		debituraTool('Send Case Message', [600, 260], TOOL_PARAMETERS.Send_Case_Message),
		debituraTool('Attach Document', [800, 260], TOOL_PARAMETERS.Attach_Document),
	];
	const trigger = {
		...node(
			'MCP Server Trigger',
			'@n8n/n8n-nodes-langchain.mcpTrigger',
			2,
			[200, 0],
			{ path: MCP_PATH, authentication: 'bearerAuth' },
			{
				httpBearerAuth: { id: TOKEN_CREDENTIAL.id, name: TOKEN_CREDENTIAL.name },
			},
		),
		webhookId: randomUUID(),
	};
	return {
		id: WORKFLOW_ID,
		name: 'Debitura e2e: MCP server with Debitura tools',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [trigger, ...tools],
		connections: toolConnections(tools, 'MCP Server Trigger'),
	};
}

interface ToolResult {
	isError?: boolean;
	content: Array<{ type: string; text?: string }>;
}

const resultText = (result: ToolResult) => result.content.map((part) => part.text ?? '').join('');

/** A tool's answer as JSON: n8n serialises the node's output items (one item comes as an object or a one-entry list). */
function resultJson(result: ToolResult): Record<string, unknown> {
	const parsed = JSON.parse(resultText(result)) as unknown;
	return (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown>;
}

/**
 * n8n's MCP Server Trigger in a running n8n, exposing Debitura tool nodes; the official MCP SDK's
 * client connects over streamable HTTP on loopback, lists the tools and calls them.
 */
export function mcpServerTriggerScenario(
	app: N8nApp,
	options: { errorsEndWithStack: boolean },
): void {
	describe(`n8n's MCP Server Trigger with Debitura tools in ${app.label}`, () => {
		let sandbox: Sandbox;
		let test: TestInstance;
		let n8n: RunningN8n | undefined;
		let client: Client | undefined;
		const token = randomBytes(24).toString('hex');
		const mcpUrl = () => `${n8n!.url}/mcp/${MCP_PATH}`;

		/** A client connected with the token; retried while n8n is still registering the published workflow's endpoint. */
		const connect = () =>
			waitFor(
				'the MCP endpoint to accept a client',
				async () => {
					const candidate = new Client({ name: 'debitura-e2e', version: '1.0.0' });
					const transport = new StreamableHTTPClientTransport(new URL(mcpUrl()), {
						requestInit: { headers: { Authorization: `Bearer ${token}` } },
					});
					try {
						await candidate.connect(transport);
						return candidate;
					} catch {
						await candidate.close().catch(() => undefined);
						return undefined;
					}
				},
				120_000,
			);

		beforeAll(async () => {
			sandbox = await startSandbox({ demoData: true });
			test = await createTestInstance(app);
			await importAiCredentials(test.instance, sandbox, undefined, [
				{ ...TOKEN_CREDENTIAL, data: { token } },
			]);
			const folder = mkdtempSync(path.join(test.instance.userFolder, 'workflows-'));
			await importWorkflows(
				test.instance,
				writeWorkflow(folder, mcpWorkflow() as unknown as WorkflowJson),
				false,
			);
			await publishWorkflow(test.instance, WORKFLOW_ID);
			n8n = startN8n(test.instance);
			await n8n.ready;
			client = await connect();
		});

		afterAll(async () => {
			await client?.close().catch(() => undefined);
			await n8n?.stop();
			await sandbox?.close();
			test?.dispose();
		});

		it('refuses a client without the bearer token', async () => {
			const response = await fetch(mcpUrl(), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					accept: 'application/json, text/event-stream',
				},
				body: JSON.stringify({
					jsonrpc: '2.0',
					id: 1,
					method: 'initialize',
					params: {
						protocolVersion: '2025-03-26',
						capabilities: {},
						clientInfo: { name: 'no-token', version: '1' },
					},
				}),
			});
			expect([401, 403]).toContain(response.status);
		});

		it('tools/list shows each Debitura tool with the text the node writes for a model, and an input schema of its $fromAI() keys', async () => {
			const { tools } = await client!.listTools();
			const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
			expect(Object.keys(byName).sort()).toEqual(Object.keys(TOOL_PARAMETERS).sort());
			for (const [name, parameters] of Object.entries(TOOL_PARAMETERS)) {
				// The node's Tool Description for the operation, not n8n's generic "<action> in Debitura".
				expect([name, byName[name].description]).not.toEqual([
					name,
					expect.stringMatching(/ in Debitura$/),
				]);
				expect([name, byName[name].description]).toEqual([
					name,
					defaultToolDescription(parameters),
				]);
				const schema = byName[name].inputSchema as {
					type: string;
					properties: Record<string, unknown>;
					required?: string[];
				};
				expect([
					name,
					schema.type,
					Object.keys(schema.properties).sort(),
					[...(schema.required ?? [])].sort(),
				]).toEqual([name, 'object', TOOL_KEYS[name], TOOL_KEYS[name]]);
			}
			// What the texts tell the model: what the tool returns, that Create opens only TEST cases, that Upload cannot work here.
			expect(byName.Find_Cases.description).toEqual(
				expect.stringContaining('creditorReference (the invoice number)'),
			);
			expect(byName.Open_Test_Case.description).toMatch(
				/^Opens a TEST debt collection case in Debitura .* never sent to a collection partner/,
			);
			expect(byName.Get_Case_Timeline.description).toMatch(
				/^Returns everything that happened on one case/,
			);
			expect(byName.Send_Case_Message.description).toEqual(
				expect.stringContaining('cannot be taken back'),
			);
			expect(byName.Attach_Document.description).toMatch(/^Cannot upload from an AI tool call/);

			const create = byName.Open_Test_Case.inputSchema as {
				properties: Record<string, { type: string; description?: string }>;
			};
			expect(create.properties.currency).toMatchObject({
				type: 'string',
				description: 'Currency of the claim as a three-letter ISO 4217 code, e.g. EUR',
			});
			expect(create.properties.amount.type).toBe('number');
			expect(byName.Find_Cases.inputSchema).toMatchObject({
				properties: { limit: { type: 'number', description: 'How many cases to return, 1 to 50' } },
			});
			expect(byName.Get_Case_Timeline.inputSchema).toMatchObject({
				properties: { caseId: { type: 'string', description: 'The id (UUID) of the case' } },
				required: ['caseId'],
			});
		});

		it("tools/call of Get_Case_Timeline returns that case's timeline", async () => {
			const [demo] = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.creditorReference === 'TEST-0001',
			);
			const result = (await client!.callTool({
				name: 'Get_Case_Timeline',
				arguments: { caseId: demo.id },
			})) as ToolResult;
			expect(result.isError).toBeFalsy();
			expect(
				sandbox.requests
					.filter((request) => request.path.startsWith('/cases/'))
					.map((request) => `${request.method} ${request.path}`),
			).toEqual([`GET /cases/${demo.id}/timeline`]);
			expect(resultJson(result)).toMatchObject({
				items: [expect.objectContaining({ type: 'CaseCreated', title: 'Case created' })],
			});
		});

		it("a refused input comes back as an MCP error result carrying the node's sentence, and nothing is sent", async () => {
			const before = sandbox.requests.length;
			const result = (await client!.callTool({
				name: 'Get_Case_Timeline',
				arguments: { caseId: 'INV-2024-1187' },
			})) as ToolResult;
			expect(result.isError).toBe(true);
			const text = resultText(result);
			const [first, , details] = text.split('\n');
			expect(first).toBe(
				'NodeOperationError: "Case" is not a valid case ID: "INV-2024-1187" [item 0]',
			);
			expect(details).toMatch(/^Details: A case ID is a UUID/);
			// n8n 2.8.4's MCP Server Trigger appends its own stack trace after the sentence; 2.41.1 does not.
			if (options.errorsEndWithStack) expect(text).toMatch(/\n\s+at /);
			else expect(text).not.toMatch(/\bat \S+ \(|\.js:\d+|\.ts:\d+/);
			expect(sandbox.requests.slice(before)).toEqual([]);
		});

		/*
		 * Case → Create runs as the node's custom operation in a workflow. The MCP Server Trigger instead
		 * calls the node type's `execute`, which for a declarative node is n8n's routing runner and knows
		 * no custom operations: Create's routing serves that path with the same body and checks.
		 */
		it('tools/call of Open_Test_Case opens a TEST case in Debitura and returns it', async () => {
			const result = (await client!.callTool({
				name: 'Open_Test_Case',
				arguments: CASE_ARGS,
			})) as ToolResult;
			expect(result.isError).toBeFalsy();
			const returned = resultJson(result);
			const stored = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.creditorReference === CASE_ARGS.invoiceNumber,
			);
			expect(stored).toHaveLength(1);
			expect(stored[0]).toMatchObject({
				id: returned.id,
				isTestCase: true,
				currency: 'DKK',
				grossAmount: CASE_ARGS.amount,
				debtor: { name: CASE_ARGS.debtorName, countryAlpha2: 'DK' },
			});
			const [posted] = sandbox.requests.filter(
				(request) => request.method === 'POST' && request.path === '/cases',
			);
			expect(posted.body).toMatchObject({ isTest: true, tag: 'mcp' });
			// The key derived from the body, as in a workflow: the same invoice sent again replays this case.
			expect(posted.headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		});

		it("tools/call of Open_Test_Case with a refused currency returns the node's sentence", async () => {
			const result = (await client!.callTool({
				name: 'Open_Test_Case',
				arguments: { ...CASE_ARGS, invoiceNumber: 'MCP-2', currency: 'EURO' },
			})) as ToolResult;
			expect(result.isError).toBe(true);
			// What the MCP client's model reads: the sentence naming the field and its valid values, then the node's advice.
			const [first, , details] = resultText(result).split('\n');
			expect(first).toBe(`NodeOperationError: ${CURRENCY_REFUSAL}`);
			expect(details).toMatch(/^Details: .*Nothing was sent to Debitura\.$/);
		});

		/*
		 * Message → Send and Document → Upload are custom operations too; through MCP their routing runs.
		 * Send posts the checked message once per call (no skip-repeat, no retry on this path); Upload
		 * cannot get a file from a tool call and says so instead of sending anything.
		 */
		it('tools/call of Send_Case_Message posts the message on the case and returns it', async () => {
			const [demo] = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.creditorReference === 'TEST-0001',
			);
			const before = sandbox.requests.length;
			const result = (await client!.callTool({
				name: 'Send_Case_Message',
				arguments: { caseId: demo.id, message: '  Sent by an MCP client.  ' },
			})) as ToolResult;
			expect(result.isError).toBeFalsy();
			const sent = sandbox.requests.slice(before);
			expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual([
				`POST /cases/${demo.id}/chats`,
			]);
			expect(sent[0].body).toEqual({ message: 'Sent by an MCP client.', userEmail: SENDER });
			expect(resultJson(result)).toMatchObject({
				message: 'Sent by an MCP client.',
				user: { email: SENDER },
			});
		});

		it("tools/call of Send_Case_Message with an empty message returns the node's sentence, and nothing is sent", async () => {
			const [demo] = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.creditorReference === 'TEST-0001',
			);
			const before = sandbox.requests.length;
			const result = (await client!.callTool({
				name: 'Send_Case_Message',
				arguments: { caseId: demo.id, message: '   ' },
			})) as ToolResult;
			expect(result.isError).toBe(true);
			expect(resultText(result)).toContain('"Message" is empty [item 0]');
			expect(sandbox.requests.slice(before)).toEqual([]);
		});

		it('tools/call of Attach_Document says a tool call carries no file, and nothing is sent', async () => {
			const [demo] = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.creditorReference === 'TEST-0001',
			);
			const before = sandbox.requests.length;
			const result = (await client!.callTool({
				name: 'Attach_Document',
				arguments: { caseId: demo.id },
			})) as ToolResult;
			expect(result.isError).toBe(true);
			expect(resultText(result)).toContain(
				'Document → Upload needs the file in the input item\'s binary field "data", which a tool call (such as one from n8n\'s MCP Server Trigger) cannot carry [item 0]',
			);
			expect(sandbox.requests.slice(before)).toEqual([]);
		});

		it('whatever Open_Test_Case does through MCP, it opens no live case and posts no case without isTest', async () => {
			const before = sandbox.requests.length;
			await client!.callTool({
				name: 'Open_Test_Case',
				arguments: { ...CASE_ARGS, invoiceNumber: 'MCP-3' },
			});
			const sent = sandbox.requests.slice(before);
			const posted = sent.filter(
				(request) => request.method === 'POST' && request.path === '/cases',
			);
			expect(
				posted.every((request) => (request.body as { isTest?: unknown }).isTest === true),
			).toBe(true);
			const live = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.isTestCase !== true && String(item.creditorReference).startsWith('MCP-'),
			);
			expect(live).toEqual([]);
		});
	});
}
