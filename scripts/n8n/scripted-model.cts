import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for OpenAI's Chat Completions API on 127.0.0.1 that plays pre-written turns: the
 * agents of the tests and of `npm start` run against it without a paid model and without network.
 * n8n's OpenAI Chat Model node (credential `openAiApi`, Base URL `http://127.0.0.1:<port>/v1`)
 * calls `POST /v1/chat/completions` with the tools the agent offers; the editor's model picker
 * calls `GET /v1/models`. Every chat request is recorded, so a test can assert what the model
 * was shown (tool names, descriptions, JSON schemas) and what the tools answered.
 */

export interface ToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

/** One answer of the model: call tools (the agent runs them and asks again), or answer in text. */
export type ModelTurn = { toolCalls: ToolCall[] } | { text: string };

/** The parts of an OpenAI chat request the scripts and tests read. */
export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | string;
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: Array<{
		id: string;
		type: 'function';
		function: { name: string; arguments: string };
	}>;
	tool_call_id?: string;
}

export interface OfferedTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: OfferedTool[];
	stream?: boolean;
	stream_options?: { include_usage?: boolean };
	[key: string]: unknown;
}

/** Decides the next turn from the request (the whole conversation so far) and its position. */
export type ModelScript = (request: ChatRequest, index: number) => ModelTurn;

export interface ScriptedModel {
	/** The Base URL an OpenAI credential takes: `http://127.0.0.1:<port>/v1`. */
	url: string;
	/** Every chat request received, in order, as parsed JSON. */
	requests: ChatRequest[];
	/** Why a request could not be answered (bad JSON, the script ran out or threw), for a test's failure output. */
	problems: string[];
	close(): Promise<void>;
}

/** The model id the server lists and answers as; any id a request names is accepted. */
export const SCRIPTED_MODEL_ID = 'scripted-model';

/** Text of a message whatever shape its content has (a string, or a list of text parts). */
export function messageText(message: ChatMessage | undefined): string {
	const content = message?.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
	return '';
}

/** The tool results of the current turn of the conversation: the tool messages after the last user message. */
export function toolResultsSinceUser(request: ChatRequest): ChatMessage[] {
	const lastUser = request.messages.map((message) => message.role).lastIndexOf('user');
	return request.messages.slice(lastUser + 1).filter((message) => message.role === 'tool');
}

/** A list of turns played in order, each fixed or computed from the request. */
export function turnsInOrder(
	turns: Array<ModelTurn | ((request: ChatRequest) => ModelTurn)>,
): ModelScript {
	return (request, index) => {
		const turn = turns[index];
		if (turn === undefined)
			throw new Error(`the script has ${turns.length} turns and this is request ${index + 1}`);
		return typeof turn === 'function' ? turn(request) : turn;
	};
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	response.end(text);
}

/** OpenAI's error shape; a 400 is not retried by OpenAI's client, so a broken script fails the run at once. */
function sendError(response: ServerResponse, status: number, message: string): void {
	sendJson(response, status, {
		error: { message, type: 'invalid_request_error', code: null, param: null },
	});
}

/** Rough token counts (four characters a token): the agent only needs numbers that add up. */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function completion(id: string, model: string, turn: ModelTurn, promptChars: number) {
	const toolCalls =
		'toolCalls' in turn
			? turn.toolCalls.map((call, index) => ({
					id: `${id}_call_${index + 1}`,
					type: 'function' as const,
					function: { name: call.name, arguments: JSON.stringify(call.arguments) },
				}))
			: undefined;
	const content = 'text' in turn ? turn.text : null;
	const completionTokens = tokens(content ?? JSON.stringify(toolCalls));
	const promptTokens = Math.max(1, Math.ceil(promptChars / 4));
	return {
		message: {
			role: 'assistant' as const,
			content,
			...(toolCalls ? { tool_calls: toolCalls } : {}),
		},
		finishReason: toolCalls ? 'tool_calls' : 'stop',
		usage: {
			prompt_tokens: promptTokens,
			completion_tokens: completionTokens,
			total_tokens: promptTokens + completionTokens,
		},
		id,
		model,
	};
}

/** The answer as one JSON document (`stream` false or absent). */
function answerWhole(response: ServerResponse, answer: ReturnType<typeof completion>): void {
	sendJson(response, 200, {
		id: answer.id,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: answer.model,
		choices: [
			{ index: 0, message: answer.message, logprobs: null, finish_reason: answer.finishReason },
		],
		usage: answer.usage,
	});
}

/** The same answer as server-sent events (`stream: true`): role, content or tool calls, the finish, usage if asked, [DONE]. */
function answerStreamed(
	response: ServerResponse,
	answer: ReturnType<typeof completion>,
	includeUsage: boolean,
): void {
	response.writeHead(200, {
		'content-type': 'text/event-stream',
		'cache-control': 'no-cache',
		connection: 'keep-alive',
	});
	const base = {
		id: answer.id,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model: answer.model,
	};
	const send = (choices: unknown[], extra: Record<string, unknown> = {}) =>
		response.write(`data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`);
	send([
		{
			index: 0,
			delta: { role: 'assistant', content: answer.message.content === null ? null : '' },
			finish_reason: null,
		},
	]);
	if (answer.message.content) {
		// Two pieces, so a client that joins deltas is exercised.
		const text = answer.message.content;
		const half = Math.ceil(text.length / 2);
		for (const piece of [text.slice(0, half), text.slice(half)])
			if (piece) send([{ index: 0, delta: { content: piece }, finish_reason: null }]);
	}
	answer.message.tool_calls?.forEach((call, index) => {
		send([
			{
				index: 0,
				delta: {
					tool_calls: [
						{
							index,
							id: call.id,
							type: 'function',
							function: { name: call.function.name, arguments: '' },
						},
					],
				},
				finish_reason: null,
			},
		]);
		send([
			{
				index: 0,
				delta: { tool_calls: [{ index, function: { arguments: call.function.arguments } }] },
				finish_reason: null,
			},
		]);
	});
	send([{ index: 0, delta: {}, finish_reason: answer.finishReason }]);
	if (includeUsage) send([], { usage: answer.usage });
	response.end('data: [DONE]\n\n');
}

/** Starts the server on 127.0.0.1 (port 0: any free port). */
export async function startScriptedModel(
	script: ModelScript,
	options: { port?: number } = {},
): Promise<ScriptedModel> {
	const requests: ChatRequest[] = [];
	const problems: string[] = [];
	let served = 0;

	const server = createServer((request, response) => {
		void (async () => {
			const path = (request.url ?? '/').split('?')[0].replace(/\/+$/, '');
			if (request.method === 'GET' && path === '/v1/models') {
				return sendJson(response, 200, {
					object: 'list',
					data: [
						{ id: SCRIPTED_MODEL_ID, object: 'model', created: 0, owned_by: 'n8n-nodes-debitura' },
					],
				});
			}
			if (request.method === 'POST' && path === '/v1/responses') {
				return sendError(
					response,
					404,
					'This scripted model speaks the Chat Completions API only: turn "Use Responses API" off in the OpenAI Chat Model node.',
				);
			}
			if (request.method !== 'POST' || path !== '/v1/chat/completions') {
				return sendError(
					response,
					404,
					`The scripted model answers POST /v1/chat/completions and GET /v1/models, not ${request.method} ${path}.`,
				);
			}
			const raw = await readBody(request);
			let body: ChatRequest;
			try {
				body = JSON.parse(raw) as ChatRequest;
			} catch {
				problems.push(`request ${served + 1}: not JSON`);
				return sendError(response, 400, 'The request body is not JSON.');
			}
			const index = served++;
			requests.push(body);
			let turn: ModelTurn;
			try {
				turn = script(body, index);
			} catch (error) {
				const message = `The scripted model has no answer: ${(error as Error).message}.`;
				problems.push(message);
				return sendError(response, 400, message);
			}
			const answer = completion(
				`chatcmpl-scripted-${index + 1}`,
				body.model ?? SCRIPTED_MODEL_ID,
				turn,
				raw.length,
			);
			if (body.stream)
				answerStreamed(response, answer, body.stream_options?.include_usage === true);
			else answerWhole(response, answer);
		})().catch((error: Error) => {
			problems.push(error.message);
			if (!response.headersSent) sendError(response, 500, error.message);
			else response.end();
		});
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		problems,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
