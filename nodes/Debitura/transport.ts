import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import type { ErrorContext } from '../shared/errors';
import { apiError, sendRaw, waitOutRateLimits } from '../shared/request';

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
