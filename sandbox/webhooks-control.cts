import { emptyResponse, jsonResponse, type ApiResponse } from './api-response.cjs';
import type { SandboxCore } from './core.cjs';
import type { RoutePattern } from './router.cjs';
import { UnknownEntityError } from './sandbox-errors.cjs';
import type { ChatRecord } from './webhooks-chats.cjs';
import type { DeliveryAttempt, ProbeSpec, Subscription, WebhookEventRecord } from './webhooks.cjs';
import { addPartnerChat } from './routes/case-details.cjs';
import { WEBHOOK_SECRET_BYTES } from './webhooks-wire.cjs';

/** What tests see of the webhook pipeline, in process (`sandbox.webhooks`) and over /__sandbox/. */
export interface SandboxWebhooks {
	/** Copies, secrets included (tests check what the node stored against them). */
	subscriptions(): Subscription[];
	/** Oldest first. */
	events(): WebhookEventRecord[];
	/** Every HTTP attempt, oldest first. */
	attempts(): DeliveryAttempt[];
	/** Resolves when no delivery is scheduled or in flight (retries included). */
	idle(): Promise<void>;
	/** Sends a forged, stale or replayed copy of a logged event right now. */
	probe(spec: ProbeSpec): Promise<DeliveryAttempt>;
	/** A chat message on the case, as a partner would write it; fires chat.created. */
	addChat(caseId: string, message: string): ChatRecord;
	setLoopback(allowed: boolean): void;
	setRetryScale(scale: number): void;
	/** Bytes of the secrets new subscriptions get (0: an empty secret); undefined restores Debitura's 32. */
	setSecretBytes(bytes: number | undefined): void;
}

export function sandboxWebhooks(core: SandboxCore): SandboxWebhooks {
	const hub = core.webhooks;
	return {
		subscriptions: () => hub.list().map((s) => ({ ...s, events: [...s.events] })),
		events: () => hub.eventLog().map((e) => ({ ...e })),
		attempts: () => hub.attempts.map((a) => ({ ...a })),
		idle: () => hub.idle(),
		probe: (spec) => hub.probe(spec),
		addChat: (caseId, message) => {
			const record = core.store.findCase(caseId);
			if (!record) throw new UnknownEntityError(`No case with id ${caseId}`);
			return addPartnerChat(core.store, hub, record.id, message, core.now());
		},
		setLoopback: (allowed) => {
			hub.options.allowLoopback = allowed;
		},
		setRetryScale: (scale) => {
			hub.options.retryScale = scale;
		},
		setSecretBytes: (bytes) => {
			if (bytes !== undefined && (!Number.isInteger(bytes) || bytes < 0 || bytes > 1024))
				throw new Error('secret bytes must be a whole number from 0 to 1024');
			hub.options.secretBytes = bytes;
		},
	};
}

interface WebhookControlRoute extends RoutePattern {
	handle(core: SandboxCore, body: Record<string, unknown>): ApiResponse;
}

/** Control-surface routes for tests driving a separate n8n process. */
export const WEBHOOK_CONTROL_ROUTES: WebhookControlRoute[] = [
	{
		method: 'GET',
		path: '/__sandbox/webhooks',
		handle: (core) => {
			const webhooks = sandboxWebhooks(core);
			return jsonResponse(200, {
				subscriptions: webhooks.subscriptions(),
				events: webhooks.events(),
				attempts: webhooks.attempts(),
			});
		},
	},
	{
		// Answers at once; the attempt (and the receiver's status) shows up in GET /__sandbox/webhooks.
		method: 'POST',
		path: '/__sandbox/webhooks/probe',
		handle: (core, body) => {
			const spec = body as unknown as ProbeSpec;
			if (typeof spec.eventId !== 'string' || !core.webhooks.findEvent(spec.eventId))
				throw new UnknownEntityError(`No webhook event ${String(spec.eventId)}`);
			core.webhooks
				.probe(spec)
				.catch((error) => console.error('[debitura-sandbox] probe failed', error));
			return emptyResponse(202);
		},
	},
	{
		// `{ "bytes": 16 }` makes new subscriptions' secrets 16 bytes, `{ "bytes": 0 }` empty; `{}` restores 32.
		method: 'POST',
		path: '/__sandbox/webhooks/secret',
		handle: (core, body) => {
			const bytes =
				body.bytes === undefined || body.bytes === null ? undefined : Number(body.bytes);
			sandboxWebhooks(core).setSecretBytes(bytes);
			return jsonResponse(200, {
				secretBytes: core.webhooks.options.secretBytes ?? WEBHOOK_SECRET_BYTES,
			});
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/chats',
		handle: (core, body) => {
			if (typeof body.caseId !== 'string' || typeof body.message !== 'string')
				throw new Error('caseId and message are required');
			return jsonResponse(200, sandboxWebhooks(core).addChat(body.caseId, body.message));
		},
	},
];
