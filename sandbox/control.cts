import { firstQueryValue, mediaType, type ApiRequest } from './api-request.cjs';
import { emptyResponse, jsonResponse, type ApiResponse } from './api-response.cjs';
import type { SandboxCore } from './core.cjs';
import { isPaymentOrder, PAYMENT_ORDERS } from './payment-order.cjs';
import { redactedRequest } from './recording.cjs';
import { matchRoute, type RoutePattern } from './router.cjs';
import { UnknownEntityError } from './sandbox-errors.cjs';
import type { AddPaymentInput, FaultSpec, PaymentDto, SandboxCaseInput } from './types.cjs';
import { isPlainObject } from './validation.cjs';
import { WEBHOOK_CONTROL_ROUTES } from './webhooks-control.cjs';

/**
 * The HTTP control surface under /__sandbox/, for tests that drive a separate n8n process and
 * cannot call the JS API. No API key, never recorded. Errors are `{ error: message }`.
 *
 * Without a key, anything on the machine may call it, a web page in a browser included. Every
 * request that changes something must say `Content-Type: application/json`: a page can send that
 * across origins only after a CORS preflight, which the sandbox never grants. Reads stay plain GETs
 * (the download and signing links are opened in a browser); the request log they serve shows no key.
 */

export const CONTROL_PREFIX = '/__sandbox';

export function isControlPath(path: string): boolean {
	return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

interface ControlRoute extends RoutePattern {
	handle(
		core: SandboxCore,
		body: Record<string, unknown>,
		params: Record<string, string>,
		request: ApiRequest,
	): ApiResponse;
}

const CONTROL_ROUTES: ControlRoute[] = [
	{
		method: 'POST',
		path: '/__sandbox/reset',
		handle: (core) => {
			core.reset();
			return emptyResponse(204);
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/demo',
		handle: (core) => {
			core.seedDemoData();
			return emptyResponse(204);
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/order',
		handle: (core, body) => {
			if (!isPaymentOrder(body.order))
				return controlError(400, `order must be one of ${PAYMENT_ORDERS.join(', ')}`);
			core.paymentOrder = body.order;
			return jsonResponse(200, { order: core.paymentOrder });
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/contracts',
		handle: (core, body) => {
			if (typeof body.signed !== 'boolean')
				return controlError(400, 'signed must be true or false');
			core.setContractsSigned(body.signed);
			return jsonResponse(200, { signed: body.signed });
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/cases',
		handle: (core, body) => jsonResponse(200, core.createCase(body as SandboxCaseInput)),
	},
	{
		method: 'POST',
		path: '/__sandbox/payments',
		handle: (core, body) => jsonResponse(200, core.addPayment(body as unknown as AddPaymentInput)),
	},
	{
		method: 'PATCH',
		path: '/__sandbox/payments/:id',
		handle: (core, body, params) =>
			jsonResponse(200, core.editPayment(params.id, body as Partial<PaymentDto>)),
	},
	{
		method: 'DELETE',
		path: '/__sandbox/payments/:id',
		handle: (core, _body, params) => {
			core.deletePayment(params.id);
			return emptyResponse(204);
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/faults',
		handle: (core, body) => {
			core.injectFault(faultFromJson(body));
			return emptyResponse(204);
		},
	},
	{
		method: 'DELETE',
		path: '/__sandbox/faults',
		handle: (core) => {
			core.faults.clear();
			return emptyResponse(204);
		},
	},
	{
		method: 'GET',
		path: '/__sandbox/requests',
		handle: (core) =>
			jsonResponse(
				200,
				core.requests.map((r) => redactedRequest(r, core.apiKey)),
			),
	},
	{
		method: 'GET',
		path: '/__sandbox/state',
		handle: (core) => jsonResponse(200, { cases: core.listCases(), payments: core.listPayments() }),
	},
	{
		method: 'GET',
		path: '/__sandbox/cases/:caseId/files/:fileId/content',
		handle: (core, _body, params, request) => fileContent(core, params, request),
	},
	{ method: 'GET', path: '/__sandbox/signing', handle: () => signingPage() },
	...WEBHOOK_CONTROL_ROUTES,
];

export function handleControlRequest(
	core: SandboxCore,
	request: ApiRequest,
	bodyTooLarge: boolean,
): ApiResponse {
	const match = matchRoute(CONTROL_ROUTES, request.method, request.path);
	if (match.kind === 'not-found')
		return controlError(404, `No control endpoint ${request.method} ${request.path}`);
	if (match.kind === 'wrong-method')
		return {
			...controlError(405, 'Method not allowed'),
			headers: { allow: match.allowed.join(', ') },
		};
	if (request.method !== 'GET' && mediaType(request) !== 'application/json') {
		return controlError(
			415,
			`Control requests that change something must be sent as JSON (Content-Type: application/json), even with an empty body; this one said ${JSON.stringify(request.headers['content-type'] ?? 'nothing')}.`,
		);
	}
	if (bodyTooLarge) return controlError(413, 'Control request bodies are limited to 1 MB.');

	let body: unknown = {};
	const text = request.rawBody.toString('utf8');
	if (text.trim() !== '') {
		try {
			body = JSON.parse(text);
		} catch {
			return controlError(400, 'Body is not valid JSON');
		}
	}
	if (!isPlainObject(body)) return controlError(400, 'Body must be a JSON object');
	try {
		return match.route.handle(core, body, match.params, request);
	} catch (error) {
		return controlError(error instanceof UnknownEntityError ? 404 : 400, (error as Error).message);
	}
}

/**
 * Paths are plain text: exact, or a prefix ending in '*'. Patterns are refused, because a pattern
 * runs against every later request and a backtracking one stalls the sandbox for everyone.
 */
function faultFromJson(body: Record<string, unknown>): FaultSpec {
	if ('pathRegex' in body)
		throw new Error(
			'pathRegex is not accepted: use path, an exact path or a prefix ending in * (e.g. "/payments*")',
		);
	return body as unknown as FaultSpec;
}

/** Serves stored bytes; like a SAS link, it stops working once `se` has passed. */
function fileContent(
	core: SandboxCore,
	params: Record<string, string>,
	request: ApiRequest,
): ApiResponse {
	const file = core.getFile(params.caseId, params.fileId);
	if (!file) return controlError(404, 'No such file');
	const expiry = firstQueryValue(request, 'se');
	if (expiry !== undefined && Date.parse(expiry) < core.now())
		return controlError(403, 'The download link has expired');
	return {
		status: 200,
		bytes: file.bytes,
		contentType: file.contentType,
		headers: {
			'content-disposition': `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, '_')}"`,
		},
	};
}

function signingPage(): ApiResponse {
	const html =
		'<!doctype html><title>Debitura sandbox</title><p>This is where the creditor would sign the debt collection agreement and power of attorney. ' +
		'In the sandbox, use <code>POST /__sandbox/contracts {"signed": true}</code> instead.</p>';
	return { status: 200, bytes: Buffer.from(html), contentType: 'text/html; charset=utf-8' };
}

function controlError(status: number, message: string): ApiResponse {
	return jsonResponse(status, { error: message });
}
