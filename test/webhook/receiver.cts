import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP endpoint that records what the sandbox delivers and answers as told. */

export interface Received {
	headers: Record<string, string>;
	rawBody: Buffer;
	json: any;
}

export interface Receiver {
	url: string;
	received: Received[];
	/** Status for the next deliveries, in order; 200 once the list is used up. */
	answers: number[];
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: Received[] = [];
	const answers: number[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(req.headers))
				if (typeof value === 'string') headers[name] = value;
			received.push({ headers, rawBody, json: JSON.parse(rawBody.toString('utf8')) });
			res.writeHead(answers.shift() ?? 200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		answers,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
