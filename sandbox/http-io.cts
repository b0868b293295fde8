import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiResponse } from './api-response.cjs';

/** Reading request bodies and writing ApiResponses onto Node's response object. */

export interface ReadBody {
	bytes: Buffer;
	/** The body went past the limit; the excess was read and thrown away. */
	overLimit: boolean;
}

/**
 * Reads the whole body, but keeps at most `limit` bytes. The rest is still drained so the
 * client finishes sending and actually sees the 413 instead of a reset connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let overLimit = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) overLimit = true;
			else chunks.push(chunk);
		});
		req.on('end', () =>
			resolve({ bytes: overLimit ? Buffer.alloc(0) : Buffer.concat(chunks), overLimit }),
		);
		req.on('error', reject);
	});
}

/** Writes the answer; returns the body's size in bytes. */
export function writeResponse(res: ServerResponse, response: ApiResponse): number {
	if (res.destroyed || res.writableEnded) return 0;
	let payload: Buffer | undefined = response.bytes;
	let contentType = response.contentType;
	if (payload === undefined && response.json !== undefined) {
		payload = Buffer.from(JSON.stringify(response.json));
		contentType ??= 'application/json; charset=utf-8';
	}
	const headers: Record<string, string | number> = {
		...(response.headers ?? {}),
		'content-length': payload?.length ?? 0,
	};
	if (payload !== undefined && contentType !== undefined) headers['content-type'] = contentType;
	res.writeHead(response.status, headers);
	res.end(payload);
	return payload?.length ?? 0;
}
