import type {
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { debituraBaseUrl } from '../../credentials/DebituraApi.credentials';
import { apiError, retryAfterMs, type ErrorContext, type RetryEffect } from './errors';

/**
 * The one request path to Debitura. Every request is authenticated by the credential (which also
 * checks the base URL and turns off redirects, see DebituraApi.credentials.ts), waits out 429s as
 * Debitura asks, and turns an error answer — including a redirect, and a 2xx that is not a JSON
 * object — into a `NodeApiError` worded in errors.ts.
 * Declarative operations reach it through `prepareForResponseHandling` (last preSend) and
 * `handleDebituraResponse` (first postReceive); the custom operations (Create Case, Upload,
 * Message → Send), the triggers and list searches call `debituraRequest`, and Upload and Send
 * send their writes through `writeWithRecovery` (write-retry.ts).
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
		const waitMs = retryAfterMs(response.body, response.headers) ?? RATE_LIMIT.defaultWaitMs;
		if (waitMs > RATE_LIMIT.maxWaitMs) break;
		await sleep(waitMs);
		retries++;
		response = await send();
	}
	return { response, retries };
}

type RequestContext = IExecuteFunctions | IExecuteSingleFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

/** The credential's base URL for code that sets `baseURL` itself; a bad Custom URL fails here, in words. */
export async function debituraBaseUrlFor(context: RequestContext): Promise<string> {
	try {
		return debituraBaseUrl(await context.getCredentials(CREDENTIAL_NAME));
	} catch (error) {
		const { message, description } = error as Error & { description?: string };
		throw new NodeOperationError(context.getNode(), message, { description: description ?? undefined });
	}
}

/** Debitura answers with JSON (objects for every operation the nodes use today); a string or bytes did not come from its API. */
function isJson(body: unknown): boolean {
	return typeof body === 'object' && body !== null && !(body instanceof ArrayBuffer) && !ArrayBuffer.isView(body);
}

/**
 * What sending a request again does, read off the request itself: reads change nothing, a POST with
 * an `Idempotency-Key` is replayed by Debitura, any other write may be applied twice.
 */
export function retryEffect(options: IHttpRequestOptions): RetryEffect {
	const method = (options.method ?? 'GET').toUpperCase();
	if (method === 'GET' || method === 'HEAD') return 'read';
	const headers = Object.keys(options.headers ?? {}).map((name) => name.toLowerCase());
	return headers.includes('idempotency-key') ? 'idempotent' : 'duplicates';
}

/** What a successful answer is: one JSON object, or (for `/cases/{id}/chats`, `/files`, `/payments`, `/tasks`) a JSON list. */
export type AnswerShape = 'object' | 'list';

/**
 * Whether an answer is a failure: an error status, a redirect (never followed), or a 2xx that is not
 * the JSON the operation expects (204 aside: no content is what some writes answer).
 */
function failed(response: IN8nHttpFullResponse, shape?: AnswerShape): boolean {
	if (response.statusCode >= 300) return true;
	if (response.statusCode === 204) return false;
	if (shape === 'list') return !Array.isArray(response.body);
	if (shape === 'object') return !isJson(response.body) || Array.isArray(response.body);
	return !isJson(response.body);
}

/** One authenticated request that answers in full, whatever its status. */
export async function sendRaw(context: RequestContext, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> {
	return (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_NAME, {
		...options,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
}

/**
 * A request whose failed answer (after rate-limit waits) is thrown as a `NodeApiError`; else
 * Debitura's JSON. With a `shape`, a 2xx of the other shape is a failure too.
 */
export async function debituraRequest<T>(
	context: RequestContext,
	options: IHttpRequestOptions,
	errorContext: ErrorContext,
	itemIndex?: number,
	shape?: AnswerShape,
): Promise<T> {
	const { response, retries } = await waitOutRateLimits(async () => await sendRaw(context, options));
	if (failed(response, shape)) {
		throw apiError(context, response, { retry: retryEffect(options), ...errorContext, rateLimitRetries: retries }, itemIndex);
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
 * The first postReceive of every operation: wait out 429s as Debitura asks, then turn a failed
 * answer into a `NodeApiError` that says what happened and what to do about it.
 */
export function handleDebituraResponse(context: ContextFor, shape: AnswerShape = 'object') {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		firstResponse: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const request = outgoingRequests.get(this);
		const { response, retries } = request
			? await waitOutRateLimits(async () => await sendRaw(this, request), firstResponse)
			: { response: firstResponse, retries: 0 };
		if (failed(response, shape)) {
			const errorContext = typeof context === 'function' ? context.call(this) : context;
			const retry = request ? retryEffect(request) : undefined;
			throw apiError(this, response, { retry, ...errorContext, rateLimitRetries: retries }, this.getItemIndex());
		}
		return response === firstResponse ? items : [{ json: response.body as INodeExecutionData['json'] }];
	};
}
