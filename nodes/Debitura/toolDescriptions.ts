import type { INodeProperties } from 'n8n-workflow';

import { accountToolDescriptions } from './resources/account';
import { caseToolDescriptions } from './resources/case';
import { createCaseToolDescription } from './resources/case/create';
import { coverageToolDescriptions } from './resources/coverage';
import { divisionToolDescriptions } from './resources/division';
import { documentToolDescriptions } from './resources/document';
import { messageToolDescriptions } from './resources/message';
import { paymentToolDescriptions } from './resources/payment';
import { quoteToolDescriptions } from './resources/quote';
import { quoteRequestToolDescriptions } from './resources/quoteRequest';
import { taskToolDescriptions } from './resources/task';
import { teamMemberToolDescriptions } from './resources/teamMember';
import { testCaseToolDescriptions } from './resources/testCase';
import { webhookToolDescriptions } from './resources/webhook';
import { webhookEventToolDescriptions } from './resources/webhookEvent';

/**
 * What an AI model is told about each operation when the node is an AI tool (n8n's "Debitura Tool",
 * connected to an AI Agent or an MCP Server Trigger).
 *
 * n8n describes a node-as-tool by its `toolDescription` parameter; when the node has none, n8n adds
 * its own pair of fields (Set Automatically / Set Manually) whose automatic text is only the
 * operation's action label plus "in Debitura", and the operations' descriptions never reach the
 * model. Declaring `toolDescription` here makes n8n leave its pair out: each operation gets a field
 * shown only on the tool (`@tool`), pre-filled with a text written for a model, which the workflow
 * builder can edit. n8n's editor fills a field left at its default anew when the operation changes,
 * so an unedited description always matches the operation.
 *
 * The texts live beside their operations in `resources/<resource>/`, and each resource's `index.ts`
 * lists them by operation value (`<resource>ToolDescriptions`); this file only turns them into
 * fields, in this order.
 *
 * Each text says what the tool does, when to use it, what it needs and what it returns; the exact
 * inputs are the fields the builder fills with `$fromAI()`, which n8n shows the model as the tool's
 * schema.
 */
const TOOL_TEXTS: Record<string, Record<string, string>> = {
	account: accountToolDescriptions,
	case: caseToolDescriptions,
	coverage: coverageToolDescriptions,
	division: divisionToolDescriptions,
	document: documentToolDescriptions,
	message: messageToolDescriptions,
	payment: paymentToolDescriptions,
	quote: quoteToolDescriptions,
	quoteRequest: quoteRequestToolDescriptions,
	task: taskToolDescriptions,
	teamMember: teamMemberToolDescriptions,
	testCase: testCaseToolDescriptions,
	webhook: webhookToolDescriptions,
	webhookEvent: webhookEventToolDescriptions,
};

const field = (
	text: string,
	show: Record<string, Array<string | boolean>>,
	hide?: Record<string, boolean[]>,
): INodeProperties => ({
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 3 },
	default: text,
	description:
		'What the AI model is told about this tool: what it does, when to use it, what it needs and what it returns. Written for this operation; edit it to fit your agent.',
	displayOptions: { show: { '@tool': [true], ...show }, ...(hide ? { hide } : {}) },
});

export const toolDescriptionProperties: INodeProperties[] = [
	...Object.entries(TOOL_TEXTS).flatMap(([resource, texts]) =>
		Object.entries(texts).map(([operation, text]) =>
			field(text, { resource: [resource], operation: [operation] }),
		),
	),
	// Case → Create depends on Test Mode, so its text says which kind of case the tool opens.
	field(createCaseToolDescription.test, {
		resource: ['case'],
		operation: ['create'],
		testMode: [true],
	}),
	// Hidden only when Test Mode is plainly on, so an expression in Test Mode gets the cautious text.
	field(
		createCaseToolDescription.live,
		{ resource: ['case'], operation: ['create'] },
		{ testMode: [true] },
	),
];
