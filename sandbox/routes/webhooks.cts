import { firstQueryValue, type ApiRequest } from '../api-request.cjs';
import { emptyResponse, jsonResponse, type ApiResponse } from '../api-response.cjs';
import { apiError, badRequest, notFound } from '../errors.cjs';
import { isUuid } from '../ids.cjs';
import { parseJsonBody } from '../json-body.cjs';
import { toZulu } from '../time.cjs';
import { isPlainObject } from '../validation.cjs';
import { isWebhookEvent, WEBHOOK_EVENTS, type WebhookEventName } from '../webhooks-events.cjs';
import type { Subscription, WebhookEventRecord } from '../webhooks.cjs';
import { newId } from '../ids.cjs';
import {
	checkSubscriptionUrl,
	dotnetJson,
	isLoopbackHost,
	newWebhookSecret,
	signatureHeader,
} from '../webhooks-wire.cjs';
import type { Route, RouteContext } from './route.cjs';

/**
 * /webhooks (subscriptions and the event log), POST /test/webhooks/fire, and the chat
 * endpoints whose messages `chat.created` reports.
 */

function webhookDto(subscription: Subscription, withSecret: boolean): Record<string, unknown> {
	return {
		id: subscription.id,
		url: subscription.url,
		events: [...subscription.events],
		isActive: subscription.isActive,
		createdUtc: toZulu(subscription.createdUtc),
		updatedUtc: toZulu(subscription.updatedUtc),
		disabledReason: subscription.disabledReason,
		// "Shown only once": at creation, and after PATCH regenerateSecret.
		secret: withSecret ? subscription.secret : null,
		isTestMode: subscription.isTestMode,
	};
}

function webhookEventDto(event: WebhookEventRecord): Record<string, unknown> {
	return {
		id: event.id,
		subscriptionId: event.subscriptionId,
		caseId: event.caseId,
		eventType: event.eventType,
		payload: event.payload,
		createdAt: toZulu(event.createdAt),
		deliveredAt: event.deliveredAt === null ? null : toZulu(event.deliveredAt),
		attemptCount: event.attemptCount,
		lastResponseCode: event.lastResponseCode,
		lastError: event.lastError,
	};
}

function readObject(
	request: ApiRequest,
): { ok: true; body: Record<string, unknown> } | { ok: false; response: ApiResponse } {
	const parsed = parseJsonBody(request);
	if (!parsed.ok) return parsed;
	if (!isPlainObject(parsed.value))
		return { ok: false, response: badRequest('The request body must be a JSON object.') };
	return { ok: true, body: parsed.value };
}

function checkEvents(
	events: unknown,
): { ok: true; events: WebhookEventName[] } | { ok: false; response: ApiResponse } {
	if (!Array.isArray(events) || events.length === 0)
		return { ok: false, response: badRequest("'events' must list at least one event.") };
	const unknown = events.filter((e) => !isWebhookEvent(e));
	if (unknown.length > 0) {
		return {
			ok: false,
			response: badRequest(
				`Unknown event type(s): ${unknown.map(String).join(', ')}. Valid: ${WEBHOOK_EVENTS.join(', ')}.`,
				'InvalidEventType',
			),
		};
	}
	return { ok: true, events: events as WebhookEventName[] };
}

function createWebhook(request: ApiRequest, context: RouteContext): ApiResponse {
	const read = readObject(request);
	if (!read.ok) return read.response;
	const { body } = read;
	const url = checkSubscriptionUrl(body.url, context.webhooks.options.allowLoopback);
	if (!url.ok)
		return apiError(
			url.status,
			url.status === 422 ? 'WebhookUrlNotAllowed' : 'ValidationError',
			url.message,
		);
	const events = checkEvents(body.events);
	if (!events.ok) return events.response;
	if (body.isTestMode !== undefined && typeof body.isTestMode !== 'boolean')
		return badRequest("'isTestMode' must be true or false.");
	const subscription = context.webhooks.subscribe({
		url: body.url as string,
		events: events.events,
		isTestMode: body.isTestMode === true,
	});
	return jsonResponse(201, webhookDto(subscription, true));
}

function findSubscription(id: string, context: RouteContext): Subscription | ApiResponse {
	if (!isUuid(id)) return badRequest('The webhook ID must be a GUID.', 'InvalidId');
	return context.webhooks.find(id) ?? notFound('Webhook not found.');
}

function updateWebhook(id: string, request: ApiRequest, context: RouteContext): ApiResponse {
	const found = findSubscription(id, context);
	if (!('secret' in found)) return found;
	const subscription = found;
	const read = readObject(request);
	if (!read.ok) return read.response;
	const { body } = read;
	if (body.url !== undefined && body.url !== null) {
		const url = checkSubscriptionUrl(body.url, context.webhooks.options.allowLoopback);
		if (!url.ok)
			return apiError(
				url.status,
				url.status === 422 ? 'WebhookUrlNotAllowed' : 'ValidationError',
				url.message,
			);
	}
	let events: WebhookEventName[] | undefined;
	if (body.events !== undefined && body.events !== null) {
		const checked = checkEvents(body.events);
		if (!checked.ok) return checked.response;
		events = checked.events;
	}
	for (const flag of ['isActive', 'isTestMode', 'regenerateSecret'] as const) {
		if (body[flag] !== undefined && body[flag] !== null && typeof body[flag] !== 'boolean')
			return badRequest(`'${flag}' must be true or false.`);
	}
	if (typeof body.url === 'string') subscription.url = body.url;
	if (events) subscription.events = [...new Set(events)];
	if (typeof body.isTestMode === 'boolean') subscription.isTestMode = body.isTestMode;
	if (body.isActive === true) {
		subscription.isActive = true;
		subscription.disabledReason = null;
		subscription.consecutiveFailures = 0;
	} else if (body.isActive === false) {
		subscription.isActive = false;
		subscription.disabledReason = 'Disabled by the customer';
	}
	const regenerate = body.regenerateSecret === true;
	if (regenerate) subscription.secret = newWebhookSecret();
	context.webhooks.touch(subscription);
	return jsonResponse(200, webhookDto(subscription, regenerate));
}

/**
 * `POST /webhooks/{id}/test` (and its alias `/webhooks/{id}:test`): a synthetic, signed case.created
 * sent now, outside the event log and the retry schedule, answered as `TestResultDto`. A failed
 * delivery is a 200 with `success: false`, as the spec describes.
 */
async function testWebhook(id: string, context: RouteContext): Promise<ApiResponse> {
	const found = findSubscription(id, context);
	if (!('secret' in found)) return found;
	const now = context.now();
	const caseId = newId();
	const testPayload = {
		id: newId(),
		specVersion: '1.0',
		event: 'case.created',
		timestamp: toZulu(now).replace(/\.\d{3}Z$/, 'Z'),
		data: {
			caseId,
			reference: 'TESTEVNT',
			lifecycle: 'Active',
			debtorName: 'Test Debtor ApS',
			grossAmount: 1000,
			currency: 'EUR',
			isTest: true,
			classification: 'test',
		},
		links: { self: `${context.baseUrl}/cases/${caseId}` },
	};
	const body = Buffer.from(dotnetJson(testPayload));
	const unixSeconds = Math.floor(now / 1000);
	const result = (
		fields: {
			success: boolean;
			httpStatusCode: number | null;
			errorMessage: string | null;
			errorCategory: string | null;
		},
		started: number,
	) => jsonResponse(200, { ...fields, durationMs: Math.max(0, Date.now() - started), testPayload });
	const started = Date.now();
	const target = new URL(found.url);
	// The sandbox never talks to anything but this machine's loopback interface.
	if (!isLoopbackHost(target.hostname)) {
		return result(
			{
				success: false,
				httpStatusCode: null,
				errorMessage: 'The sandbox delivers to loopback addresses only.',
				errorCategory: 'NetworkError',
			},
			started,
		);
	}
	const abort = new AbortController();
	const timeout = setTimeout(() => abort.abort(), context.webhooks.options.timeoutMs);
	try {
		const response = await fetch(target, {
			method: 'POST',
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'user-agent': 'Debitura-Webhooks-Sandbox/1.0',
				'x-debitura-timestamp': String(unixSeconds),
				'x-debitura-event': 'case.created',
				'x-debitura-signature': signatureHeader(found.secret, unixSeconds, body),
				'x-debitura-test': 'true',
			},
			body: new Uint8Array(body),
			redirect: 'manual',
			signal: abort.signal,
		});
		await response.arrayBuffer().catch(() => undefined);
		const success = response.status >= 200 && response.status < 300;
		return result(
			{
				success,
				httpStatusCode: response.status,
				errorMessage: success ? null : `The endpoint answered ${response.status}.`,
				errorCategory: success ? null : 'HttpError',
			},
			started,
		);
	} catch (error) {
		const timedOut = abort.signal.aborted;
		return result(
			{
				success: false,
				httpStatusCode: null,
				errorMessage: timedOut
					? `No answer within ${context.webhooks.options.timeoutMs} ms.`
					: (error as Error).message,
				errorCategory: timedOut ? 'TimeoutError' : 'NetworkError',
			},
			started,
		);
	} finally {
		clearTimeout(timeout);
	}
}

function listEvents(request: ApiRequest, context: RouteContext): ApiResponse {
	const caseId = firstQueryValue(request, 'caseId');
	if (caseId === undefined || !isUuid(caseId)) return emptyResponse(400);
	const sinceText = firstQueryValue(request, 'since');
	let since = Number.NEGATIVE_INFINITY;
	if (sinceText !== undefined) {
		since = Date.parse(sinceText);
		if (Number.isNaN(since)) return emptyResponse(400);
	}
	const events = context.webhooks
		.eventLog()
		.filter((e) => e.caseId === caseId.toLowerCase() && e.createdAt >= since)
		.reverse();
	return jsonResponse(200, events.map(webhookEventDto));
}

function replayEvent(id: string, context: RouteContext): ApiResponse {
	const event = isUuid(id) ? context.webhooks.findEvent(id) : undefined;
	if (!event || !context.webhooks.find(event.subscriptionId)) return emptyResponse(404);
	context.webhooks.replay(event);
	return jsonResponse(200, {
		eventId: event.id,
		subscriptionId: event.subscriptionId,
		eventType: event.eventType,
	});
}

function fireEvent(request: ApiRequest, context: RouteContext): ApiResponse {
	const read = readObject(request);
	if (!read.ok) return read.response;
	const { body } = read;
	if (!isWebhookEvent(body.event)) return emptyResponse(400);
	if (typeof body.caseId !== 'string' || !isUuid(body.caseId)) return emptyResponse(400);
	const record = context.store.findCase(body.caseId);
	if (!record) return emptyResponse(404);
	if (!record.isTest) return emptyResponse(400);
	let only: Subscription | undefined;
	if (body.subscriptionId !== undefined && body.subscriptionId !== null) {
		only =
			typeof body.subscriptionId === 'string' && isUuid(body.subscriptionId)
				? context.webhooks.find(body.subscriptionId)
				: undefined;
		if (!only || !only.isTestMode) return emptyResponse(400);
	}
	const result = context.webhooks.fire(body.event, record, only);
	if ('missing' in result) return emptyResponse(422);
	return jsonResponse(200, {
		eventType: body.event,
		caseId: record.id,
		enqueuedCount: result.enqueued,
	});
}

/** Literal paths before `:id` paths: /webhooks/events must not be read as a subscription id. */
export const webhookRoutes: Route[] = [
	{
		method: 'POST',
		path: '/webhooks',
		handle: (request, _params, context) => createWebhook(request, context),
	},
	{
		method: 'GET',
		path: '/webhooks',
		handle: (_r, _params, context) =>
			jsonResponse(
				200,
				context.webhooks.list().map((s) => webhookDto(s, false)),
			),
	},
	{
		method: 'GET',
		path: '/webhooks/events',
		handle: (request, _params, context) => listEvents(request, context),
	},
	{
		method: 'POST',
		path: '/webhooks/events/:id/replay',
		handle: (_r, params, context) => replayEvent(params.id, context),
	},
	{
		method: 'GET',
		path: '/webhooks/:id',
		handle: (_r, params, context) => {
			const found = findSubscription(params.id, context);
			return 'secret' in found ? jsonResponse(200, webhookDto(found, false)) : found;
		},
	},
	{
		method: 'POST',
		path: '/webhooks/:id/test',
		handle: async (_r, params, context) => await testWebhook(params.id, context),
	},
	{
		// The spec's alias `/webhooks/{id}:test` arrives as one segment.
		method: 'POST',
		path: '/webhooks/:idAndAction',
		handle: async (_r, params, context) => {
			const [id, action] = params.idAndAction.split(':');
			return action === 'test'
				? await testWebhook(id, context)
				: notFound(`No endpoint POST /webhooks/${params.idAndAction}`);
		},
	},
	{
		method: 'PATCH',
		path: '/webhooks/:id',
		handle: (request, params, context) => updateWebhook(params.id, request, context),
	},
	{
		method: 'DELETE',
		path: '/webhooks/:id',
		handle: (_r, params, context) => {
			const found = findSubscription(params.id, context);
			if (!('secret' in found)) return found;
			context.webhooks.remove(found.id);
			return emptyResponse(204);
		},
	},
	{
		method: 'POST',
		path: '/test/webhooks/fire',
		handle: (request, _params, context) => fireEvent(request, context),
	},
];
