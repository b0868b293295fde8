import { mediaType, type ApiRequest } from './api-request.cjs';
import { boundaryOf, parseMultipart } from './multipart.cjs';
import type { RecordedMultipartBody, RecordedRequest } from './types.cjs';

/** Bodies larger than this are recorded by size: the log lives as long as the sandbox. */
const MAX_RECORDED_BODY_BYTES = 64 * 1024;

/**
 * How a request body is kept in `Sandbox.requests`: parsed JSON when it parses, a summary for
 * multipart (file sizes, not bytes — uploads can be 25 MB), otherwise the raw text; any other
 * body over 64 KB as its size.
 */
export function describeBody(request: ApiRequest): unknown {
	if (request.rawBody.length === 0) return null;
	const type = mediaType(request);
	if (type === 'multipart/form-data') {
		const boundary = boundaryOf(request.headers['content-type'] ?? '');
		const parts = boundary === undefined ? undefined : parseMultipart(request.rawBody, boundary);
		if (parts) {
			const summary: RecordedMultipartBody = { fields: {}, files: [] };
			for (const part of parts) {
				if (part.fileName === null) summary.fields[part.name] = part.data.toString('utf8');
				else
					summary.files.push({
						field: part.name,
						fileName: part.fileName,
						contentType: part.contentType ?? '',
						size: part.data.length,
					});
			}
			return summary;
		}
	}
	if (request.rawBody.length > MAX_RECORDED_BODY_BYTES) {
		return { omitted: `a ${type || 'untyped'} body of ${request.rawBody.length} bytes` };
	}
	const text = request.rawBody.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Headers that carry credentials. The key is the one the sandbox checks; the others never matter to it. */
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * A recorded request as the unauthenticated /__sandbox/requests serves it: the XApiKey header says
 * whether it was the sandbox's key, never what was sent (a real key pasted by mistake included).
 */
export function redactedRequest(request: RecordedRequest, sandboxKey: string): RecordedRequest {
	const headers = { ...request.headers };
	if (headers.xapikey !== undefined)
		headers.xapikey = headers.xapikey === sandboxKey ? 'sandbox key' : 'other key (redacted)';
	for (const name of SECRET_HEADERS) if (headers[name] !== undefined) headers[name] = '(redacted)';
	return { ...request, headers };
}
