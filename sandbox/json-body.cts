import { mediaType, type ApiRequest } from './api-request.cjs';
import type { ApiResponse } from './api-response.cjs';
import { problemDetails } from './errors.cjs';

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; response: ApiResponse };

/** The media types the spec lists for JSON request bodies. */
function isJsonMediaType(type: string): boolean {
	return (
		type === 'application/json' ||
		type === 'text/json' ||
		/^application\/[a-z0-9.+-]*\+json$/.test(type) ||
		type === 'application/json-patch+json'
	);
}

/**
 * Reads a JSON body the way ASP.NET's [FromBody] does: a declared non-JSON media type is a 415,
 * an empty or malformed body a 400 ProblemDetails. A missing Content-Type is tolerated.
 */
export function parseJsonBody(request: ApiRequest): JsonBodyResult {
	const type = mediaType(request);
	if (type !== '' && !isJsonMediaType(type)) {
		return { ok: false, response: problemDetails(415, 'Unsupported Media Type') };
	}
	const text = request.rawBody.toString('utf8');
	if (text.trim() === '') {
		return {
			ok: false,
			response: problemDetails(400, 'One or more validation errors occurred.', {
				'': ['A non-empty request body is required.'],
			}),
		};
	}
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return {
			ok: false,
			response: problemDetails(400, 'One or more validation errors occurred.', {
				$: [`The request body is not valid JSON: ${(error as Error).message}`],
			}),
		};
	}
}
