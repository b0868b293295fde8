import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for the CRM or bookkeeping system at the end of a workflow: an HTTP endpoint on
 * 127.0.0.1 that keeps every JSON body posted to it, so a test sees exactly what a workflow emitted.
 */
export interface Collector {
	url: string;
	received: Array<Record<string, unknown>>;
	close(): Promise<void>;
}

export interface CollectorOptions {
	/**
	 * How long each answer is held after the body was kept. A slow CRM: the workflow that posted is
	 * still running when the test already sees its record.
	 */
	answerAfterMs?: number;
}

export async function startCollector({
	answerAfterMs = 0,
}: CollectorOptions = {}): Promise<Collector> {
	const received: Array<Record<string, unknown>> = [];
	const held = new Set<NodeJS.Timeout>();
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			try {
				received.push(
					JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
				);
				const answer = setTimeout(() => {
					held.delete(answer);
					response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
				}, answerAfterMs);
				held.add(answer);
			} catch {
				response.writeHead(400).end();
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/records`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				for (const answer of held) clearTimeout(answer);
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
