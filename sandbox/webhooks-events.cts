import type { LifecycleName } from './lifecycle.cjs';
import type { CaseRecord, PaymentRecord } from './records.cjs';
import type { ChatRecord } from './webhooks-chats.cjs';

/**
 * Where the sandbox reports what happened to a case. Each place that changes state calls one of
 * these in one line; the webhook hub (webhooks.cts) turns the calls into signed deliveries.
 * The default sink ignores everything, so the store works on its own.
 */
export interface SandboxEventSink {
	caseCreated(record: CaseRecord): void;
	lifecycleChanged(record: CaseRecord, from: LifecycleName): void;
	caseClosed(record: CaseRecord): void;
	paymentCreated(payment: PaymentRecord): void;
	paymentDeleted(payment: PaymentRecord): void;
	chatCreated(chat: ChatRecord): void;
}

export const IGNORE_EVENTS: SandboxEventSink = {
	caseCreated: () => undefined,
	lifecycleChanged: () => undefined,
	caseClosed: () => undefined,
	paymentCreated: () => undefined,
	paymentDeleted: () => undefined,
	chatCreated: () => undefined,
};

/** The Customer API's six event names (SPEC `POST /webhooks`). */
export const WEBHOOK_EVENTS = [
	'case.created',
	'case.updated',
	'case.closed',
	'payment.created',
	'payment.deleted',
	'chat.created',
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: unknown): value is WebhookEventName {
	return typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}
