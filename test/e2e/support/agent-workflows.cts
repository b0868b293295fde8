import { randomUUID } from 'node:crypto';

import { NodeHelpers, type INodeParameters } from 'n8n-workflow';

import { Debitura } from '../../../nodes/Debitura/Debitura.node';
import { SCRIPTED_MODEL_CREDENTIAL } from '../../../scripts/n8n/scripted-model-credential.cjs';
import { SANDBOX_CREDENTIAL } from '../../../scripts/n8n/sandbox-credential.cjs';
import type { WorkflowNode } from './workflows.cjs';

/**
 * Building blocks of the agent and MCP workflows the e2e tests import: Debitura tool nodes (the
 * `debituraTool` twin n8n makes of a `usableAsTool` node) whose parameters an agent fills through
 * `$fromAI()`, and n8n's AI nodes at versions both n8n releases have (AI Agent 3.1, OpenAI Chat
 * Model 1.3, MCP Server Trigger 2).
 */

export const DEBITURA_TOOL_TYPE = 'n8n-nodes-debitura.debituraTool';

type Connection = { node: string; type: string; index: number };
export type Connections = Record<string, Record<string, Array<Array<Connection>>>>;

export interface AiWorkflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Connections;
	settings: { executionOrder: 'v1' };
	active: false;
	pinData: Record<string, never>;
}

export const fromAi = (
	key: string,
	description: string,
	type: 'string' | 'number' | 'boolean' = 'string',
) =>
	`={{ $fromAI(${JSON.stringify(key)}, ${JSON.stringify(description)}, ${JSON.stringify(type)}) }}`;

export function node(
	name: string,
	type: string,
	typeVersion: number,
	position: [number, number],
	parameters: Record<string, unknown>,
	credentials?: WorkflowNode['credentials'],
): WorkflowNode {
	return {
		id: randomUUID(),
		name,
		type,
		typeVersion,
		position,
		parameters,
		...(credentials ? { credentials } : {}),
	};
}

export const debituraTool = (
	name: string,
	position: [number, number],
	parameters: Record<string, unknown>,
) =>
	node(name, DEBITURA_TOOL_TYPE, 1, position, parameters, {
		debituraApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name },
	});

/** The OpenAI Chat Model on the Chat Completions API (the scripted model does not speak the Responses API). */
export const scriptedChatModel = (name: string, position: [number, number]) =>
	node(
		name,
		'@n8n/n8n-nodes-langchain.lmChatOpenAi',
		1.3,
		position,
		{
			model: { __rl: true, mode: 'id', value: 'scripted-model' },
			responsesApiEnabled: false,
			options: {},
		},
		{ openAiApi: { id: SCRIPTED_MODEL_CREDENTIAL.id, name: SCRIPTED_MODEL_CREDENTIAL.name } },
	);

/** Each tool node connected to `target` as an AI tool. */
export function toolConnections(tools: WorkflowNode[], target: string): Connections {
	return Object.fromEntries(
		tools.map((tool) => [tool.name, { ai_tool: [[{ node: target, type: 'ai_tool', index: 0 }]] }]),
	);
}

/** The Create Case parameters an agent fills (test mode stays on, a fixed tag marks what it opened). */
export const CREATE_CASE_FROM_AI = {
	resource: 'case',
	operation: 'create',
	testMode: true,
	testTag: 'ai-agent',
	debtorType: 'Company',
	debtorName: fromAi('debtorName', 'Company name of the debtor'),
	debtorCountry: fromAi(
		'debtorCountry',
		'Country of the debtor as an ISO 3166-1 alpha-2 code, e.g. DE',
	),
	debtorAddress: fromAi('debtorAddress', 'Street address of the debtor'),
	debtorCity: fromAi('debtorCity', 'City of the debtor'),
	currency: fromAi('currency', 'Currency of the claim as a three-letter ISO 4217 code, e.g. EUR'),
	amountToRecover: fromAi('amount', 'Amount to recover, greater than 0', 'number'),
	invoiceDate: fromAi(
		'invoiceDate',
		'Date of the oldest unpaid invoice, YYYY-MM-DD, not in the future',
	),
	additionalFields: {
		creditorReference: fromAi(
			'invoiceNumber',
			'Your invoice number; a second case with the same number is not opened',
		),
	},
};

/** The keys `$fromAI()` gives Create Case above, as the model is asked for them. */
export const CREATE_CASE_KEYS = [
	'amount',
	'currency',
	'debtorAddress',
	'debtorCity',
	'debtorCountry',
	'debtorName',
	'invoiceDate',
	'invoiceNumber',
];

/**
 * The Tool Description a Debitura tool node with these parameters has when its workflow sets none:
 * the default of the node's `toolDescription` field for that operation, resolved by n8n's own
 * parameter resolution for the tool twin (`debituraTool`), as n8n does when it loads the workflow.
 */
export function defaultToolDescription(parameters: Record<string, unknown>): string {
	const description = new Debitura().description;
	const tool = { ...description, name: `${description.name}Tool` };
	const resolved = NodeHelpers.getNodeParameters(
		tool.properties,
		parameters as INodeParameters,
		true,
		false,
		null,
		tool,
	);
	const text = resolved?.toolDescription;
	if (typeof text !== 'string' || text === '')
		throw new Error(
			`no Tool Description for ${String(parameters.resource)} → ${String(parameters.operation)}`,
		);
	return text;
}
