import { newId } from './ids.cjs';
import { lifecycleLabel, type LifecycleName } from './lifecycle.cjs';
import type { CaseRecord, PaymentRecord } from './records.cjs';
import type { SandboxStore } from './store.cjs';
import { toZulu } from './time.cjs';
import { CHAT_ROLE_LABELS, ChatLog, type ChatRecord } from './webhooks-chats.cjs';
import type { SandboxEventSink, WebhookEventName } from './webhooks-events.cjs';
import { dotnetJson, isLoopbackHost, newWebhookSecret, signatureHeader } from './webhooks-wire.cjs';

/**
 * Debitura's webhook pipeline, in memory: subscriptions, the event log, signed deliveries with
 * Debitura's retry schedule, and auto-disabling. Deliveries are asynchronous (after the API call
 * that caused them has answered), one job per event and subscription.
 */

/** The wait before each attempt: 0 s, 1, 2, 4, 8, 16, 30, 30 minutes (8 attempts in all). */
export const DEBITURA_RETRY_DELAYS_MS = [
	0, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000,
];
export const MAX_ATTEMPTS = DEBITURA_RETRY_DELAYS_MS.length;
export const DELIVERY_TIMEOUT_MS = 10_000;

export interface WebhookHubOptions {
	/** Accept and deliver to http(s)://127.0.0.1|::1|localhost URLs, which Debitura refuses. */
	allowLoopback: boolean;
	/** Multiplies the retry delays (0.001 turns minutes into tens of milliseconds for tests). */
	retryScale: number;
	timeoutMs: number;
	/**
	 * Bytes of the secret `POST /webhooks` hands out (before base64); 32 unless a test asks for
	 * a weak one (0 gives an empty secret) to see that the subscriber refuses it.
	 */
	secretBytes?: number;
}

export interface Subscription {
	id: string;
	url: string;
	events: WebhookEventName[];
	isActive: boolean;
	isTestMode: boolean;
	createdUtc: number;
	updatedUtc: number;
	disabledReason: string | null;
	secret: string;
	consecutiveFailures: number;
}

export interface WebhookEventRecord {
	id: string;
	subscriptionId: string;
	caseId: string | null;
	eventType: WebhookEventName;
	payload: string;
	createdAt: number;
	deliveredAt: number | null;
	attemptCount: number;
	lastResponseCode: number | null;
	lastError: string | null;
}

/** One HTTP attempt, for tests: what was sent and what came back. */
export interface DeliveryAttempt {
	eventId: string;
	subscriptionId: string;
	attempt: number;
	kind: 'event' | 'replay' | 'probe';
	sentAt: number;
	/** When the receiver's answer (its status line) arrived; null while none has. */
	answeredAt: number | null;
	status: number | null;
	error: string | null;
}

/** A hand-made delivery for tests: a forged, stale or replayed copy of a real event. */
export interface ProbeSpec {
	/** The event (log record) whose payload and subscription to use. */
	eventId: string;
	/** 'wrong-secret' signs with a fresh random secret; 'none' sends no signature header; 'raw-secret' uses the base64 text itself as the key. */
	signature?: 'valid' | 'wrong-secret' | 'raw-secret' | 'none';
	/** Added to the signing time, in seconds (negative = in the past). */
	timestampOffsetSeconds?: number;
	replayHeader?: boolean;
	/** Replaces the exact header value when given. */
	signatureHeader?: string;
}

export class WebhookHub implements SandboxEventSink {
	private readonly subscriptions = new Map<string, Subscription>();
	private readonly events: WebhookEventRecord[] = [];
	readonly attempts: DeliveryAttempt[] = [];
	readonly chats = new ChatLog();
	/** The newest deleted payment per case, for `fire payment.deleted`. */
	private readonly deletedPayments = new Map<string, PaymentRecord>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly aborts = new Set<AbortController>();
	private busy = 0;
	/** Bumped by stop(): a request that was in flight then schedules no retry. */
	private generation = 0;
	private stopped = false;
	private idleWaiters: Array<() => void> = [];

	constructor(
		private readonly store: SandboxStore,
		private readonly clock: () => number,
		private readonly baseUrl: () => string,
		public options: WebhookHubOptions,
	) {}

	// ---- subscriptions ----

	subscribe(input: { url: string; events: WebhookEventName[]; isTestMode: boolean }): Subscription {
		const now = this.clock();
		const subscription: Subscription = {
			id: newId(),
			url: input.url,
			events: [...new Set(input.events)],
			isActive: true,
			isTestMode: input.isTestMode,
			createdUtc: now,
			updatedUtc: now,
			disabledReason: null,
			secret: newWebhookSecret(this.options.secretBytes),
			consecutiveFailures: 0,
		};
		this.subscriptions.set(subscription.id, subscription);
		return subscription;
	}

	find(id: string): Subscription | undefined {
		return this.subscriptions.get(id.toLowerCase());
	}

	list(): Subscription[] {
		return [...this.subscriptions.values()];
	}

	remove(id: string): boolean {
		return this.subscriptions.delete(id.toLowerCase());
	}

	touch(subscription: Subscription): void {
		subscription.updatedUtc = this.clock();
	}

	// ---- the event log ----

	eventLog(): WebhookEventRecord[] {
		return [...this.events];
	}

	findEvent(id: string): WebhookEventRecord | undefined {
		return this.events.find((e) => e.id === id.toLowerCase());
	}

	/**
	 * `DELETE /test/cases…` hard-deletes a case's children, its webhook delivery records included
	 * (spec): its log rows go, and with them what `fire` and replay could reuse.
	 */
	forgetCase(caseId: string): void {
		for (let i = this.events.length - 1; i >= 0; i--)
			if (this.events[i].caseId === caseId) this.events.splice(i, 1);
		this.chats.forgetCase(caseId);
		this.deletedPayments.delete(caseId);
	}

	// ---- what happens to cases (SandboxEventSink) ----

	caseCreated(record: CaseRecord): void {
		this.emit('case.created', record, caseCreatedData(record));
	}

	lifecycleChanged(record: CaseRecord, from: LifecycleName): void {
		this.emit('case.updated', record, {
			oldLifecycle: lifecycleLabel(from),
			newLifecycle: lifecycleLabel(record.lifecycle),
		});
	}

	caseClosed(record: CaseRecord): void {
		this.emit('case.closed', record, { closeCode: record.closeCode, closeComment: null });
	}

	paymentCreated(payment: PaymentRecord): void {
		const record = this.store.findCase(payment.caseId);
		if (record) this.emit('payment.created', record, paymentData(payment));
	}

	paymentDeleted(payment: PaymentRecord): void {
		this.deletedPayments.set(payment.caseId, payment);
		const record = this.store.findCase(payment.caseId);
		if (record)
			this.emit('payment.deleted', record, {
				paymentId: payment.id,
				grossAmount: payment.grossAmount,
				currency: payment.currency,
			});
	}

	chatCreated(chat: ChatRecord): void {
		const record = this.store.findCase(chat.caseId);
		if (record) this.emit('chat.created', record, chatData(chat));
	}

	/**
	 * `POST /test/webhooks/fire`: the event as the case stands now. Returns how many deliveries
	 * were enqueued, or why nothing could be built.
	 */
	fire(
		eventType: WebhookEventName,
		record: CaseRecord,
		only?: Subscription,
	): { enqueued: number } | { missing: string } {
		let data: Record<string, unknown>;
		switch (eventType) {
			case 'case.created':
				data = caseCreatedData(record);
				break;
			case 'case.updated':
				data = {
					oldLifecycle: lifecycleLabel(record.lifecycle),
					newLifecycle: lifecycleLabel(record.lifecycle),
				};
				break;
			case 'case.closed':
				data = { closeCode: record.closeCode, closeComment: null };
				break;
			case 'payment.created': {
				const newest = this.store.paymentsOfCase(record.id).at(-1);
				if (!newest) return { missing: 'The case has no payments.' };
				data = paymentData(newest);
				break;
			}
			case 'payment.deleted': {
				const deleted = this.deletedPayments.get(record.id);
				if (!deleted) return { missing: 'No payment has been deleted on the case.' };
				data = {
					paymentId: deleted.id,
					grossAmount: deleted.grossAmount,
					currency: deleted.currency,
				};
				break;
			}
			case 'chat.created': {
				const chat = this.chats.newestOf(record.id);
				if (!chat) return { missing: 'The case has no chat messages.' };
				data = chatData(chat);
				break;
			}
		}
		return { enqueued: this.emit(eventType, record, data, only) };
	}

	/** One log record and one delivery job per matching active subscription. */
	private emit(
		eventType: WebhookEventName,
		record: CaseRecord,
		data: Record<string, unknown>,
		only?: Subscription,
	): number {
		const targets = only
			? [only]
			: this.list().filter(
					(s) => s.isActive && s.isTestMode === record.isTest && s.events.includes(eventType),
				);
		const now = this.clock();
		for (const subscription of targets) {
			const id = newId();
			const envelope = {
				id,
				specVersion: '1.0',
				event: eventType,
				timestamp: toZulu(now).replace(/\.\d{3}Z$/, 'Z'),
				data: {
					caseId: record.id,
					reference: record.reference,
					...data,
					isTest: record.isTest,
					...(record.isTest ? { classification: 'test' } : {}),
				},
				links: { self: `${this.baseUrl()}/cases/${record.id}` },
			};
			const event: WebhookEventRecord = {
				id,
				subscriptionId: subscription.id,
				caseId: record.id,
				eventType,
				payload: dotnetJson(envelope),
				createdAt: now,
				deliveredAt: null,
				attemptCount: 0,
				lastResponseCode: null,
				lastError: null,
			};
			this.events.push(event);
			this.schedule(event, 1, 'event', 0);
		}
		return targets.length;
	}

	/** `POST /webhooks/events/{id}/replay`: the original payload again, as attempt 1. */
	replay(event: WebhookEventRecord): void {
		event.attemptCount = 0;
		this.schedule(event, 1, 'replay', 0);
	}

	/** Sends one hand-made delivery now and resolves with the receiver's status (null if none). */
	async probe(spec: ProbeSpec): Promise<DeliveryAttempt> {
		const event = this.findEvent(spec.eventId);
		if (!event) throw new Error(`No webhook event ${spec.eventId}`);
		const subscription = this.find(event.subscriptionId);
		if (!subscription) throw new Error(`The subscription of event ${spec.eventId} is gone`);
		const unixSeconds = Math.floor(this.clock() / 1000) + (spec.timestampOffsetSeconds ?? 0);
		const body = Buffer.from(event.payload);
		const signature = spec.signature ?? 'valid';
		let header: string | undefined;
		if (spec.signatureHeader !== undefined) header = spec.signatureHeader;
		else if (signature === 'valid')
			header = signatureHeader(subscription.secret, unixSeconds, body);
		else if (signature === 'wrong-secret')
			header = signatureHeader(newWebhookSecret(), unixSeconds, body);
		else if (signature === 'raw-secret')
			header = signatureHeader(
				Buffer.from(subscription.secret).toString('base64'),
				unixSeconds,
				body,
			);
		return await this.send(subscription, event, body, unixSeconds, header, {
			kind: 'probe',
			attempt: 0,
			replay: spec.replayHeader === true,
		});
	}

	// ---- delivery ----

	private schedule(
		event: WebhookEventRecord,
		attempt: number,
		kind: 'event' | 'replay',
		delayMs: number,
	): void {
		if (this.stopped) return;
		this.busy++;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.attempt(event, attempt, kind).finally(() => this.done());
		}, delayMs);
		this.timers.add(timer);
	}

	private async attempt(
		event: WebhookEventRecord,
		attempt: number,
		kind: 'event' | 'replay',
	): Promise<void> {
		const subscription = this.find(event.subscriptionId);
		// A deleted or disabled subscription gets nothing more, retries included.
		if (!subscription || !subscription.isActive) return;
		const unixSeconds = Math.floor(this.clock() / 1000);
		const body = Buffer.from(event.payload);
		const generation = this.generation;
		const result = await this.send(
			subscription,
			event,
			body,
			unixSeconds,
			signatureHeader(subscription.secret, unixSeconds, body),
			{
				kind,
				attempt,
				replay: kind === 'replay',
			},
		);
		if (generation !== this.generation) return;
		event.attemptCount = attempt;
		event.lastResponseCode = result.status;
		if (result.status !== null && result.status >= 200 && result.status < 300) {
			event.deliveredAt = this.clock();
			event.lastError = null;
			subscription.consecutiveFailures = 0;
			return;
		}
		event.lastError = result.error ?? `HttpError: the endpoint answered ${result.status}`;
		subscription.consecutiveFailures++;
		if (result.status === 410) {
			this.disable(subscription, 'Endpoint returned 410 Gone');
		} else if (subscription.consecutiveFailures >= MAX_ATTEMPTS) {
			this.disable(subscription, `Exceeded maximum retry attempts (${MAX_ATTEMPTS} failures)`);
		} else if (attempt < MAX_ATTEMPTS) {
			this.schedule(event, attempt + 1, kind, this.retryDelay(attempt + 1));
		}
	}

	/** Debitura's delay before `attempt`, with ±10 % jitter, scaled for tests. */
	private retryDelay(attempt: number): number {
		const jitter = 0.9 + Math.random() * 0.2;
		return Math.round(DEBITURA_RETRY_DELAYS_MS[attempt - 1] * jitter * this.options.retryScale);
	}

	private disable(subscription: Subscription, reason: string): void {
		subscription.isActive = false;
		subscription.disabledReason = reason;
		this.touch(subscription);
	}

	private async send(
		subscription: Subscription,
		event: WebhookEventRecord,
		body: Buffer,
		unixSeconds: number,
		signature: string | undefined,
		how: { kind: DeliveryAttempt['kind']; attempt: number; replay: boolean },
	): Promise<DeliveryAttempt> {
		const record: DeliveryAttempt = {
			eventId: event.id,
			subscriptionId: subscription.id,
			attempt: how.attempt,
			kind: how.kind,
			sentAt: this.clock(),
			answeredAt: null,
			status: null,
			error: null,
		};
		this.attempts.push(record);
		const target = new URL(subscription.url);
		// The sandbox never talks to anything but this machine's loopback interface.
		if (!isLoopbackHost(target.hostname)) {
			record.error = 'NetworkError: the sandbox delivers to loopback addresses only';
			return record;
		}
		const headers: Record<string, string> = {
			'content-type': 'application/json; charset=utf-8',
			'user-agent': 'Debitura-Webhooks-Sandbox/1.0',
			'x-debitura-timestamp': String(unixSeconds),
			'x-debitura-event': event.eventType,
		};
		if (signature !== undefined) headers['x-debitura-signature'] = signature;
		if (JSON.parse(event.payload).data?.isTest === true) headers['x-debitura-test'] = 'true';
		if (how.replay) headers['x-debitura-replay'] = 'true';
		const abort = new AbortController();
		this.aborts.add(abort);
		const timeout = setTimeout(
			() => abort.abort(new Error('TimeoutError')),
			this.options.timeoutMs,
		);
		try {
			const response = await fetch(target, {
				method: 'POST',
				headers,
				body: new Uint8Array(body),
				redirect: 'manual',
				signal: abort.signal,
			});
			record.answeredAt = this.clock();
			await response.arrayBuffer().catch(() => undefined);
			record.status = response.status;
		} catch (error) {
			record.error = abort.signal.aborted
				? `TimeoutError: no answer within ${this.options.timeoutMs} ms`
				: `NetworkError: ${(error as Error).message}`;
		} finally {
			clearTimeout(timeout);
			this.aborts.delete(abort);
		}
		return record;
	}

	private done(): void {
		this.busy--;
		this.wakeIfIdle();
	}

	private wakeIfIdle(): void {
		if (this.busy > 0) return;
		const waiters = this.idleWaiters;
		this.idleWaiters = [];
		for (const wake of waiters) wake();
	}

	/** Resolves once no delivery is scheduled or in flight. */
	idle(): Promise<void> {
		if (this.busy === 0) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	/** Stops all deliveries: pending retries are dropped, requests in flight are aborted. */
	stop(): void {
		this.stopped = true;
		this.generation++;
		for (const timer of this.timers) clearTimeout(timer);
		this.busy -= this.timers.size;
		this.timers.clear();
		for (const abort of this.aborts) abort.abort(new Error('Sandbox stopped'));
		this.wakeIfIdle();
	}

	/** Forgets everything; deliveries work again afterwards. */
	reset(): void {
		this.stop();
		this.stopped = false;
		// A weak secret is a fault a test asked for, not a setting of the sandbox.
		this.options.secretBytes = undefined;
		this.subscriptions.clear();
		this.events.length = 0;
		this.attempts.length = 0;
		this.chats.clear();
		this.deletedPayments.clear();
	}
}

function caseCreatedData(record: CaseRecord): Record<string, unknown> {
	return {
		lifecycle: lifecycleLabel(record.lifecycle),
		debtorName: record.debtor.name,
		grossAmount: record.grossAmount,
		currency: record.currency,
	};
}

function paymentData(payment: PaymentRecord): Record<string, unknown> {
	return {
		paymentId: payment.id,
		grossAmount: payment.grossAmount,
		currency: payment.currency,
		date: toZulu(payment.date),
		recipient: payment.recipient,
		method: payment.method,
	};
}

function chatData(chat: ChatRecord): Record<string, unknown> {
	return {
		chatId: chat.id,
		message: chat.message,
		role: chat.role,
		roleLabel: CHAT_ROLE_LABELS[chat.role],
		dateCreated: toZulu(chat.dateCreated),
	};
}
