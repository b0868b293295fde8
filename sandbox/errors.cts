import type { ApiResponse } from './api-response.cjs';
import type { BusinessError } from './case-creation.cjs';
import type { FieldErrors } from './validation.cjs';

/**
 * The error body shapes Debitura uses, each built in one place:
 * ApiErrorResponseDto (legacy error/message plus canonical businessErrors), the bare field map
 * of POST /cases validation, the 422 business-error body, and ASP.NET ProblemDetails.
 */

export function apiError(status: number, type: string, message: string): ApiResponse {
	return {
		status,
		json: {
			error: message,
			message,
			businessErrors: [{ type, message, solutionUrl: null }],
		},
	};
}

export function notFound(message: string): ApiResponse {
	return apiError(404, 'NotFound', message);
}

export function badRequest(message: string, type = 'ValidationError'): ApiResponse {
	return apiError(400, type, message);
}

export function fieldErrorResponse(errors: FieldErrors): ApiResponse {
	return { status: 400, json: errors };
}

export function businessErrorResponse(
	errors: BusinessError[],
	combinedSigningUrl: string | null,
): ApiResponse {
	return { status: 422, json: { businessErrors: errors, signingHandoff: { combinedSigningUrl } } };
}

/** Unhandled server errors carry businessErrors only, without the legacy fields. */
export function internalError(status = 500): ApiResponse {
	return {
		status,
		json: {
			businessErrors: [
				{
					type: 'InternalError',
					message: 'An unexpected error occurred. Please retry later.',
					solutionUrl: null,
				},
			],
		},
	};
}

const PROBLEM_TYPES: Record<number, string> = {
	400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
	415: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
};

/** What ASP.NET answers before a handler runs: malformed JSON, wrong media type. */
export function problemDetails(
	status: number,
	title: string,
	errors?: Record<string, string[]>,
): ApiResponse {
	return {
		status,
		contentType: 'application/problem+json; charset=utf-8',
		json: { type: PROBLEM_TYPES[status] ?? null, title, status, ...(errors ? { errors } : {}) },
	};
}

export function rateLimited(retryAfterSeconds: number): ApiResponse {
	// Deliberately no Retry-After header: the docs disagree about it, the body is authoritative.
	return {
		status: 429,
		json: {
			error: 'rate_limit_exceeded',
			message:
				'Too many requests. Wait for the number of seconds in retryAfter before trying again.',
			retryAfter: retryAfterSeconds,
		},
	};
}

/** A 429 as a gateway in front of the API might send it: the wait only in a Retry-After header. */
export function rateLimitedByHeader(retryAfter: string): ApiResponse {
	return {
		status: 429,
		headers: { 'retry-after': retryAfter },
		json: { error: 'rate_limit_exceeded', message: 'Too many requests.' },
	};
}
