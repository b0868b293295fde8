import { collectionsAssistantScript } from '../../scripts/n8n/assistant-demo-script.cjs';
import {
	startScriptedModel,
	turnsInOrder,
	type ScriptedModel,
} from '../../scripts/n8n/scripted-model.cjs';

/**
 * The scripted OpenAI-compatible model the AI e2e tests and `npm start` run against, over HTTP as
 * OpenAI's client speaks to it: whole and streamed answers carry the same tool calls and text,
 * every request is recorded, and a script that runs out answers an error instead of inventing a turn.
 */

const TOOLS = [
	{
		type: 'function',
		function: {
			name: 'Find_Cases',
			description: 'List cases',
			parameters: { type: 'object', properties: {} },
		},
	},
];

async function chat(model: ScriptedModel, body: Record<string, unknown>): Promise<Response> {
	return fetch(`${model.url}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: 'Bearer any' },
		body: JSON.stringify({
			model: 'scripted-model',
			messages: [{ role: 'user', content: 'Hi' }],
			tools: TOOLS,
			...body,
		}),
	});
}

/** The streamed chunks, parsed, up to `[DONE]`. */
async function chunks(response: Response): Promise<Array<Record<string, any>>> {
	const text = await response.text();
	const events = text
		.split('\n\n')
		.filter((event) => event.startsWith('data: '))
		.map((event) => event.slice('data: '.length));
	expect(events[events.length - 1]).toBe('[DONE]');
	return events.slice(0, -1).map((event) => JSON.parse(event));
}

describe('the scripted model', () => {
	let model: ScriptedModel;
	afterEach(async () => model?.close());

	test('answers a tool call, then text, as whole chat completions, and records each request', async () => {
		model = await startScriptedModel(
			turnsInOrder([
				{ toolCalls: [{ name: 'Find_Cases', arguments: { limit: 3 } }] },
				{ text: 'Done.' },
			]),
		);
		const first = await (await chat(model, {})).json();
		expect(first.choices[0]).toMatchObject({
			finish_reason: 'tool_calls',
			message: {
				role: 'assistant',
				content: null,
				tool_calls: [
					{ type: 'function', function: { name: 'Find_Cases', arguments: '{"limit":3}' } },
				],
			},
		});
		const second = await (await chat(model, {})).json();
		expect(second.choices[0]).toMatchObject({
			finish_reason: 'stop',
			message: { role: 'assistant', content: 'Done.' },
		});
		expect(model.requests.map((request) => request.tools?.[0].function.name)).toEqual([
			'Find_Cases',
			'Find_Cases',
		]);
		expect(model.problems).toEqual([]);
	});

	test('streams the same turns as server-sent events when asked to', async () => {
		model = await startScriptedModel(
			turnsInOrder([
				{ toolCalls: [{ name: 'Find_Cases', arguments: { limit: 3 } }] },
				{ text: 'All done here.' },
			]),
		);
		const toolChunks = await chunks(
			await chat(model, { stream: true, stream_options: { include_usage: true } }),
		);
		const calls = toolChunks.flatMap((chunk) => chunk.choices[0]?.delta?.tool_calls ?? []);
		expect(calls[0]).toMatchObject({
			index: 0,
			type: 'function',
			function: { name: 'Find_Cases' },
		});
		expect(calls.map((part) => part.function.arguments).join('')).toBe('{"limit":3}');
		expect(
			toolChunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0].finish_reason,
		).toBe('tool_calls');
		expect(toolChunks[toolChunks.length - 1].usage.total_tokens).toBeGreaterThan(0);

		const textChunks = await chunks(await chat(model, { stream: true }));
		expect(textChunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('')).toBe(
			'All done here.',
		);
		expect(textChunks.some((chunk) => chunk.usage)).toBe(false);
	});

	test("a script that has no next turn answers 400 in OpenAI's error shape and says so", async () => {
		model = await startScriptedModel(turnsInOrder([{ text: 'Only one.' }]));
		await chat(model, {});
		const response = await chat(model, {});
		expect(response.status).toBe(400);
		expect((await response.json()).error.message).toMatch(/has 1 turns and this is request 2/);
		expect(model.problems).toHaveLength(1);
	});

	test("lists its model for the editor's picker and refuses the Responses API with advice", async () => {
		model = await startScriptedModel(turnsInOrder([]));
		expect(await (await fetch(`${model.url}/models`)).json()).toMatchObject({
			data: [{ id: 'scripted-model' }],
		});
		const responses = await fetch(`${model.url}/responses`, { method: 'POST', body: '{}' });
		expect(responses.status).toBe(404);
		expect((await responses.json()).error.message).toMatch(/Use Responses API/);
	});

	test('the npm start demo script says which tools are missing instead of calling tools that are not there', async () => {
		model = await startScriptedModel(collectionsAssistantScript());
		const answer = await (await chat(model, {})).json();
		expect(answer.choices[0].message.content).toMatch(
			/not connected: Get_Case_Timeline, Send_Message, Open_Test_Case/,
		);
	});

	test('the demo script opens a test case only when asked to open one; otherwise it looks the cases up first', async () => {
		model = await startScriptedModel(collectionsAssistantScript());
		const allTools = ['Find_Cases', 'Get_Case_Timeline', 'Send_Message', 'Open_Test_Case'].map(
			(name) => ({
				type: 'function',
				function: { name, parameters: { type: 'object', properties: {} } },
			}),
		);
		const firstCall = async (question: string) => {
			const answer = await (
				await chat(model, { tools: allTools, messages: [{ role: 'user', content: question }] })
			).json();
			return answer.choices[0].message.tool_calls[0].function.name;
		};
		expect(await firstCall('Please open a test case for Demo Debtor GmbH')).toBe('Open_Test_Case');
		expect(await firstCall('Which open cases are overdue?')).toBe('Find_Cases');
	});
});
