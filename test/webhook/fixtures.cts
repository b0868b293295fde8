import { randomUUID } from 'node:crypto';

import { startSandbox, type Sandbox } from '../../sandbox/index.cjs';
import { dotnetJson, signatureHeader } from '../../sandbox/webhooks-wire.cjs';
import { WebhookTriggerUnderTest } from '../harness/webhook-trigger.cjs';

/** A sandbox that delivers to loopback URLs, and the trigger under test pointed at it. */

export const sandboxCredentials = (sandbox: Sandbox) => ({
	apiKey: sandbox.apiKey,
	environment: 'custom',
	baseUrl: sandbox.url,
});

export async function startPair(
	parameters: Record<string, unknown> = {},
): Promise<{ sandbox: Sandbox; trigger: WebhookTriggerUnderTest }> {
	const sandbox = await startSandbox({ webhookLoopback: true, webhookRetryScale: 0.0005 });
	const trigger = await WebhookTriggerUnderTest.start({
		parameters: {
			events: [
				'case.created',
				'case.updated',
				'case.closed',
				'payment.created',
				'payment.deleted',
				'chat.created',
			],
			cases: 'test',
			...parameters,
		},
		credentials: sandboxCredentials(sandbox),
	});
	return { sandbox, trigger };
}

/** An event body as Debitura writes it (.NET-escaped JSON), with a fresh id. */
export function eventBody(
	event = 'payment.created',
	data: Record<string, unknown> = {},
): { id: string; raw: Buffer } {
	const id = randomUUID();
	const envelope = {
		id,
		specVersion: '1.0',
		event,
		timestamp: new Date().toISOString(),
		data: {
			caseId: randomUUID(),
			reference: 'Q8OAXF3W',
			debtorName: 'Müller – Söhne',
			grossAmount: 250,
			isTest: true,
			classification: 'test',
			...data,
		},
		links: { self: 'https://customer-api.debitura.com/cases/x' },
	};
	return { id, raw: Buffer.from(dotnetJson(envelope)) };
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

export function sign(secret: string, raw: Buffer, at = nowSeconds()): string {
	return signatureHeader(secret, at, raw);
}

export async function post(
	url: string,
	raw: Buffer | string,
	headers: Record<string, string>,
): Promise<number> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
		body: typeof raw === 'string' ? raw : new Uint8Array(raw),
	});
	await response.text();
	return response.status;
}

/**
 * Debitura has nothing left to send and the trigger has handled everything it received. The
 * trigger answers before it starts the execution, so Debitura's idle alone does not mean the
 * executions have started.
 */
export async function quiet(sandbox: Sandbox, trigger: WebhookTriggerUnderTest): Promise<void> {
	await sandbox.webhooks.idle();
	await trigger.settled();
	await sandbox.webhooks.idle();
}
