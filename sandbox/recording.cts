import { mediaType, type ApiRequest } from './api-request.cjs';
import { boundaryOf, parseMultipart } from './multipart.cjs';
import type { RecordedMultipartBody } from './types.cjs';

/**
 * How a request body is kept in `Sandbox.requests`: parsed JSON when it parses, a summary for
 * multipart (file sizes, not bytes — uploads can be 25 MB), otherwise the raw text.
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
				else summary.files.push({ field: part.name, fileName: part.fileName, contentType: part.contentType ?? '', size: part.data.length });
			}
			return summary;
		}
	}
	const text = request.rawBody.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
