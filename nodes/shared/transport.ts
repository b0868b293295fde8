import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { describeApiError, retryAfterMs, type ErrorContext } from './errors';

/**
 * The one request path to Debitura. Every request is authenticated by the credential, waits out
 * 429s as Debitura asks, and turns an error answer into a `NodeApiError` worded in errors.ts.
 * Declarative operations reach it through `prepareForResponseHandling` (last preSend) and
 * `handleDebituraResponse` (first postReceive); the trigger, list searches and Upload's look-up
 * call `debituraRequest`.
 */

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

type RequestContext = IExecuteSingleFunctions | IPollFunctions | ILoadOptionsFunctions;

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

/**
 * Declarative routing sends each request once; a 429 answer needs the same request sent again
 * after Debitura's `retryAfter`. The routing engine hands postReceive the response but not the
 * request, so the last preSend of every operation records the outgoing request here, keyed by the
 * per-item context object that n8n passes to both preSend and postReceive.
 */
const outgoingRequests = new WeakMap<IExecuteSingleFunctions, IHttpRequestOptions>();

/** The last preSend of every operation: let error answers reach postReceive, and remember the request. */
export async function prepareForResponseHandling(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	// Set here, not in requestDefaults: n8n's credential tester copies the node's requestDefaults,
	// and a credential test that ignores HTTP errors would call a rejected key "successful".
	requestOptions.ignoreHttpStatusErrors = true;
	outgoingRequests.set(this, requestOptions);
	return requestOptions;
}

type ContextFor = ErrorContext | ((this: IExecuteSingleFunctions) => ErrorContext);

/**
 * The first postReceive of every operation: wait out 429s as Debitura asks, then turn any error
 * status into a `NodeApiError` that says what happened and what to do about it.
 */
export function handleDebituraResponse(context: ContextFor) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		firstResponse: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const request = outgoingRequests.get(this);
		const { response, retries } = request
			? await waitOutRateLimits(async () => await sendRaw(this, request), firstResponse)
			: { response: firstResponse, retries: 0 };
		if (response.statusCode >= 400) {
			const errorContext = typeof context === 'function' ? context.call(this) : context;
			throw apiError(this, response, { ...errorContext, rateLimitRetries: retries }, this.getItemIndex());
		}
		return response === firstResponse ? items : [{ json: response.body as INodeExecutionData['json'] }];
	};
}
