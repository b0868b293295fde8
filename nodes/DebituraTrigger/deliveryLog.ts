import type { IWebhookFunctions } from 'n8n-workflow';

import { debituraBaseUrl } from '../../credentials/DebituraApi.credentials';
import { sendRaw } from '../common/transport';

/**
 * Asking Debitura's delivery log whether an event was already acknowledged. The log is the one
 * record of deliveries that survives an n8n restart and is shared by every webhook process in
 * queue mode. `GET /webhooks/events?caseId=` lists a case's events, each with the envelope it
 * sent (`payload`, a JSON string whose `id` is the event id; the record's own id is the same id)
 * and `deliveredAt`, set when an attempt was answered with 2xx. A replay resets the attempt count
 * but keeps `deliveredAt` until the replay itself succeeds, and the trigger asks before it answers
 * the replay, so a `deliveredAt` it sees comes from an earlier attempt.
 */

/** Debitura waits 10 s for an answer; the lookup gets half of that, the rest is for n8n. */
const LOG_LOOKUP_TIMEOUT_MS = 5_000;

type LogVerdict = { acknowledged: boolean } | { unreadable: string };

interface WebhookEventDto {
	id?: string;
	payload?: string | null;
	deliveredAt?: string | null;
}

function payloadId(payload: unknown): string | undefined {
	if (typeof payload !== 'string') return undefined;
	try {
		const parsed = JSON.parse(payload) as { id?: unknown };
		return typeof parsed?.id === 'string' ? parsed.id.toLowerCase() : undefined;
	} catch {
		return undefined;
	}
}

export async function acknowledgedEarlier(
	context: IWebhookFunctions,
	eventId: string,
	caseId: unknown,
): Promise<LogVerdict> {
	if (typeof caseId !== 'string' || caseId === '')
		return { unreadable: 'the event names no case, and the log is read per case' };
	let status: number;
	let body: unknown;
	try {
		const baseURL = debituraBaseUrl(await context.getCredentials('debituraApi'));
		const response = await sendRaw(context, {
			method: 'GET',
			baseURL,
			url: '/webhooks/events',
			qs: { caseId },
			timeout: LOG_LOOKUP_TIMEOUT_MS,
		});
		status = response.statusCode;
		body = response.body;
	} catch (error) {
		return { unreadable: (error as Error).message };
	}
	if (status !== 200 || !Array.isArray(body))
		return { unreadable: `Debitura answered ${status} without the list of deliveries` };
	const wanted = eventId.toLowerCase();
	const record = (body as WebhookEventDto[]).find(
		(entry) =>
			(typeof entry?.id === 'string' && entry.id.toLowerCase() === wanted) ||
			payloadId(entry?.payload) === wanted,
	);
	return { acknowledged: typeof record?.deliveredAt === 'string' && record.deliveredAt !== '' };
}
