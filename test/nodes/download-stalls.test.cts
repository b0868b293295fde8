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
import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/fixtures.cjs';
import {
	downloadStoredFile,
	eventually,
	stallAfter,
	storeFileServedBy,
	useStorageHost,
	type Answer,
	type StoredFile,
} from '../harness/storage-host.cjs';

const env = useSandbox();
const storage = useStorageHost();

/** Headers and the first `sent` bytes of a 100 kB file, then nothing more. */
const stallInFile = (sent: number, onSent?: () => void): Answer =>
	stallAfter(
		200,
		{ 'content-type': 'application/pdf', 'content-length': String(100 * 1024) },
		sent,
		onSent,
	);

const uploadedFile = () => storeFileServedBy(env, storage);

const download = (
	file: StoredFile,
	options: INodeParameters,
	onStarted?: (execution: { cancel: () => void }) => void,
) => downloadStoredFile(env, file, options, onStarted);

describe('Document → Download: a stalled transfer ends within Download Timeout', () => {
	test.each([
		['after part of the body', stallInFile(10 * 1024)],
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
		storage.answer = stallInFile(10 * 1024, () => (bodyStarted = true));
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
