/**
 * Another host on this machine, standing in for wherever a redirect (or a bad Custom URL) would
 * take a request. It records what arrives — above all whether an `XApiKey` came with it — and
 * answers like Debitura would, so following the redirect would even look like success.
 */
import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface CaughtRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
}

export interface KeyCatcher {
	url: string;
	requests: CaughtRequest[];
	/** What it answers from now on (default: 200 with a Debitura-like creditor profile). */
	answer(status: number, body: string, contentType?: string): void;
	keysReceived(): string[];
	close(): Promise<void>;
}

/** `tls`: answer over https with this certificate (a host whose certificate no one should trust). */
export async function startKeyCatcher(
	options: { tls?: { key: string; cert: string } } = {},
): Promise<KeyCatcher> {
	const requests: CaughtRequest[] = [];
	let reply = {
		status: 200,
		body: JSON.stringify({
			id: '11111111-2222-4333-8444-555555555555',
			companyName: 'Not Debitura',
			cases: [],
			payments: [],
		}),
		contentType: 'application/json',
	};
	const handle = (req: IncomingMessage, res: ServerResponse) => {
		requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		req.resume();
		req.on('end', () => {
			res.writeHead(reply.status, { 'content-type': reply.contentType });
			res.end(reply.body);
		});
	};
	const server: Server = options.tls ? createTlsServer(options.tls, handle) : createServer(handle);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		answer: (status, body, contentType = 'application/json') => {
			reply = { status, body, contentType };
		},
		keysReceived: () =>
			requests
				.map((request) => request.headers.xapikey)
				.filter((key): key is string => typeof key === 'string'),
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
