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
import { useSandbox } from '../harness/fixtures.cjs';
import {
	downloadStoredFile,
	eventually,
	stallAfter,
	storeFileServedBy,
	useStorageHost,
	type Answer,
} from '../harness/storage-host.cjs';

const env = useSandbox();
const storage = useStorageHost();
const MB = 1024 * 1024;

/** Waits until the storage host has no open socket, or 5 s have passed; returns how many are open. */
async function openSocketsAfterRelease(): Promise<number> {
	await eventually(() => storage.open.size === 0, 5000);
	return storage.open.size;
}

async function downloadFromStorage(answer: Answer) {
	const file = await storeFileServedBy(env, storage);
	storage.answer = answer;
	return await downloadStoredFile(env, file, { maxFileSizeMb: 1 });
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
