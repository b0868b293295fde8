import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ApiResponse } from './api-response.cjs';
import type { SandboxCore } from './core.cjs';
import { isSignedDownload } from './dto.cjs';
import { writeResponse } from './http-io.cjs';

/**
 * The storage host behind Debitura's file links: a second loopback origin, like Azure Blob
 * Storage behind a SAS URL. It serves a file only for a valid, unexpired signature, and refuses
 * any request that carries an `XApiKey` header — a client that sends its Debitura key to the
 * storage host has leaked it, and a test should see that as a failure.
 */

export interface FileHostRequest {
	method: string;
	path: string;
	/** Header names lower-cased. */
	headers: Record<string, string>;
	status: number;
}

export interface FileHost {
	url: string;
	requests: FileHostRequest[];
	close(): Promise<void>;
}

const CONTENT_PATH = /^\/__sandbox\/cases\/([^/]+)\/files\/([^/]+)\/content$/;

function refuse(status: number, code: string, message: string): ApiResponse {
	const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
	return { status, bytes: Buffer.from(xml), contentType: 'application/xml' };
}

function answer(core: SandboxCore, request: IncomingMessage): ApiResponse {
	if (request.headers.xapikey !== undefined) {
		return refuse(
			403,
			'ApiKeyLeaked',
			'This storage host never takes a Debitura API key; the request carried XApiKey.',
		);
	}
	if (request.method !== 'GET') return refuse(405, 'UnsupportedHttpVerb', 'Only GET is served.');
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const match = CONTENT_PATH.exec(url.pathname);
	if (!match) return refuse(404, 'ResourceNotFound', 'The specified resource does not exist.');
	const expiry = url.searchParams.get('se') ?? '';
	const signature = url.searchParams.get('sig') ?? '';
	if (!isSignedDownload(url.pathname, expiry, signature)) {
		return refuse(403, 'AuthenticationFailed', 'Signature did not match.');
	}
	if (Date.parse(expiry) < core.now())
		return refuse(403, 'AuthenticationFailed', 'Signed expiry time has passed.');
	const file = core.getFile(decodeURIComponent(match[1]), decodeURIComponent(match[2]));
	if (!file) return refuse(404, 'BlobNotFound', 'The specified blob does not exist.');
	return {
		status: 200,
		bytes: file.bytes,
		contentType: file.contentType,
		headers: {
			'content-disposition': `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, '_')}"`,
		},
	};
}

/** The file in 64 KiB chunks with no Content-Length: the client learns its size only by reading it. */
function writeChunked(response: ServerResponse, result: ApiResponse): void {
	const bytes = result.bytes as Buffer;
	response.writeHead(result.status, {
		...(result.headers ?? {}),
		'content-type': result.contentType ?? 'application/octet-stream',
	});
	const chunk = 64 * 1024;
	let offset = 0;
	const next = () => {
		while (offset < bytes.length && !response.destroyed) {
			const part = bytes.subarray(offset, offset + chunk);
			offset += part.length;
			if (!response.write(part)) {
				response.once('drain', next);
				return;
			}
		}
		if (!response.destroyed) response.end();
	};
	next();
}

export async function startFileHost(core: SandboxCore): Promise<FileHost> {
	const requests: FileHostRequest[] = [];
	const server = createServer((request: IncomingMessage, response: ServerResponse) => {
		request.resume();
		request.on('end', () => {
			const result = answer(core, request);
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(request.headers))
				headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
			requests.push({
				method: request.method ?? '',
				path: (request.url ?? '').split('?')[0],
				headers,
				status: result.status,
			});
			if (core.fileLength === 'omitted' && result.status === 200 && result.bytes)
				writeChunked(response, result);
			else writeResponse(response, result);
		});
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
