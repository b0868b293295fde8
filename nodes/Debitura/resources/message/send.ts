import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { InvalidValue, refusedInputOf } from '../../../common/errors';
import type { ErrorContext } from '../../../common/errors';
import { parseDebituraTime, withUtcTimestamps } from '../../../common/timestamps';
import { debituraRequest, handleDebituraResponse } from '../../../common/transport';
import { writeWithRecovery } from '../../../common/writeRetry';
import {
	caseIdOfItem,
	caseLocator,
	caseResourceErrorContext,
	lookUpCaseId,
} from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { runCaseWrites } from '../../helpers/caseWrites';
import { outputWithUtcTimestamps } from '../../helpers/output';
import { cleanText } from '../../helpers/values';
import { teamMemberLocator } from '../../listSearch/searchTeamMembers';

const showFor = { resource: ['message'], operation: ['send'] };
const DOING = 'send the message';

/** Debitura's limit for a chat message (spec, `SendChatRequest.message`). */
const MAX_MESSAGE_LENGTH = 10_000;

/** How long a message just sent counts as "already sent" when the node runs again, unless set otherwise. */
const DEFAULT_REPEAT_WINDOW_MINUTES = 60;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const FIELD_LABELS = { message: 'Message', userEmail: 'Sender Email', useremail: 'Sender Email' };

export const sendMessageOperation: INodePropertyOptions = {
	name: 'Send',
	value: 'send',
	action: 'Send a message on a case',
	description:
		"Post a message in a case's chat with the collection partner (the partner is emailed); use it to answer a partner's question or give more information. Returns the message as stored.",
	// In a workflow Send runs as a custom operation (below), which n8n's engine prefers to routing:
	// it retries an item's transient failures itself and never posts a message twice. This routing
	// serves callers that run only a declarative node's routing (n8n's MCP Server Trigger, one item
	// per tool call): the same checked message and sender, posted once, but WITHOUT those
	// guarantees. It does not read the chat first, so "Skip Repeat Within (Minutes)" is not applied
	// and the same message is posted again if called again, and a failure is not retried.
	routing: {
		request: { method: 'POST', url: requestUrl('/cases/{case}/chats') },
		send: { preSend: [messageBody, lookUpCaseId(DOING)] },
		output: {
			postReceive: [
				handleDebituraResponse(caseResourceErrorContext(DOING)),
				outputWithUtcTimestamps,
			],
		},
	},
};

export const sendMessageToolDescription =
	"Posts a message in a case's chat with its collection partner, who is emailed. A message cannot be taken back: send each one once. Use it to answer the partner or give information. Needs the case and the text; returns the stored message.";

interface PreparedMessage {
	message: string;
	sender: string;
	repeatWindowMinutes: number;
}

/** Reads one item's parameter: n8n's per-item context for a custom operation or for routing. */
type ReadParameter = (
	name: string,
	fallback: unknown,
	options?: { extractValue: boolean },
) => unknown;

/** The checked message and sender of one item; throws a refusal naming the field and the item. */
function prepareMessage(node: INode, itemIndex: number, read: ReadParameter): PreparedMessage {
	const fail = (message: string, howToFix: string) =>
		refusedInputOf(node, itemIndex, new InvalidValue(message), howToFix);
	let message: string | undefined;
	try {
		message = cleanText(read('message', ''), 'Message', {
			maxLength: MAX_MESSAGE_LENGTH,
			multiline: true,
		});
	} catch (error) {
		throw refusedInputOf(node, itemIndex, error, 'Shorten the message or split it in two.');
	}
	if (!message)
		throw fail(
			'"Message" is empty',
			'Write the message, or point the expression at the field that holds it.',
		);
	// A picker or an email; workflows saved with a plain email string keep working (n8n passes a
	// string through a resource locator unchanged, and the parameter name is the same).
	const sender = String(read('senderEmail', '', { extractValue: true }) ?? '').trim();
	if (!EMAIL.test(sender)) {
		throw fail(
			sender
				? `"Sender Email" is not an email address: "${sender.slice(0, 80)}"`
				: '"Sender Email" is empty',
			'Give the email address of a member of your Debitura team; the message is sent in their name.',
		);
	}
	const window = Number(read('skipRepeatWithinMinutes', DEFAULT_REPEAT_WINDOW_MINUTES));
	if (!Number.isFinite(window) || window < 0) {
		throw fail(
			`"Skip Repeat Within (Minutes)" must be 0 or more (got ${String(window)})`,
			'Give a number of minutes; 0 posts every message.',
		);
	}
	return { message, sender, repeatWindowMinutes: window };
}

/** The `POST /cases/{id}/chats` body of a checked message. */
const chatBody = (sent: PreparedMessage): IDataObject => ({
	message: sent.message,
	userEmail: sent.sender,
});

/** preSend of Send's routing (see the operation): the item's checked message, as the custom operation sends it. */
async function messageBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const sent = prepareMessage(this.getNode(), this.getItemIndex(), (name, fallback, options) =>
		this.getNodeParameter(name, fallback, options),
	);
	requestOptions.body = chatBody(sent);
	requestOptions.json = true;
	return requestOptions;
}

type Chat = IDataObject & {
	id?: string;
	message?: string | null;
	dateCreated?: string;
	user?: { email?: string | null } | null;
};

/** Debitura may store line breaks its own way; the text is compared without that difference. */
const comparable = (text: unknown) =>
	typeof text === 'string' ? text.replace(/\r\n?/g, '\n').trim() : '';

/** The same message: the same text from the same team member. */
function sameMessage(chat: Chat, sent: PreparedMessage): boolean {
	return (
		comparable(chat.message) === comparable(sent.message) &&
		(chat.user?.email ?? '').trim().toLowerCase() === sent.sender.toLowerCase()
	);
}

/**
 * Message → Send as a custom operation. Chats carry no idempotency key, and n8n's Retry On Fail
 * would post every item's message again (and email the partner again), so:
 *
 * - The case's chat is read before the first message to it (once per case and run; items sending
 *   the same message to one case go one after another). The same text from the same sender
 *   posted within "Skip Repeat Within (Minutes)" (default 60) is not posted again; the item says
 *   so. Retry On Fail and a re-run soon after skip what went through.
 * - A transient failure (5xx, 408, a broken connection) is retried by the item itself, a few times
 *   with short waits; before each new try the chat is read again, and the same message that was
 *   not there before is the failed try's own: it is the item's result, not posted again.
 */
export async function sendMessages(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await sendEach(this);
}

async function sendEach(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const known = new Map<string, Promise<Chat[]>>();
	const located = new Map<number, { foundCase?: string; lookup: string }>();
	const errorContext = (itemIndex: number): ErrorContext => {
		const where = located.get(itemIndex);
		return {
			action: DOING,
			fieldLabels: FIELD_LABELS,
			...(where?.foundCase ? { foundCase: where.foundCase } : { lookup: where?.lookup }),
		};
	};
	const windowOf = (itemIndex: number) =>
		Number(
			context.getNodeParameter('skipRepeatWithinMinutes', itemIndex, DEFAULT_REPEAT_WINDOW_MINUTES),
		);
	const readChat = async (caseId: string, itemIndex: number) =>
		await debituraRequest<Chat[]>(
			context,
			{ method: 'GET', url: `/cases/${caseId}/chats` },
			{
				...errorContext(itemIndex),
				action: "read the case's messages before sending",
				retryAdvice: rerunAdvice(windowOf(itemIndex)),
			},
			itemIndex,
			'list',
		);

	return await runCaseWrites(context, {
		prepare: async (itemIndex) =>
			prepareMessage(context.getNode(), itemIndex, (name, fallback, options) =>
				context.getNodeParameter(name, itemIndex, fallback, options),
			),
		sameAs: (sent) => JSON.stringify([comparable(sent.message), sent.sender.toLowerCase()]),
		caseOf: async (itemIndex) => {
			const { id, foundCase, lookup } = await caseIdOfItem(
				context,
				itemIndex,
				DOING,
				rerunAdvice(windowOf(itemIndex)),
			);
			located.set(itemIndex, { foundCase, lookup });
			return id;
		},
		write: async (sent, itemIndex, caseId) => {
			if (!known.has(caseId)) known.set(caseId, readChat(caseId, itemIndex));
			const onCase = await (known.get(caseId) as Promise<Chat[]>);
			const since = Date.now() - sent.repeatWindowMinutes * 60_000;
			const repeat =
				sent.repeatWindowMinutes > 0
					? onCase.find(
							(existing) =>
								sameMessage(existing, sent) && parseDebituraTime(existing.dateCreated) >= since,
						)
					: undefined;
			if (repeat) {
				return {
					...withUtcTimestamps(repeat),
					skipped: true,
					skipReason: `The same message from ${sent.sender} is already on the case, posted within the last ${sent.repeatWindowMinutes} minutes (ID ${String(repeat.id)}); it was not posted again`,
					matchedMessageId: repeat.id,
				} as IDataObject;
			}
			const result = await writeWithRecovery<Chat>({
				context,
				request: {
					method: 'POST',
					url: `/cases/${caseId}/chats`,
					headers: { Accept: 'application/json' },
					body: chatBody(sent),
					json: true,
				},
				itemIndex,
				errorContext: {
					...errorContext(itemIndex),
					retry: 'duplicates',
					retryAdvice: retryAdvice(sent.repeatWindowMinutes),
				},
				findApplied: async () => {
					const before = new Set(onCase.map((existing) => existing.id));
					return (await readChat(caseId, itemIndex)).find(
						(existing) => !before.has(existing.id) && sameMessage(existing, sent),
					);
				},
			});
			const posted = (result.found ?? result.answer) as Chat;
			onCase.push(posted);
			return withUtcTimestamps(posted) as IDataObject;
		},
	});
}

/** What running the node again does: within the window it skips what went through. */
function rerunAdvice(windowMinutes: number): string {
	return windowMinutes > 0
		? `Running the node again within ${windowMinutes} minutes skips the messages of this run that did go through (the same text from the same sender) and posts only the missing ones; later, it would post them again and email the partner again.`
		: 'Running the node again would post once more the messages of this run that did go through, and email the partner again, since "Skip Repeat Within (Minutes)" is 0. Send only the missing ones (Message → Get Many shows the chat).';
}

/** What running the node again does after a message failed for good. */
function retryAdvice(windowMinutes: number): string {
	return `No message was posted twice: before every new try the node looked at the case's chat. ${rerunAdvice(windowMinutes)}`;
}

export const sendMessageDescription: INodeProperties[] = [
	caseLocator(showFor),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. The debtor called us today and promised to pay by Friday.',
		description: `The text of the message, at most ${MAX_MESSAGE_LENGTH} characters. The collection partner sees it in the case chat and gets an email.`,
		displayOptions: { show: showFor },
	},
	teamMemberLocator({
		displayName: 'Sender Email',
		name: 'senderEmail',
		required: true,
		description:
			'The member of your Debitura team the message is sent as: pick them, or give their email address',
		displayOptions: { show: showFor },
	}),
	{
		displayName: 'Skip Repeat Within (Minutes)',
		name: 'skipRepeatWithinMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_REPEAT_WINDOW_MINUTES,
		description:
			"When the case's chat already holds the same text from the same sender, posted this many minutes ago or less, the message is not posted again and the item's output says so. This keeps a re-run (or Retry On Fail) from messaging the partner twice. 0 posts every message.",
		displayOptions: { show: showFor },
	},
];
