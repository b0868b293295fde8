/**
 * Document → Download does not wait forever on a storage host that stops sending. A storage host
 * on 127.0.0.1 that the test controls starts an answer (or not even that) and then stalls, below
 * Max File Size, and never hangs up on its own: the item can only end, and the socket can only
 * close, because the node gave up on the transfer — when its time limit ran out, or when the
 * execution was cancelled.
 *
 * The tests set a small Download Timeout so they end quickly; they assert what happens, with
 * generous deadlines, never how fast.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow, type RunResult } from '../harness/run-workflow.cjs';

const env = useSandbox();

type Answer = (response: ServerResponse) => void;

const storage = {
	answer: (() => undefined) as Answer,
	open: new Set<Socket>(),
	requests: 0,
	url: '',
	server: undefined as Server | undefined,
};

beforeAll(async () => {
	const server = createServer((request, response) => {
		request.resume();
		storage.requests += 1;
		storage.answer(response);
	});
	server.keepAliveTimeout = 60_000;
	// Node's own 5-minute request timeout must not be what ends a stalled answer.
	server.requestTimeout = 0;
	server.on('connection', (socket: Socket) => {
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
	storage.requests = 0;
});

/** Headers and the first `sent` bytes of a 100 kB file, then nothing more. */
const stallAfter =
	(sent: number, onSent?: () => void): Answer =>
	(response) => {
		response.writeHead(200, {
			'content-type': 'application/pdf',
			'content-length': String(100 * 1024),
		});
		response.write(Buffer.alloc(sent, 7), () => onSent?.());
	};

/** Resolves once `condition` holds, or after `ms` (generous: not a measure of speed). */
async function eventually(condition: () => boolean, ms = 10_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!condition() && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 25));
}

async function uploadedFile() {
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
	return { caseId: stored.id, documentId: file.id };
}

function download(
	ids: { caseId: string; documentId: string },
	options: INodeParameters,
	onStarted?: (execution: { cancel: () => void }) => void,
): Promise<RunResult> {
	return runWorkflow({
		credentials: env.credentials,
		onStarted,
		node: {
			parameters: {
				resource: 'document',
				operation: 'download',
				case: { __rl: true, mode: 'id', value: ids.caseId },
				documentId: ids.documentId,
				options,
			},
		},
	});
}

describe('Document → Download: a stalled transfer ends within Download Timeout', () => {
	test.each([
		['after part of the body', stallAfter(10 * 1024)],
		['before any header', (() => undefined) as Answer],
	])(
		'a storage host that stops sending %s: the item fails naming the file, and the connection is closed',
		async (_when, answer) => {
			const ids = await uploadedFile();
			storage.answer = answer;
			const { items, error } = await download(ids, { downloadTimeoutSeconds: 1 });
			expect(items).toEqual([]);
			expect(error?.message).toBe(
				'The download of "statement.pdf" did not finish within the 1 s limit of "Download Timeout (Seconds)" [item 0]',
			);
			expect(error?.description).toContain('Download Timeout (Seconds)');
			expect(storage.requests).toBe(1);
			await eventually(() => storage.open.size === 0);
			expect(storage.open.size).toBe(0);
		},
	);

	test('a file that arrives within the limit is downloaded whole', async () => {
		const ids = await uploadedFile();
		const bytes = Buffer.alloc(200 * 1024, 3);
		storage.answer = (response) => {
			response.writeHead(200, {
				'content-type': 'application/pdf',
				'content-length': String(bytes.length),
			});
			response.end(bytes);
		};
		const { items, error } = await download(ids, { downloadTimeoutSeconds: 60 });
		expect(error).toBeUndefined();
		expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(bytes)).toBe(true);
	});
});

describe('Document → Download: cancelling the execution stops the transfer', () => {
	test('cancelled while the body stalls: the connection is closed and the execution ends', async () => {
		const ids = await uploadedFile();
		let execution: { cancel: () => void } | undefined;
		let bodyStarted = false;
		storage.answer = stallAfter(10 * 1024, () => (bodyStarted = true));
		// Download Timeout is left at its default (minutes): only the cancel can end this transfer.
		const running = download(ids, {}, (started) => (execution = started));
		await eventually(() => bodyStarted && storage.open.size === 1);
		expect(bodyStarted).toBe(true);
		execution!.cancel();

		await eventually(() => storage.open.size === 0);
		const openAfterCancel = storage.open.size;
		// Whatever happened, let the run end before asserting, so nothing outlives the test.
		for (const socket of storage.open) socket.destroy();
		const { items, error, run } = await running;
		expect(openAfterCancel).toBe(0);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'The download of "statement.pdf" stopped: the execution was canceled [item 0]',
		);
		expect(run.status).toBe('canceled');
	});
});
