import type {
	DeclarativeRestApiSettings,
	IExecuteFunctions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { debituraBaseUrl } from '../../credentials/DebituraApi.credentials';
import { apiError, type ErrorContext, nodeError, retryAfterMs, type RetryEffect } from './errors';

/**
 * The one request path to Debitura. Every request is authenticated by the credential (which also
 * checks the base URL and turns off redirects, see DebituraApi.credentials.ts), waits out 429s as
 * Debitura asks, and turns an error answer — including a redirect, and a 2xx that is not a JSON
 * object — into a `NodeApiError` worded in errors.ts.
 * Declarative operations reach it through `sendToDebitura` (n8n's pagination hook, set for every
 * operation on the Resource property) and `handleDebituraResponse` (their first postReceive that
 * reads the status); the custom operations (Create Case, Upload,
 * Message → Send), the triggers and list searches call `debituraRequest`, and Upload and Send
 * send their writes through `writeWithRecovery` (writeRetry.ts).
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
 * How long to wait before sending a request again after this answer: a 429 within the bounds above,
 * `retries` waits in; undefined when the answer stands.
 */
function waitBeforeResending(response: IN8nHttpFullResponse, retries: number): number | undefined {
	if (response.statusCode !== 429 || retries >= RATE_LIMIT.maxRetries) return undefined;
	const waitMs = retryAfterMs(response.body, response.headers) ?? RATE_LIMIT.defaultWaitMs;
	return waitMs > RATE_LIMIT.maxWaitMs ? undefined : waitMs;
}

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
	for (
		let waitMs = waitBeforeResending(response, retries);
		waitMs !== undefined;
		waitMs = waitBeforeResending(response, retries)
	) {
		await sleep(waitMs);
		retries++;
		response = await send();
	}
	return { response, retries };
}

type RequestContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| IPollFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** The credential's base URL for code that sets `baseURL` itself; a bad Custom URL fails here, in words. */
export async function debituraBaseUrlFor(context: RequestContext): Promise<string> {
	try {
		return debituraBaseUrl(await context.getCredentials(CREDENTIAL_NAME));
	} catch (error) {
		const { message, description } = error as Error & { description?: string };
		throw nodeError(context, message, description ?? undefined);
	}
}

/** Debitura answers with JSON (objects for every operation the nodes use today); a string or bytes did not come from its API. */
function isJson(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		!(body instanceof ArrayBuffer) &&
		!ArrayBuffer.isView(body)
	);
}

/**
 * What sending a request again does, read off the request itself: reads change nothing, a POST with
 * an `Idempotency-Key` is replayed by Debitura, any other write may be applied twice.
 */
export function retryEffect(options: Pick<IHttpRequestOptions, 'method' | 'headers'>): RetryEffect {
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
export async function sendRaw(
	context: RequestContext,
	options: IHttpRequestOptions,
): Promise<IN8nHttpFullResponse> {
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
	const { response, retries } = await waitOutRateLimits(
		async () => await sendRaw(context, options),
	);
	if (failed(response, shape)) {
		throw apiError(
			context,
			response,
			{ retry: retryEffect(options), ...errorContext, rateLimitRetries: retries },
			itemIndex,
		);
	}
	return response.body as T;
}

/** A request as routing sends it (after every preSend). */
export type SentRequest = DeclarativeRestApiSettings.HttpRequestOptions;

type ContextFor =
	| ErrorContext
	| ((this: IExecuteSingleFunctions, request?: SentRequest) => ErrorContext);

/** A failed answer, as `handleDebituraResponse` throws it for `sendToDebitura`. */
interface FailedAnswer {
	response: IN8nHttpFullResponse;
	/** The operation's error context, given the request that was sent (undefined where it is not known). */
	errorContext: (request?: SentRequest) => ErrorContext;
}

/** Where a thrown error carries its `FailedAnswer`: on the error itself, so nothing outlives the throw. */
const FAILED_ANSWER = Symbol('failedAnswer');

function failedAnswerOf(error: unknown): FailedAnswer | undefined {
	return error && typeof error === 'object'
		? (error as { [FAILED_ANSWER]?: FailedAnswer })[FAILED_ANSWER]
		: undefined;
}

/**
 * How every declarative operation sends its request (and paged lists each page). n8n's routing sends
 * a request once and hands postReceive the answer but not the request; the one hook that holds both
 * is the pagination function: n8n calls it after the last preSend with the complete request, and its
 * `makeRoutingRequest` sends that request and runs the postReceive chain. A 429 is waited out here,
 * as Debitura asks, by sending the same request again; any other failure is worded with what a retry
 * of this request would do.
 */
export async function sendToDebitura(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	// Set here, not in requestDefaults: n8n's credential tester copies the node's requestDefaults,
	// and a credential test that ignores HTTP errors would call a rejected key "successful".
	requestData.options.ignoreHttpStatusErrors = true;
	let retries = 0;
	const send = async (): Promise<INodeExecutionData[]> =>
		await this.makeRoutingRequest(requestData).catch(async (error: unknown) => {
			const failure = failedAnswerOf(error);
			if (!failure) throw error;
			const waitMs = waitBeforeResending(failure.response, retries);
			if (waitMs === undefined) {
				const request = requestData.options;
				const errorContext = {
					retry: retryEffect(request),
					...failure.errorContext(request),
					rateLimitRetries: retries,
				};
				throw apiError(this, failure.response, errorContext, this.getItemIndex());
			}
			await sleep(waitMs);
			retries++;
			return await send();
		});
	return await send();
}

/**
 * The first postReceive of every operation that reads the status: a failed answer is thrown for
 * `sendToDebitura`, which waits out a 429 or words the error a person reads. The thrown error is
 * already that error, worded without the request, should anything else catch it.
 */
export function handleDebituraResponse(context: ContextFor, shape: AnswerShape = 'object') {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (!failed(response, shape)) return items;
		const errorContext = (request?: SentRequest) =>
			typeof context === 'function' ? context.call(this, request) : context;
		const error = apiError(this, response, errorContext(), this.getItemIndex());
		const failure: FailedAnswer = { response, errorContext };
		throw Object.assign(error, { [FAILED_ANSWER]: failure });
	};
}
