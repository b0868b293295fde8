/**
 * Document → Download lets go of the storage host's connection when it refuses a file. A storage
 * host on 127.0.0.1 that the test controls starts each answer and then stalls mid-body, so the
 * connection can only close because the node closed it: a refusal that left the response half
 * read would keep the socket open until the host gave up, one socket per refused file.
 *
 * n8n's request helper gives each request a fresh Node agent without keep-alive (it asks for
 * `Connection: close`), so no socket is ever parked in a pool for reuse: a download the node read
 * to its end is closed by the host, and a refused one must be closed by the node.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();
const MB = 1024 * 1024;

type Answer = (response: ServerResponse) => void;

/** The storage host: answers every request with the current `answer`, and knows its open sockets. */
const storage = {
	answer: (() => undefined) as Answer,
	open: new Set<Socket>(),
	connections: 0,
	/** The Connection header of the last request. */
	connectionHeader: undefined as string | undefined,
	url: '',
	server: undefined as Server | undefined,
};

beforeAll(async () => {
	const server = createServer((request, response) => {
		request.resume();
		storage.connectionHeader = request.headers.connection;
		storage.answer(response);
	});
	// The host never hangs up on its own within the test: only the client can close a socket.
	server.keepAliveTimeout = 60_000;
	server.on('connection', (socket: Socket) => {
		storage.connections += 1;
		storage.open.add(socket);
		socket.on('close', () => storage.open.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	storage.server = server;
	storage.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	for (const socket of storage.open) socket.destroy();
	await new Promise<void>((resolve) => storage.server?.close(() => resolve()));
});

beforeEach(() => {
	for (const socket of storage.open) socket.destroy();
	storage.connections = 0;
	storage.connectionHeader = undefined;
});

/** Headers and the first `sent` bytes of a body, then nothing more: the transfer stalls. */
const stallAfter =
	(status: number, headers: Record<string, string>, sent: number): Answer =>
	(response) => {
		response.writeHead(status, headers);
		response.write(Buffer.alloc(sent, 7));
	};

/** Waits until the storage host has no open socket, or 5 s have passed; returns how many are open. */
async function openSocketsAfterRelease(): Promise<number> {
	const deadline = Date.now() + 5000;
	while (storage.open.size > 0 && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 25));
	return storage.open.size;
}

async function downloadFromStorage(answer: Answer) {
	const stored = env.sandbox.createCase({ isTest: true });
	const form = new FormData();
	form.append(
		'File',
		new Blob([new Uint8Array(100)], { type: 'application/pdf' }),
		'statement.pdf',
	);
	form.append('DocumentType', 'DemandLetter');
	const uploaded = await fetch(`${env.sandbox.url}/cases/${stored.id}/files`, {
		method: 'POST',
		headers: { XApiKey: env.sandbox.apiKey },
		body: form,
	});
	expect(uploaded.status).toBe(200);
	const file = (await uploaded.json()) as { id: string };
	env.sandbox.setFileLinkBase(storage.url);
	storage.answer = answer;
	return await runWorkflow({
		credentials: env.credentials,
		node: {
			parameters: {
				resource: 'document',
				operation: 'download',
				case: { __rl: true, mode: 'id', value: stored.id },
				documentId: file.id,
				options: { maxFileSizeMb: 1 },
			},
		},
	});
}

describe('Document → Download: a refused file leaves no connection open', () => {
	test('a length announced over Max File Size: the connection is closed without reading the body', async () => {
		const { items, error } = await downloadFromStorage(
			stallAfter(
				200,
				{ 'content-type': 'application/pdf', 'content-length': String(4 * MB) },
				64 * 1024,
			),
		);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'"statement.pdf" is larger than the 1 MB limit of "Max File Size (MB)" [item 0]',
		);
		expect(storage.connections).toBe(1);
		expect(await openSocketsAfterRelease()).toBe(0);
	});

	test('no length announced and the bytes pass Max File Size: the connection is closed mid-body', async () => {
		const { items, error } = await downloadFromStorage(
			stallAfter(200, { 'content-type': 'application/pdf' }, Math.round(1.5 * MB)),
		);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'"statement.pdf" is larger than the 1 MB limit of "Max File Size (MB)" [item 0]',
		);
		expect(storage.connections).toBe(1);
		expect(await openSocketsAfterRelease()).toBe(0);
	});

	test.each([
		[403, 'refused the download of "statement.pdf" (HTTP 403)'],
		[302, 'redirected the download of "statement.pdf"'],
	])(
		'an HTTP %s answer whose body never finishes: the connection is closed',
		async (status, message) => {
			const { items, error } = await downloadFromStorage(
				stallAfter(
					status,
					{
						'content-type': 'application/xml',
						'content-length': '4096',
						location: `${storage.url}/elsewhere`,
					},
					100,
				),
			);
			expect(items).toEqual([]);
			expect(error?.message).toContain(message);
			expect(storage.connections).toBe(1);
			expect(await openSocketsAfterRelease()).toBe(0);
		},
	);

	test('a file under the limit, read to its end, leaves no connection open either', async () => {
		const bytes = Buffer.alloc(200 * 1024, 3);
		const { items, error } = await downloadFromStorage((response) => {
			response.writeHead(200, {
				'content-type': 'application/pdf',
				'content-length': String(bytes.length),
			});
			response.end(bytes);
		});
		expect(error).toBeUndefined();
		expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(bytes)).toBe(true);
		// No keep-alive pool to return the socket to: the host closes it once the answer is sent.
		expect(storage.connectionHeader).toBe('close');
		expect(await openSocketsAfterRelease()).toBe(0);
	});
});
