import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import {
	ASSISTANT_TOOLS,
	collectionsAssistantScript,
} from '../../../../scripts/n8n/assistant-demo-script.cjs';
import { importWorkflows } from '../../../../scripts/n8n/cli.cjs';
import {
	startScriptedModel,
	turnsInOrder,
	type ChatMessage,
	type ChatRequest,
	type ScriptedModel,
} from '../../../../scripts/n8n/scripted-model.cjs';
import { startSandbox, type Sandbox } from '../../../../sandbox/index.cjs';
import {
	CREATE_CASE_FROM_AI,
	CREATE_CASE_KEYS,
	debituraTool,
	defaultToolDescription,
	fromAi,
	node,
	scriptedChatModel,
	toolConnections,
	type AiWorkflow,
} from '../agent-workflows.cjs';
import { executeWorkflow, outputOf, type WorkflowRun } from '../execute.cjs';
import { importAiCredentials } from '../scripted-model-import.cjs';
import { sandboxState } from '../sandbox-control.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';
import { readExample, writeWorkflow, type WorkflowJson } from '../workflows.cjs';

const WORKFLOW_ID = 'dbtAiAgentE2e';
const EXAMPLE = 'ai-collections-assistant.json';
const EXAMPLE_ID = 'dbtAiCollectionsAssistant';
const QUESTION =
	'Which cases are active? Then open a test case for Agent Test GmbH and tell the partner about it.';
const SYSTEM_MESSAGE =
	'You are a collections assistant working in Debitura through the tools you are given.';
const CREATE_DESCRIPTION =
	"Open a TEST debt collection case in Debitura for one unpaid invoice (never sent to a partner). Needs the debtor's name, country, address and city, the currency, the amount and the invoice date. Returns the case with its id and reference.";
const SENDER = 'mette.jensen@example.com';
const MESSAGE = 'The debtor called and promised to pay by Friday.';
const FINAL_ANSWER =
	'I listed the active cases, opened a test case for Agent Test GmbH and told the partner.';

const daysAgo = (days: number) =>
	new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const DEBTOR_ARGS = {
	debtorName: 'Agent Test GmbH',
	debtorCountry: 'DE',
	debtorAddress: 'Teststraße 5',
	debtorCity: 'Berlin',
	amount: 1250.5,
	invoiceDate: daysAgo(60),
	invoiceNumber: 'AI-AGENT-1',
};
/** The sentence Create Case refuses the currency with, as the node words it. */
const CURRENCY_REFUSAL =
	'"Currency" must be a three-letter ISO 4217 currency code such as EUR, DKK or USD (got "EURO") [item 0]';

/** Find Cases and Send Message keep the node's own Tool Description; Open Test Case has one written in the workflow. */
const FIND_CASES = {
	resource: 'case',
	operation: 'getMany',
	returnAll: false,
	limit: fromAi('limit', 'How many cases to return, 1 to 50', 'number'),
	filters: { statuses: ['Active'] },
};
const SEND_MESSAGE = {
	resource: 'message',
	operation: 'send',
	case: {
		__rl: true,
		mode: 'id',
		value: fromAi('caseId', 'The id (UUID) of the case, as Find Cases or Open Test Case return it'),
	},
	message: fromAi('message', 'The message to the collection partner'),
	senderEmail: SENDER,
};

/** The agent under test: Manual Trigger → Question → AI Agent, with the scripted model and three Debitura tools. */
function agentWorkflow(toolsContinueOnError: boolean): AiWorkflow {
	const tools = [
		debituraTool('Find Cases', [300, 260], FIND_CASES),
		debituraTool('Open Test Case', [460, 260], {
			...CREATE_CASE_FROM_AI,
			descriptionType: 'manual',
			toolDescription: CREATE_DESCRIPTION,
		}),
		debituraTool('Send Message', [620, 260], SEND_MESSAGE),
	].map((tool) => (toolsContinueOnError ? { ...tool, onError: 'continueRegularOutput' } : tool));
	return {
		id: WORKFLOW_ID,
		name: 'Debitura e2e: AI Agent with Debitura tools',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
			node('Question', 'n8n-nodes-base.set', 3.4, [200, 0], {
				assignments: {
					assignments: [{ id: 'a1', name: 'chatInput', value: QUESTION, type: 'string' }],
				},
				options: {},
			}),
			node('AI Agent', '@n8n/n8n-nodes-langchain.agent', 3.1, [420, 0], {
				promptType: 'define',
				text: '={{ $json.chatInput }}',
				options: { systemMessage: SYSTEM_MESSAGE },
			}),
			scriptedChatModel('Scripted Model', [140, 260]),
			...tools,
		],
		connections: {
			Start: { main: [[{ node: 'Question', type: 'main', index: 0 }]] },
			Question: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Scripted Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			...toolConnections(tools, 'AI Agent'),
		},
	};
}

/** The example offers the demo script's tools; the agent under test offers others. Both runs share one scripted model. */
const isExampleRequest = (request: ChatRequest) =>
	(request.tools ?? []).some((tool) => tool.function.name === ASSISTANT_TOOLS.timeline);

const lastMessage = (request: ChatRequest): ChatMessage =>
	request.messages[request.messages.length - 1];

/** What a tool answered, as the agent hands it to the model: the JSON text of the tool node's output items. */
function toolResult(request: ChatRequest): Array<Record<string, unknown>> {
	const message = lastMessage(request);
	if (message.role !== 'tool')
		throw new Error(`the last message is a ${message.role} message, not a tool result`);
	return JSON.parse(String(message.content)) as Array<Record<string, unknown>>;
}

/**
 * n8n's AI Agent in real n8n with the Debitura node as its tools, against the scripted model: what
 * the model is shown, that each tool call becomes the right Debitura request, that a refused input
 * reaches the model as the node's sentence, and the agent's answer. n8n 2.41.1 hands a failed tool's
 * error message to the model by itself; n8n 2.8.4 ends the whole run instead, unless the tool node's
 * Settings → On Error is "Continue" (then the node's own error output, `{ error }`, reaches the model).
 */
export function aiAgentScenario(app: N8nApp, options: { toolsContinueOnError: boolean }): void {
	const setting = options.toolsContinueOnError
		? ' (tool nodes set to On Error: Continue)'
		: ' (tool nodes as n8n adds them)';
	describe(`an AI Agent with Debitura tools in ${app.label}${setting}`, () => {
		let sandbox: Sandbox;
		let model: ScriptedModel;
		let test: TestInstance;
		let run: WorkflowRun;
		let exampleRun: WorkflowRun;
		const agentRequests = () => model.requests.filter((request) => !isExampleRequest(request));
		const exampleRequests = () => model.requests.filter(isExampleRequest);

		beforeAll(async () => {
			sandbox = await startSandbox({ demoData: true });
			const agentTurns = turnsInOrder([
				{ toolCalls: [{ name: 'Find_Cases', arguments: { limit: 3 } }] },
				{
					toolCalls: [{ name: 'Open_Test_Case', arguments: { ...DEBTOR_ARGS, currency: 'EURO' } }],
				},
				{ toolCalls: [{ name: 'Open_Test_Case', arguments: { ...DEBTOR_ARGS, currency: 'EUR' } }] },
				(request) => ({
					toolCalls: [
						{
							name: 'Send_Message',
							arguments: { caseId: String(toolResult(request)[0].id), message: MESSAGE },
						},
					],
				}),
				{ text: FINAL_ANSWER },
			]);
			const demo = collectionsAssistantScript();
			let agentTurn = 0;
			model = await startScriptedModel((request, index) =>
				isExampleRequest(request) ? demo(request, index) : agentTurns(request, agentTurn++),
			);
			test = await createTestInstance(app);
			await importAiCredentials(test.instance, sandbox, model);
			const folder = mkdtempSync(path.join(test.instance.userFolder, 'workflows-'));
			writeWorkflow(folder, agentWorkflow(options.toolsContinueOnError) as unknown as WorkflowJson);
			writeWorkflow(folder, readExample(EXAMPLE));
			await importWorkflows(test.instance, folder, true);
			run = await executeWorkflow(test.instance, WORKFLOW_ID);
			exampleRun = await executeWorkflow(test.instance, EXAMPLE_ID);
		});

		afterAll(async () => {
			await model?.close();
			await sandbox?.close();
			test?.dispose();
		});

		it('runs the scripted conversation to its end: five model calls, no unanswered request', () => {
			expect(model.problems).toEqual([]);
			expect(agentRequests()).toHaveLength(5);
			const [first] = agentRequests();
			expect(first.messages.slice(0, 2).map((message) => [message.role, message.content])).toEqual([
				['system', expect.stringContaining(SYSTEM_MESSAGE)],
				['user', QUESTION],
			]);
		});

		it("shows the model the three tools by node name, with the node's descriptions written for a model (or the workflow's own) and their $fromAI() schemas", () => {
			const tools = Object.fromEntries(
				(agentRequests()[0].tools ?? []).map((tool) => [tool.function.name, tool.function]),
			);
			expect(Object.keys(tools).sort()).toEqual(['Find_Cases', 'Open_Test_Case', 'Send_Message']);
			// Without a description in the workflow, a tool tells the model the node's text for its operation
			// (not n8n's generic "<action> in Debitura"); a description written in the workflow wins.
			expect(tools.Find_Cases.description).not.toMatch(/ in Debitura$/);
			expect(tools.Find_Cases.description).toBe(defaultToolDescription(FIND_CASES));
			expect(tools.Find_Cases.description).toMatch(
				/^Lists Debitura collection cases, .*creditorReference \(the invoice number\)/,
			);
			expect(tools.Send_Message.description).toBe(defaultToolDescription(SEND_MESSAGE));
			expect(tools.Send_Message.description).toMatch(
				/^Posts a message in a case's chat with its collection partner, who is emailed\. A message cannot be taken back/,
			);
			expect(tools.Open_Test_Case.description).toBe(CREATE_DESCRIPTION);

			expect(tools.Find_Cases.parameters).toMatchObject({
				type: 'object',
				properties: { limit: { type: 'number', description: 'How many cases to return, 1 to 50' } },
				required: ['limit'],
			});
			const create = tools.Open_Test_Case.parameters as {
				properties: Record<string, { type: string; description: string }>;
				required: string[];
			};
			expect(Object.keys(create.properties).sort()).toEqual(CREATE_CASE_KEYS);
			expect([...create.required].sort()).toEqual(CREATE_CASE_KEYS);
			expect(create.properties.currency).toEqual({
				type: 'string',
				description: 'Currency of the claim as a three-letter ISO 4217 code, e.g. EUR',
			});
			expect(create.properties.amount.type).toBe('number');
			expect(tools.Send_Message.parameters).toMatchObject({
				properties: {
					caseId: {
						type: 'string',
						description: 'The id (UUID) of the case, as Find Cases or Open Test Case return it',
					},
					message: { type: 'string', description: 'The message to the collection partner' },
				},
			});
			expect(
				Object.keys((tools.Send_Message.parameters as { properties: object }).properties).sort(),
			).toEqual(['caseId', 'message']);
		});

		it('Find Cases reads the active cases from Debitura and the model receives them', async () => {
			const lists = sandbox.requests.filter(
				(request) =>
					request.method === 'GET' && request.path === '/cases' && request.query.Statuses,
			);
			expect(lists).toHaveLength(1);
			expect(lists[0].query.Statuses).toEqual(['Active']);
			const listed = toolResult(agentRequests()[1]);
			expect(listed.length).toBeGreaterThan(0);
			expect(listed.length).toBeLessThanOrEqual(3);
			const active = (await sandboxState(sandbox.url)).cases
				.filter((item) => item.lifecycle === 'Active')
				.map((item) => item.id);
			for (const item of listed) expect(active).toContain(item.id);
		});

		it("a refused currency reaches the model as the node's sentence, not a stack trace, and nothing is sent", () => {
			const refusal = lastMessage(agentRequests()[2]);
			expect(refusal.role).toBe('tool');
			expect(toolResult(agentRequests()[2])).toEqual([{ error: CURRENCY_REFUSAL }]);
			expect(String(refusal.content)).not.toMatch(/\bat \S+ \(|\.js:\d+|NodeOperationError/);
			// The one case Debitura received is the corrected call's.
			expect(
				sandbox.requests.filter(
					(request) => request.method === 'POST' && request.path === '/cases',
				),
			).toHaveLength(1);
		});

		it('Open Test Case opens one TEST case with the values the model gave', async () => {
			const [posted] = sandbox.requests.filter(
				(request) => request.method === 'POST' && request.path === '/cases',
			);
			expect(posted.body).toMatchObject({
				isTest: true,
				tag: 'ai-agent',
				creditorReference: DEBTOR_ARGS.invoiceNumber,
				currencyCode: 'EUR',
				amountToRecover: DEBTOR_ARGS.amount,
				debtor: {
					type: 'Company',
					name: DEBTOR_ARGS.debtorName,
					countryAlpha2: 'DE',
					address: DEBTOR_ARGS.debtorAddress,
					city: DEBTOR_ARGS.debtorCity,
				},
			});
			const opened = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.creditorReference === DEBTOR_ARGS.invoiceNumber,
			);
			expect(opened).toHaveLength(1);
			expect(opened[0]).toMatchObject({
				isTestCase: true,
				currency: 'EUR',
				grossAmount: DEBTOR_ARGS.amount,
			});
			expect(toolResult(agentRequests()[3])[0]).toMatchObject({
				id: opened[0].id,
				isTestCase: true,
			});
		});

		it("Send Message posts the model's message on that case, as the configured sender", async () => {
			const [opened] = (await sandboxState(sandbox.url)).cases.filter(
				(item) => item.creditorReference === DEBTOR_ARGS.invoiceNumber,
			);
			const chats = sandbox.requests.filter(
				(request) => request.method === 'POST' && request.path === `/cases/${opened.id}/chats`,
			);
			// The first message on the case is the agent's (the example's run afterwards may write to the same test case).
			expect([chats[0].body, chats[0].status]).toEqual([
				{ message: MESSAGE, userEmail: SENDER },
				200,
			]);
			expect(
				sandbox.requests.filter(
					(request) => (request.body as { message?: unknown } | null)?.message === MESSAGE,
				),
			).toHaveLength(1);
			expect(toolResult(agentRequests()[4])[0]).toMatchObject({
				message: MESSAGE,
				roleLabel: 'Creditor',
				user: { email: SENDER },
			});
		});

		it("the agent answers with the model's final text, and each tool node ran as n8n records it", () => {
			expect(outputOf(run, 'AI Agent')).toEqual([{ output: FINAL_ANSWER }]);
			const runs = run.data.resultData.runData;
			expect(runs['Find Cases']).toHaveLength(1);
			expect(runs['Open Test Case']).toHaveLength(2);
			expect(runs['Send Message']).toHaveLength(1);
		});

		it('the "AI collections assistant" example, against the script npm start plays, reads the cases, a timeline, and writes to the partner', async () => {
			expect(model.problems).toEqual([]);
			const example = readExample(EXAMPLE);
			// Find Cases has a Tool Description of its own in the example; the other tools keep the node's.
			const described = Object.fromEntries(
				example.nodes
					.filter((item) => item.type === 'n8n-nodes-debitura.debituraTool')
					.map((item) => [
						item.name.replace(/ /g, '_'),
						(item.parameters.toolDescription as string | undefined) ??
							defaultToolDescription(item.parameters),
					]),
			);
			expect(described.Find_Cases).toMatch(
				/^Lists the collection cases in Debitura, earliest due date first\./,
			);
			const requests = exampleRequests();
			expect(
				requests.map((request) =>
					(request.tools ?? []).map((tool) => tool.function.name).sort(),
				)[0],
			).toEqual(Object.values(ASSISTANT_TOOLS).sort());
			for (const tool of requests[0].tools ?? [])
				expect([tool.function.name, tool.function.description]).toEqual([
					tool.function.name,
					described[tool.function.name],
				]);

			// The open test case with the most outstanding, as the sticky note says the assistant picks it.
			const [chosen] = (await sandboxState(sandbox.url)).cases
				.filter((item) => item.isTestCase && !['Closed', 'Merged'].includes(String(item.lifecycle)))
				.sort((a, b) => Number(b.remainder) - Number(a.remainder));
			const steps = sandbox.requests
				.filter(
					(request) =>
						(request.path === '/cases' && request.query.Sort) ||
						request.path.startsWith(`/cases/${chosen.id}/`),
				)
				.map(
					(request) =>
						`${request.method} ${request.path}${request.query.Sort ? ` Sort=${request.query.Sort}` : ''}`,
				);
			expect(steps).toEqual(
				expect.arrayContaining([
					'GET /cases Sort=DueDate:asc',
					`GET /cases/${chosen.id}/timeline`,
					`POST /cases/${chosen.id}/chats`,
				]),
			);
			const [written] = sandbox.requests
				.filter(
					(request) => request.method === 'POST' && request.path === `/cases/${chosen.id}/chats`,
				)
				.slice(-1);
			expect(written.body).toMatchObject({
				message: expect.stringContaining(String(chosen.creditorReference)),
				userEmail: SENDER,
			});
			// The example opens no case unless asked to.
			expect(
				sandbox.requests.filter(
					(request) => request.method === 'POST' && request.path === '/cases',
				),
			).toHaveLength(1);

			expect(requests).toHaveLength(4);
			const [answer] = outputOf(exampleRun, 'AI Agent');
			expect(answer.output).toEqual(
				expect.stringContaining(`${chosen.reference} (invoice ${chosen.creditorReference}`),
			);
			expect(answer.output).toEqual(
				expect.stringContaining((written.body as { message: string }).message),
			);
		});
	});
}
