/**
 * A storage host on 127.0.0.1 that a test controls, for the download tests: the sandbox's file
 * links can point at it, it answers every request with whatever `answer` the test set, it never
 * hangs up on its own, and it knows which sockets are still open. So when a socket closes, the
 * client (the node) closed it.
 */
import {
	createServer,
	type OutgoingHttpHeaders,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { INodeParameters } from 'n8n-workflow';

import type { SandboxFixture } from './fixtures.cjs';
import { runWorkflow, type RunOptions, type RunResult } from './run-workflow.cjs';

/** How the host answers a request: it may write part of a response, all of it, or nothing. */
export type Answer = (response: ServerResponse) => void;

export interface StorageHost {
	/** Answers every request; before each test it is reset to saying nothing at all. */
	answer: Answer;
	/** The sockets clients hold open to the host right now. */
	readonly open: Set<Socket>;
	/** Requests received in the current test. */
	requests: number;
	/** Connections opened in the current test. */
	connections: number;
	/** The Connection header of the last request. */
	connectionHeader: string | undefined;
	/** `http://127.0.0.1:<port>`, set once the host listens (in beforeAll). */
	url: string;
}

const silent: Answer = () => undefined;

/**
 * Starts the storage host for the test file and closes it at the end; before each test it drops
 * every socket still open and resets the answer and the counts.
 */
export function useStorageHost(): StorageHost {
	const host: StorageHost = {
		answer: silent,
		open: new Set<Socket>(),
		requests: 0,
		connections: 0,
		connectionHeader: undefined,
		url: '',
	};
	let server: Server | undefined;
	const dropOpenSockets = () => {
		for (const socket of host.open) socket.destroy();
	};

	beforeAll(async () => {
		const listening = createServer((request, response) => {
			request.resume();
			host.requests += 1;
			host.connectionHeader = request.headers.connection;
			host.answer(response);
		});
		// Node closes an idle keep-alive socket after 5 s by default. The tests wait for the client to
		// close its socket, so the host must wait longer than any test does, or a socket could close
		// because the host gave up and the test would credit the node.
		listening.keepAliveTimeout = 60_000;
		// For the same reason Node's request timeout (5 minutes by default) is switched off: no clock
		// of the host's own may be what ends a stalled exchange.
		listening.requestTimeout = 0;
		listening.on('connection', (socket: Socket) => {
			host.connections += 1;
			host.open.add(socket);
			socket.on('close', () => host.open.delete(socket));
		});
		await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
		server = listening;
		host.url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
	});

	beforeEach(() => {
		dropOpenSockets();
		host.answer = silent;
		host.requests = 0;
		host.connections = 0;
		host.connectionHeader = undefined;
	});

	afterAll(async () => {
		dropOpenSockets();
		await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
	});

	return host;
}

/**
 * An answer that sends the status, the headers and the first `sent` bytes of a body, then nothing
 * more: the transfer stalls with the connection open. `onSent` runs once those bytes are written.
 */
export const stallAfter =
	(status: number, headers: OutgoingHttpHeaders, sent: number, onSent?: () => void): Answer =>
	(response) => {
		response.writeHead(status, headers);
		response.write(Buffer.alloc(sent, 7), () => onSent?.());
	};

/**
 * Resolves once `condition` holds, or once `ms` have passed, whichever comes first; the caller
 * asserts afterwards. The limit is generous on purpose: it is not a measure of speed.
 */
export async function eventually(condition: () => boolean, ms = 10_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!condition() && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 25));
}

/** A document stored on a case in the sandbox. */
export interface StoredFile {
	caseId: string;
	documentId: string;
}

/**
 * Stores a 100-byte "statement.pdf" on a new test case in the sandbox and points the sandbox's file
 * links at `host`, so downloading that document asks the storage host for it.
 */
export async function storeFileServedBy(
	env: SandboxFixture,
	host: StorageHost,
): Promise<StoredFile> {
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
	if (uploaded.status !== 200)
		throw new Error(`The sandbox refused the file upload (HTTP ${uploaded.status})`);
	const file = (await uploaded.json()) as { id: string };
	env.sandbox.setFileLinkBase(host.url);
	return { caseId: stored.id, documentId: file.id };
}

/** Runs Document → Download on a stored file, with the given Options. */
export function downloadStoredFile(
	env: SandboxFixture,
	file: StoredFile,
	options: INodeParameters,
	onStarted?: RunOptions['onStarted'],
): Promise<RunResult> {
	return runWorkflow({
		credentials: env.credentials,
		onStarted,
		node: {
			parameters: {
				resource: 'document',
				operation: 'download',
				case: { __rl: true, mode: 'id', value: file.caseId },
				documentId: file.documentId,
				options,
			},
		},
	});
}
