import {
	messageText,
	toolResultsSinceUser,
	type ChatMessage,
	type ChatRequest,
	type ModelScript,
	type ModelTurn,
} from './scripted-model.cjs';

/**
 * What the scripted model plays for the "AI collections assistant" example (examples/
 * ai-collections-assistant.json) when no real model is connected: it reads each request the way a
 * model would — the question, the tools offered, what the tools answered so far — and takes the
 * next step of a fixed plan: find the cases, pick the open test case with the most outstanding,
 * read its timeline, write to its collection partner, and sum up. Asked to open or create a
 * case, it opens one demo TEST case instead. Only test cases are touched.
 */

/** Tool names as n8n derives them from the example's node names. */
export const ASSISTANT_TOOLS = {
	findCases: 'Find_Cases',
	timeline: 'Get_Case_Timeline',
	send: 'Send_Message',
	open: 'Open_Test_Case',
} as const;

type Json = Record<string, unknown>;

/** The tool calls the assistant made since the question, each with the answer it got. */
function stepsSoFar(request: ChatRequest): Array<{ name: string; args: Json; result: unknown }> {
	const lastUser = request.messages.map((message) => message.role).lastIndexOf('user');
	const turn = request.messages.slice(lastUser + 1);
	const results = new Map(
		toolResultsSinceUser(request).map((message) => [message.tool_call_id, message]),
	);
	return turn
		.filter(
			(message): message is ChatMessage & { tool_calls: NonNullable<ChatMessage['tool_calls']> } =>
				message.role === 'assistant' && Array.isArray(message.tool_calls),
		)
		.flatMap((message) => message.tool_calls)
		.map((call) => ({
			name: call.function.name,
			args: parseJson(call.function.arguments) as Json,
			result: parseJson(messageText(results.get(call.id))),
		}));
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** n8n hands a tool's output items over as a JSON list (an MCP or older path may give one object). */
const items = (result: unknown): Json[] =>
	Array.isArray(result)
		? (result as Json[])
		: result && typeof result === 'object'
			? [result as Json]
			: [];

/** The error a tool answered with, if it did. */
function toolError(result: unknown): string | undefined {
	const error = items(result).find((item) => typeof item.error === 'string')?.error;
	if (error) return String(error);
	return typeof result === 'string' && /error/i.test(result) ? result : undefined;
}

const say = (text: string): ModelTurn => ({ text });
const call = (name: string, args: Json): ModelTurn => ({ toolCalls: [{ name, arguments: args }] });

const daysAgo = (days: number) =>
	new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

function openDemoCase(): ModelTurn {
	return call(ASSISTANT_TOOLS.open, {
		debtorName: 'Demo Debtor GmbH',
		debtorCountry: 'DE',
		debtorAddress: 'Musterstraße 12',
		debtorCity: 'Hamburg',
		currency: 'EUR',
		amount: 980,
		invoiceDate: daysAgo(45),
		invoiceNumber: `DEMO-${Date.now().toString(36).toUpperCase()}`,
	});
}

export function collectionsAssistantScript(): ModelScript {
	return (request) => {
		const offered = new Set((request.tools ?? []).map((tool) => tool.function.name));
		const missing = Object.values(ASSISTANT_TOOLS).filter((name) => !offered.has(name));
		if (missing.length)
			return say(
				`I am the scripted demo model and need the example's tools; these are not connected: ${missing.join(', ')}.`,
			);

		const question = messageText(
			[...request.messages].reverse().find((message) => message.role === 'user'),
		);
		const steps = stepsSoFar(request);
		const last = steps[steps.length - 1];
		if (!last)
			return /\b(open|create)\s+(a\s+)?(new\s+)?(test\s+)?case\b/i.test(question)
				? openDemoCase()
				: call(ASSISTANT_TOOLS.findCases, { limit: 50 });

		const failed = toolError(last.result);
		if (failed) return say(`Debitura refused ${last.name.replace(/_/g, ' ')}: ${failed}`);

		if (last.name === ASSISTANT_TOOLS.open) {
			const [opened] = items(last.result);
			return say(
				`I opened test case ${opened?.reference ?? opened?.id} for ${last.args.debtorName} (${last.args.amount} ${last.args.currency}, invoice ${last.args.invoiceNumber}). It stays a test case: Debitura never sends it to a partner.`,
			);
		}

		const found = items(steps.find((step) => step.name === ASSISTANT_TOOLS.findCases)?.result);
		const candidates = found
			.filter((item) => item.isTestCase === true && item.isClosed !== true)
			.sort((a, b) => Number(b.remainder ?? 0) - Number(a.remainder ?? 0));
		const chosen = candidates[0];
		if (last.name === ASSISTANT_TOOLS.findCases) {
			if (!chosen)
				return say(
					`I looked at ${found.length} cases; none of them is an open test case, so I did nothing. Ask me to open a test case first.`,
				);
			return call(ASSISTANT_TOOLS.timeline, { caseId: chosen.id });
		}

		const timeline =
			items(steps.find((step) => step.name === ASSISTANT_TOOLS.timeline)?.result)[0] ?? {};
		const events = Array.isArray(timeline.items) ? (timeline.items as Json[]) : [];
		const lastEvent = events[events.length - 1];
		const owed = `${chosen?.remainder} ${chosen?.currency}`;
		if (last.name === ASSISTANT_TOOLS.timeline) {
			return call(ASSISTANT_TOOLS.send, {
				caseId: chosen?.id,
				message: `Hello, we are following up on invoice ${chosen?.creditorReference}: ${owed} is still outstanding. Please tell us how the debtor has responded so far.`,
			});
		}

		const sent = items(last.result)[0] ?? {};
		return say(
			[
				`The open test case with the most outstanding is ${chosen?.reference} (invoice ${chosen?.creditorReference}, ${owed} outstanding, ${chosen?.lifecycle}).`,
				`Its timeline has ${events.length} ${events.length === 1 ? 'entry' : 'entries'}${lastEvent ? `; the latest: ${lastEvent.title} on ${String(lastEvent.date).slice(0, 10)}` : ''}.`,
				`I wrote to its collection partner: "${sent.message ?? last.args.message}"`,
			].join(' '),
		);
	};
}
