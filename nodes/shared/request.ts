import type {
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { describeApiError, retryAfterMs, type ErrorContext } from './errors';

export const CREDENTIAL_NAME = 'debituraApi';

/**
 * How the nodes wait out Debitura's 429s. Debitura says how long to wait (`retryAfter`, seconds);
 * the nodes honour it a bounded number of times and never sleep longer than a run can reasonably
 * hold a worker — a longer wait means an hourly or daily limit, which no retry inside one
 * execution fixes.
 */
export const RATE_LIMIT = {
	maxRetries: 3,
	maxWaitMs: 60_000,
	defaultWaitMs: 2_000,
} as const;

/**
 * Sends (or, given the first answer, re-sends) a request while Debitura answers 429 and the wait
 * it asks for is within bounds. Returns the last answer and how many waits it took.
 */
export async function waitOutRateLimits(
	send: () => Promise<IN8nHttpFullResponse>,
	first?: IN8nHttpFullResponse,
): Promise<{ response: IN8nHttpFullResponse; retries: number }> {
	let response = first ?? (await send());
	let retries = 0;
	while (response.statusCode === 429 && retries < RATE_LIMIT.maxRetries) {
		const waitMs = retryAfterMs(response.body, response.headers, RATE_LIMIT.defaultWaitMs);
		if (waitMs > RATE_LIMIT.maxWaitMs) break;
		await sleep(waitMs);
		retries++;
		response = await send();
	}
	return { response, retries };
}

type RequestContext = IExecuteSingleFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

/** One authenticated request that answers in full, whatever its status. */
export async function sendRaw(context: RequestContext, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> {
	return (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_NAME, {
		...options,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
}

/** The error a failed answer becomes: Debitura's body for the details, our words for the message. */
export function apiError(
	context: RequestContext,
	response: IN8nHttpFullResponse,
	errorContext: ErrorContext,
	itemIndex?: number,
): NodeApiError {
	const { message, description } = describeApiError(response.statusCode, response.body, errorContext);
	const body = response.body && typeof response.body === 'object' ? (response.body as JsonObject) : {};
	return new NodeApiError(context.getNode(), body, {
		message,
		description,
		httpCode: String(response.statusCode),
		itemIndex,
	});
}

/** A request whose non-2xx answer (after rate-limit waits) is thrown as a `NodeApiError`. */
export async function debituraRequest<T>(
	context: RequestContext,
	options: IHttpRequestOptions,
	errorContext: ErrorContext,
	itemIndex?: number,
): Promise<T> {
	const { response, retries } = await waitOutRateLimits(async () => await sendRaw(context, options));
	if (response.statusCode >= 400) {
		throw apiError(context, response, { ...errorContext, rateLimitRetries: retries }, itemIndex);
	}
	return response.body as T;
}
