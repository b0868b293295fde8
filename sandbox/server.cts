import type { IncomingMessage, ServerResponse } from 'node:http';
import { flattenHeaders, parseQuery, type ApiRequest } from './api-request.cjs';
import { emptyResponse, type ApiResponse } from './api-response.cjs';
import { handleControlRequest, isControlPath } from './control.cjs';
import type { SandboxCore } from './core.cjs';
import { apiError, internalError, notFound, rateLimited, rateLimitedByHeader } from './errors.cjs';
import { readBody, writeResponse } from './http-io.cjs';
import { refuseForeignHost } from './local-only.cjs';
import { describeBody } from './recording.cjs';
import { matchRoute } from './router.cjs';
import { API_ROUTES } from './routes/index.cjs';
import type { FaultSpec, RecordedRequest } from './types.cjs';

/** What a captive portal or a misconfigured proxy answers in place of the API. */
const PROXY_PAGE =
	'<!doctype html><html><head><title>Sign in</title></head><body><p>Please sign in to continue.</p></body></html>';

/** Bodies beyond this are refused outright; uploads up to 25 MB plus form overhead fit. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Control requests carry a case or a payment at most. */
const MAX_CONTROL_BODY_BYTES = 1024 * 1024;

/**
 * The request pipeline. A Host that is not ours is refused before anything else (see
 * local-only.ts). Control-surface requests then bypass everything. API requests are recorded
 * on arrival, then faults are applied (before auth, like an overloaded gateway would), then
 * the API key is checked, then the route answers.
 */
export function createRequestHandler(
	core: SandboxCore,
	delays: DelayTracker,
): (req: IncomingMessage, res: ServerResponse) => void {
	return (req, res) => {
		handle(core, delays, req, res).catch((error) => {
			console.error('[debitura-sandbox] unhandled error', error);
			writeResponse(res, internalError());
		});
	};
}

async function handle(
	core: SandboxCore,
	delays: DelayTracker,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const foreignHost = refuseForeignHost(req.headers.host, req.socket.localPort);
	if (foreignHost) {
		req.resume();
		writeResponse(res, foreignHost);
		return;
	}
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const method = (req.method ?? 'GET').toUpperCase();
	const isControl = isControlPath(url.pathname);
	const body = await readBody(req, isControl ? MAX_CONTROL_BODY_BYTES : MAX_BODY_BYTES);
	const request: ApiRequest = {
		method,
		path: url.pathname,
		query: parseQuery(url.searchParams),
		headers: flattenHeaders(req.headers),
		rawBody: body.bytes,
	};

	if (isControl) {
		writeResponse(res, handleControlRequest(core, request, body.overLimit));
		return;
	}

	const recorded: RecordedRequest = {
		method,
		path: request.path,
		query: request.query,
		headers: request.headers,
		body: describeBody(request),
		status: 0,
	};
	core.requests.push(recorded);

	const fault = core.faults.take(method, request.path);
	if (fault?.kind === 'drop') {
		req.socket.destroy();
		return;
	}
	if (fault?.kind === 'slow') await delays.wait(fault.delayMs ?? 1000);

	if (fault?.kind === 'tamper' && fault.ignorePage) {
		for (const name of Object.keys(request.query))
			if (name.toLowerCase() === 'page') delete request.query[name];
	}

	let response: ApiResponse;
	if (fault?.kind === 'rate-limit')
		response =
			fault.retryAfterHeader === undefined
				? rateLimited(fault.retryAfter ?? 1)
				: rateLimitedByHeader(fault.retryAfterHeader);
	else if (fault?.kind === 'server-error' && !fault.afterWrite)
		response = internalError(fault.status ?? 500);
	else if (fault?.kind === 'redirect')
		response = { status: fault.status ?? 302, headers: { location: fault.location ?? '/' } };
	else if (fault?.kind === 'not-found') response = notFound('Case not found.');
	else if (fault?.kind === 'html')
		response = {
			status: 200,
			bytes: Buffer.from(PROXY_PAGE),
			contentType: 'text/html; charset=utf-8',
		};
	else if (body.overLimit)
		response = apiError(413, 'PayloadTooLarge', 'The request body is too large.');
	else response = await answer(core, request);
	if (fault?.kind === 'tamper') response = tampered(response, fault);
	// The request was handled (a file stored, a case opened), but the gateway answers an error.
	if (fault?.kind === 'server-error' && fault.afterWrite)
		response = internalError(fault.status ?? 500);

	recorded.status = response.status;
	if (fault?.kind === 'drop-response') {
		recorded.status = 0;
		req.socket.destroy();
		return;
	}
	recorded.responseBytes = writeResponse(res, response);
}

async function answer(core: SandboxCore, request: ApiRequest): Promise<ApiResponse> {
	// A missing or wrong key is a bare 401: the spec documents no body for it.
	if (request.headers.xapikey !== core.apiKey) return emptyResponse(401);
	const match = matchRoute(API_ROUTES, request.method, request.path);
	if (match.kind === 'not-found') return emptyResponse(404);
	if (match.kind === 'wrong-method')
		return { status: 405, headers: { allow: match.allowed.join(', ') } };
	try {
		return await match.route.handle(request, match.params, core.routeContext());
	} catch (error) {
		console.error('[debitura-sandbox] handler failed', error);
		return internalError();
	}
}

/** A JSON answer with the fault's fields overwritten or removed (a malformed page, a lying total). */
function tampered(response: ApiResponse, fault: FaultSpec): ApiResponse {
	if (response.json === undefined || (!fault.set && !fault.unset)) return response;
	const json = JSON.parse(JSON.stringify(response.json)) as unknown;
	const walk = (path: string, apply: (parent: Record<string, unknown>, last: string) => void) => {
		const parts = path.split('.');
		let parent = json as Record<string, unknown>;
		for (const part of parts.slice(0, -1)) {
			if (parent === null || typeof parent !== 'object') return;
			parent = parent[part] as Record<string, unknown>;
		}
		if (parent !== null && typeof parent === 'object') apply(parent, parts[parts.length - 1]);
	};
	for (const [path, value] of Object.entries(fault.set ?? {}))
		walk(path, (parent, last) => (parent[last] = value));
	for (const path of fault.unset ?? []) walk(path, (parent, last) => delete parent[last]);
	return { ...response, json };
}

/** Pending 'slow' delays, so close() can cancel them instead of waiting them out. */
export class DelayTracker {
	private readonly timers = new Set<NodeJS.Timeout>();

	wait(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	/** The waiting handlers never resume; their sockets are closed by the server anyway. */
	cancelAll(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}
