import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { handleDebituraResponse, prepareForResponseHandling } from '../../../shared/transport';
import { caseIdPath, caseLocator, caseResourceErrorContext } from '../../shared/case-locator';
import { outputWithUtcTimestamps } from '../../shared/output';
import { refusedInput, refuseItem } from '../../shared/refused-input';
import { cleanText } from '../../shared/values';

const showFor = { resource: ['message'], operation: ['send'] };
const DOING = 'send the message';

/** Debitura's limit for a chat message (spec, `SendChatRequest.message`). */
export const MAX_MESSAGE_LENGTH = 10_000;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Chats carry no idempotency key: a retry after a server error can post the message twice. */
const SEND_RETRY_ADVICE =
	'Do not simply retry: Debitura may have posted the message before the error, and messages carry no idempotency key, so a retry can post it twice (and email the partner twice). Check the case\'s messages first (Message → Get Many).';

function sendErrorContext(this: IExecuteSingleFunctions) {
	return { ...caseResourceErrorContext(DOING).call(this), retryAdvice: SEND_RETRY_ADVICE, fieldLabels: { message: 'Message', userEmail: 'Sender Email', useremail: 'Sender Email' } };
}

export const sendMessageOperation: INodePropertyOptions = {
	name: 'Send',
	value: 'send',
	action: 'Send a message on a case',
	description:
		"Post a message in a case's chat with the collection partner (the partner is emailed); use it to answer a partner's question or give more information. Returns the message as stored.",
	routing: {
		request: { method: 'POST', url: '/cases' },
		send: { preSend: [buildSendMessageRequest, prepareForResponseHandling] },
		output: { postReceive: [handleDebituraResponse(sendErrorContext), outputWithUtcTimestamps] },
	},
};

/** preSend: the checked message and sender, sent to the case's `/chats`. */
export async function buildSendMessageRequest(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const fail = (message: string, howToFix: string) => refuseItem(this, message, howToFix);
	let message: string | undefined;
	try {
		message = cleanText(this.getNodeParameter('message', ''), 'Message', { maxLength: MAX_MESSAGE_LENGTH, multiline: true });
	} catch (error) {
		throw refusedInput(this, error, 'Shorten the message or split it in two.');
	}
	if (!message) throw fail('"Message" is empty', 'Write the message, or point the expression at the field that holds it.');
	const sender = String(this.getNodeParameter('senderEmail', '') ?? '').trim();
	if (!EMAIL.test(sender)) {
		throw fail(
			sender ? `"Sender Email" is not an email address: "${sender.slice(0, 80)}"` : '"Sender Email" is empty',
			'Give the email address of a member of your Debitura team; the message is sent in their name.',
		);
	}
	requestOptions.url = `${await caseIdPath(this, requestOptions.baseURL, DOING)}/chats`;
	requestOptions.body = { message, userEmail: sender };
	requestOptions.json = true;
	return requestOptions;
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
	{
		displayName: 'Sender Email',
		name: 'senderEmail',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
		required: true,
		description: 'Email address of the member of your Debitura team the message is sent as',
		displayOptions: { show: showFor },
	},
];
