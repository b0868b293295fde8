import type {
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { ErrorContext } from './errors';
import { answerError, apiError, retryAdviceFor, wouldBeRewritten } from './errors';
import { sendRaw, waitOutRateLimits } from './transport';

/**
 * Writes without an idempotency key (a file upload, a chat message) cannot be left to n8n's Retry
 * On Fail, which runs the whole node again for every item. Instead each item retries its own
 * transient failures here, a few times with short waits, and before every new try asks Debitura
 * whether the failed try was applied after all (a gateway can answer 502 or drop the connection
 * after the backend stored the file). Only when it was not is the request sent again.
 */

/** Sends in all (the first try included) and the waits before the second and third. */
const WRITE_RETRY = {
	attempts: 3,
	waitsMs: [1_000, 2_000],
} as const;

/** Answers that say the server or a gateway failed, not the request: worth another try. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 500, 502, 503, 504]);

/** Error codes of a connection that failed or broke off; the request may or may not have arrived. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

function isTransientStatus(status: number): boolean {
	return TRANSIENT_STATUSES.has(status);
}

/** The code of a connection failure, wherever n8n's HTTP client put it; undefined for any other error. */
function connectionFailureCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const { code, message } = current as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && TRANSIENT_CODES.has(code.toUpperCase()))
			return code.toUpperCase();
		if (typeof message === 'string') {
			if (/socket hang up/i.test(message)) return 'ECONNRESET';
			if (/timeout of \d+ms exceeded/i.test(message)) return 'ETIMEDOUT';
			const named = [...TRANSIENT_CODES].find((name) => message.toUpperCase().includes(name));
			if (named) return named;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** What one try came to: Debitura's answer, or a connection that failed. */
type Outcome =
	| { response: IN8nHttpFullResponse; rateLimitRetries: number; code?: undefined }
	| { response?: undefined; code: string };

interface WriteWithRecovery<T> {
	context: IExecuteFunctions;
	request: IHttpRequestOptions;
	itemIndex: number;
	/** Words for errors; `retry` says what running the node again does. */
	errorContext: ErrorContext;
	/** After a failed try: the record that try made after all, if Debitura holds one. */
	findApplied: () => Promise<T | undefined>;
}

/** The answer of a write that went through, or the record a failed-looking try made after all. */
type WriteResult<T> = { answer: unknown; found?: undefined } | { answer?: undefined; found: T };

/**
 * Sends one write, retrying transient failures (5xx, 408, a broken connection) up to
 * `WRITE_RETRY.attempts` times in all; before each new try it looks whether the last one was
 * applied. 429s are waited out as everywhere. Any other failure is thrown at once.
 */
export async function writeWithRecovery<T>(options: WriteWithRecovery<T>): Promise<WriteResult<T>> {
	const { context, request, itemIndex, errorContext } = options;
	let last: Outcome | undefined;
	for (let attempt = 1; attempt <= WRITE_RETRY.attempts; attempt++) {
		if (attempt > 1) {
			await sleep(
				WRITE_RETRY.waitsMs[attempt - 2] ?? WRITE_RETRY.waitsMs[WRITE_RETRY.waitsMs.length - 1],
			);
			const found = await options.findApplied();
			if (found !== undefined) return { found };
		}
		last = await tryOnce(context, request);
		if (last.code !== undefined) continue;
		const { response, rateLimitRetries } = last;
		if (isTransientStatus(response.statusCode)) continue;
		if (response.statusCode >= 300 || !isJsonObject(response.body)) {
			throw apiError(context, response, { ...errorContext, rateLimitRetries }, itemIndex);
		}
		return { answer: response.body };
	}
	// The last try failed too; one more look, since it may have been applied.
	const found = await options.findApplied();
	if (found !== undefined) return { found };
	const lasting = { ...errorContext, transientTries: WRITE_RETRY.attempts };
	if (last?.response) throw apiError(context, last.response, lasting, itemIndex);
	throw connectionError(context, last?.code ?? 'ECONNRESET', lasting, itemIndex);
}

function isJsonObject(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		!Array.isArray(body) &&
		!(body instanceof ArrayBuffer) &&
		!ArrayBuffer.isView(body)
	);
}

async function tryOnce(context: IExecuteFunctions, request: IHttpRequestOptions): Promise<Outcome> {
	try {
		const { response, retries } = await waitOutRateLimits(
			async () => await sendRaw(context, request),
		);
		return { response, rateLimitRetries: retries };
	} catch (error) {
		const code = connectionFailureCode(error);
		if (code !== undefined) return { code };
		const known = error instanceof NodeApiError || error instanceof NodeOperationError;
		throw known ? error : new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/**
 * A connection that failed on every try. The code stays out of the message: n8n replaces any
 * message naming a Node.js error code with a generic sentence.
 */
function connectionError(
	context: IExecuteFunctions,
	code: string,
	errorContext: ErrorContext,
	itemIndex: number,
): NodeApiError {
	const message = `The connection to Debitura failed while trying to ${errorContext.action}`;
	const advice = retryAdviceFor(errorContext);
	return answerError(
		context,
		{
			message: wouldBeRewritten(message) ? 'The connection to Debitura failed' : message,
			description:
				`The connection broke off or could not be made (${code}); the node tried ${errorContext.transientTries ?? 1} times. ${advice} Check the network between n8n and Debitura and the credential's Base URL.`.replace(
					/ {2,}/g,
					' ',
				),
			httpCode: 'none',
			itemIndex,
		},
		{ code } as JsonObject,
	);
}
