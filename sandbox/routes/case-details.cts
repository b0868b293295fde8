import type { ApiRequest } from '../api-request.cjs';
import { jsonResponse, type ApiResponse } from '../api-response.cjs';
import { badRequest, fieldErrorResponse, notFound } from '../errors.cjs';
import { isUuid, newId } from '../ids.cjs';
import { parseJsonBody } from '../json-body.cjs';
import type { CaseRecord } from '../records.cjs';
import type { SandboxStore } from '../store.cjs';
import { formatTimestamp } from '../time.cjs';
import { isPlainObject } from '../validation.cjs';
import type { Route, RouteContext } from './route.cjs';
import { CHAT_ROLE_LABELS, type ChatRecord as WebhookChat } from '../webhooks-chats.cjs';
import type { WebhookHub } from '../webhooks.cjs';

/**
 * What a finance team follows on a case: its timeline, validation detail, contract status,
 * exclusive period and chat with the collection partner (spec shapes; reads show zone-less
 * timestamps, like every Debitura read).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** The initial exclusive period a partner gets, and how far a payment extends it (sandbox's choice; Debitura's terms vary). */
const EXCLUSIVE_DAYS = 90;
const EXTENSION_DAYS = 30;
const MAX_CHAT_LENGTH = 10_000;

/** The sandbox's team: the users a chat can be sent as (`userEmail`, or the deprecated `userId`). */
export const TEAM = [
	{
		id: 1001,
		uuid: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
		firstName: 'Mette',
		lastName: 'Jensen',
		email: 'mette.jensen@example.com',
	},
	{
		id: 1002,
		uuid: '7a2b3c4d-5e6f-4a70-8b8c-9d0e1f2a3b4c',
		firstName: 'Lars',
		lastName: 'Holm',
		email: 'lars.holm@example.com',
	},
];

interface ChatRecord {
	id: string;
	caseId: string;
	dateCreated: number;
	role: 0 | 1 | 2;
	message: string;
	/** Listed twice by GET /chats (Debitura's known fan-out bug). */
	duplicated?: boolean;
	user: { id: number; firstName: string; lastName: string; email: string };
}

/** Chats per store; a case's chats are only reachable while the case exists, so clear() needs no hook. */
const chatsByStore = new WeakMap<SandboxStore, ChatRecord[]>();

export function chatsOf(store: SandboxStore, caseId: string): ChatRecord[] {
	const all = chatsByStore.get(store) ?? [];
	chatsByStore.set(store, all);
	return all.filter((chat) => chat.caseId === caseId).sort((a, b) => a.dateCreated - b.dateCreated);
}

/** Lets tests and the demo add a partner's message (the other side of the conversation). */
/**
 * Records one chat message: listed by GET /chats and the timeline, and announced to webhook
 * subscribers as chat.created (the hub keeps its own short record for `POST /test/webhooks/fire`).
 */
function recordChat(store: SandboxStore, webhooks: WebhookHub, chat: ChatRecord): WebhookChat {
	const all = chatsByStore.get(store) ?? [];
	chatsByStore.set(store, all);
	all.push(chat);
	const announced = webhooks.chats.add(
		{
			id: chat.id,
			caseId: chat.caseId,
			message: chat.message,
			role: chat.role,
			userEmail: chat.user.email,
		},
		chat.dateCreated,
	);
	store.events.chatCreated(announced);
	return announced;
}

/** A message from the collection partner, as tests and the webhook controls add them. */
export function addPartnerChat(
	store: SandboxStore,
	webhooks: WebhookHub,
	caseId: string,
	message: string,
	at: number,
	options: { duplicated?: boolean; managedByPartner?: boolean } = {},
): WebhookChat {
	const user = {
		id: 2001,
		firstName: 'Partner',
		lastName: 'Agent',
		email: 'agent@partner.example',
	};
	const role = options.managedByPartner ? 2 : 0;
	return recordChat(store, webhooks, {
		id: newId(),
		caseId,
		dateCreated: at,
		role,
		message,
		duplicated: options.duplicated,
		user,
	});
}

function chatDto(chat: ChatRecord) {
	return {
		id: chat.id,
		dateCreated: formatTimestamp(chat.dateCreated, 'naive'),
		dateUpdated: null,
		role: chat.role,
		roleLabel: CHAT_ROLE_LABELS[chat.role],
		message: chat.message,
		isSeen: chat.role === 1,
		user: {
			id: chat.user.id,
			dateCreated: null,
			dateUpdated: null,
			firstName: chat.user.firstName,
			lastName: chat.user.lastName,
			email: chat.user.email,
		},
	};
}

/** The case of a `/cases/{id}/…` path, or the 400/404 Debitura answers. */
function withCase(
	id: string,
	context: RouteContext,
	answer: (record: CaseRecord) => ApiResponse,
): ApiResponse {
	if (!isUuid(id)) return badRequest('The case ID must be a GUID.', 'InvalidId');
	const record = context.store.findCase(id);
	return record
		? answer(record)
		: notFound('Case not found, deleted, or not part of your account.');
}

function timeline(record: CaseRecord, context: RouteContext): ApiResponse {
	const system = { type: 'System', name: null };
	const events: Array<{
		at: number;
		type: string;
		title: string;
		description: string;
		actor: { type: string; name: string | null };
	}> = [
		{
			at: record.dateCreated,
			type: 'CaseCreated',
			title: 'Case created',
			description: `Case ${record.reference} was created.`,
			actor: { type: 'Creditor user', name: null },
		},
	];
	if (record.dateCollectionStarted !== null) {
		events.push({
			at: record.dateCollectionStarted,
			type: 'CollectionStarted',
			title: 'Collection started',
			description: record.collectionPartner?.name
				? `${record.collectionPartner.name} started collection.`
				: 'Collection started.',
			actor: system,
		});
	}
	for (const payment of context.store.paymentsOfCase(record.id)) {
		events.push({
			at: payment.dateCreated,
			type: 'PaymentRegistered',
			title: 'Payment registered',
			description: `${payment.grossAmount} ${payment.currency ?? record.currency} received.`,
			actor: { type: 'Partner user', name: null },
		});
	}
	for (const chat of chatsOf(context.store, record.id)) {
		events.push({
			at: chat.dateCreated,
			type: 'ChatMessage',
			title: 'New message',
			description: chat.message.slice(0, 200),
			actor: {
				type: chat.role === 1 ? 'Creditor user' : 'Partner user',
				name: `${chat.user.firstName} ${chat.user.lastName}`,
			},
		});
	}
	if (record.dateFinished !== null) {
		events.push({
			at: record.dateFinished,
			type: 'CaseClosed',
			title: 'Case closed',
			description: `Closed: ${record.closeCode ?? 'no close code'}.`,
			actor: system,
		});
	}
	events.sort((a, b) => a.at - b.at);
	const phase = record.lifecycle === 'Active' && record.collectionPartner ? 'Pre-legal' : null;
	return jsonResponse(200, {
		items: events.map(({ at, ...event }) => ({ date: formatTimestamp(at, 'naive'), ...event })),
		currentEngagementPhase: phase,
	});
}

function validation(record: CaseRecord): ApiResponse {
	const needsInfo = record.lifecycle === 'NeedsAdditionalDetails';
	return jsonResponse(200, {
		needsInfo,
		creditorRespondedAt: null,
		items: needsInfo
			? [
					{
						resolutionArea: 'DebtorContactDetails',
						description:
							"Add the debtor's email address or phone number so the partner can reach them.",
					},
				]
			: [],
	});
}

function contractStatus(record: CaseRecord, context: RouteContext): ApiResponse {
	const signed = context.store.contractsSigned || record.isTest;
	const signingUrl = record.combinedSigningUrl ?? 'https://app.debitura.com/contracts/sign';
	const item = (isSigned: boolean) => ({
		signed: isSigned,
		requiresResigning: false,
		solutionUrl: isSigned ? null : signingUrl,
	});
	return jsonResponse(200, {
		sdca: item(signed),
		poa: record.collectionPartner ? item(signed) : null,
		pricingAppendix: null,
		collectionPartnerName: record.collectionPartner?.name ?? null,
		needsPoaSigning: record.lifecycle === 'PendingContractSigning',
	});
}

function exclusivePeriod(record: CaseRecord, context: RouteContext): ApiResponse {
	if (record.dateCollectionStarted === null)
		return notFound('No collection period exists for this case.');
	let end = record.dateCollectionStarted + EXCLUSIVE_DAYS * DAY_MS;
	const extensions = context.store.paymentsOfCase(record.id).map((payment) => {
		end = Math.max(end, payment.date + EXTENSION_DAYS * DAY_MS);
		return {
			type: 'Payment',
			eventDate: formatTimestamp(payment.date, 'naive'),
			newEndDate: formatTimestamp(end, 'naive'),
		};
	});
	const now = context.now();
	const finished = record.dateFinished !== null;
	const status = finished || end < now ? 'Expired' : 'Active';
	return jsonResponse(200, {
		engagementStartDate: formatTimestamp(record.dateCollectionStarted, 'naive'),
		currentEndDate: formatTimestamp(end, 'naive'),
		daysRemaining: Math.ceil((end - now) / DAY_MS),
		status,
		extensions,
	});
}

function sendChat(record: CaseRecord, request: ApiRequest, context: RouteContext): ApiResponse {
	const parsed = parseJsonBody(request);
	if (!parsed.ok) return parsed.response;
	const body = parsed.value;
	if (!isPlainObject(body)) return badRequest('The request body must be a JSON object.');
	const unknown = Object.keys(body).filter(
		(key) => !['message', 'userid', 'useremail'].includes(key.toLowerCase()),
	);
	if (unknown.length > 0)
		return fieldErrorResponse(
			Object.fromEntries(unknown.map((key) => [key, ['Could not find member on object.']])),
		);
	const field = (name: string) =>
		Object.entries(body).find(([key]) => key.toLowerCase() === name)?.[1];
	const message = field('message');
	if (typeof message !== 'string' || message.trim() === '')
		return fieldErrorResponse({ message: ['The Message field is required.'] });
	if (message.length > MAX_CHAT_LENGTH)
		return fieldErrorResponse({
			message: [`The Message field must be at most ${MAX_CHAT_LENGTH} characters.`],
		});
	const email = field('useremail');
	const userId = field('userid');
	if (email == null && userId == null)
		return badRequest(
			'Give userEmail (or the deprecated userId) of a member of your team.',
			'MissingUserIdentifier',
		);
	const user =
		email != null
			? TEAM.find(
					(member) =>
						typeof email === 'string' && member.email.toLowerCase() === email.trim().toLowerCase(),
				)
			: TEAM.find((member) => typeof userId === 'string' && member.uuid === userId.toLowerCase());
	if (!user) return badRequest('The user is not an active member of your team.', 'InvalidUser');
	const chat: ChatRecord = {
		id: newId(),
		caseId: record.id,
		dateCreated: context.now(),
		role: 1,
		message,
		user,
	};
	recordChat(context.store, context.webhooks, chat);
	return jsonResponse(200, chatDto(chat));
}

export const caseDetailRoutes: Route[] = [
	{
		method: 'GET',
		path: '/cases/:id/timeline',
		handle: (_r, params, context) =>
			withCase(params.id, context, (record) => timeline(record, context)),
	},
	{
		method: 'GET',
		path: '/cases/:id/validation',
		handle: (_r, params, context) => withCase(params.id, context, validation),
	},
	{
		method: 'GET',
		path: '/cases/:id/contract-status',
		handle: (_r, params, context) =>
			withCase(params.id, context, (record) => contractStatus(record, context)),
	},
	{
		method: 'GET',
		path: '/cases/:id/exclusive-period',
		handle: (_r, params, context) =>
			withCase(params.id, context, (record) => exclusivePeriod(record, context)),
	},
	{
		method: 'GET',
		path: '/cases/:id/chats',
		handle: (_r, params, context) =>
			withCase(params.id, context, (record) =>
				jsonResponse(
					200,
					chatsOf(context.store, record.id).flatMap((chat) =>
						chat.duplicated ? [chatDto(chat), chatDto(chat)] : [chatDto(chat)],
					),
				),
			),
	},
	{
		method: 'POST',
		path: '/cases/:id/chats',
		handle: (request, params, context) =>
			withCase(params.id, context, (record) => sendChat(record, request, context)),
	},
];
