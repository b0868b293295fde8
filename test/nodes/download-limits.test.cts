/**
 * Document → Download keeps to a size limit and to encrypted links: a file larger than the limit is
 * refused whether or not the storage host announces its length, and a link that is not https://
 * (the sandbox's loopback host excepted) is refused before anything connects.
 */
import { useSandbox } from '../harness/fixtures.cjs';
import { loadTypes, NODE } from '../harness/node-types.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();
const MB = 1024 * 1024;

async function uploadDirectly(caseId: string, fileName: string, bytes: Buffer) {
	const form = new FormData();
	form.append('File', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), fileName);
	form.append('DocumentType', 'DemandLetter');
	const response = await fetch(`${env.sandbox.url}/cases/${caseId}/files`, {
		method: 'POST',
		headers: { XApiKey: env.sandbox.apiKey },
		body: form,
	});
	expect(response.status).toBe(200);
	return (await response.json()) as { id: string; url: string };
}

/** A file of `size` bytes, not all alike, so a truncated or doubled copy would show. */
const fileOf = (size: number) =>
	Buffer.from(Array.from({ length: size }, (_, index) => (index * 31 + 7) % 251));

async function setup(size: number, fileName = 'statement.pdf') {
	const stored = env.sandbox.createCase({ isTest: true });
	const bytes = fileOf(size);
	const file = await uploadDirectly(stored.id, fileName, bytes);
	env.sandbox.requests.length = 0;
	return { caseId: stored.id, fileId: file.id, bytes };
}

const download = async (caseId: string, documentId: string, options?: { maxFileSizeMb: number }) =>
	await runWorkflow({
		credentials: env.credentials,
		node: {
			parameters: {
				resource: 'document',
				operation: 'download',
				case: { __rl: true, mode: 'id', value: caseId },
				documentId,
				...(options ? { options } : {}),
			},
		},
	});

describe('Document → Download: the size limit', () => {
	test.each(['declared', 'omitted'] as const)(
		'a file over Max File Size is refused, its length %s by the storage host',
		async (length) => {
			env.sandbox.setFileHostLength(length);
			const { caseId, fileId } = await setup(Math.round(1.5 * MB));
			const { items, error } = await download(caseId, fileId, { maxFileSizeMb: 1 });
			expect(items).toEqual([]);
			expect(error?.message).toBe(
				'"statement.pdf" is larger than the 1 MB limit of "Max File Size (MB)" [item 0]',
			);
			expect(error?.description).toContain('Max File Size (MB)');
			expect(env.sandbox.fileHostRequests).toHaveLength(1);
		},
	);

	test.each(['declared', 'omitted'] as const)(
		'a file under the limit arrives whole, its length %s',
		async (length) => {
			env.sandbox.setFileHostLength(length);
			const { caseId, fileId, bytes } = await setup(Math.round(0.9 * MB));
			const { items, error } = await download(caseId, fileId, { maxFileSizeMb: 1 });
			expect(error).toBeUndefined();
			expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(bytes)).toBe(true);
		},
	);

	test("the limit defaults to 25 MB, Debitura's own document limit", async () => {
		const types = await loadTypes();
		const description = types.getByNameAndVersion(NODE.debitura).description;
		const options = description.properties.find(
			(property) =>
				property.name === 'options' &&
				property.displayOptions?.show?.operation?.includes('download'),
		);
		const limit = (
			options?.options as Array<{ name: string; default: unknown; displayName: string }> | undefined
		)?.find((option) => option.name === 'maxFileSizeMb');
		expect(limit).toMatchObject({ displayName: 'Max File Size (MB)', default: 25 });
	});

	test('without the option, a file of a few MB downloads (the default is not tiny)', async () => {
		const { caseId, fileId, bytes } = await setup(3 * MB);
		const { items, error } = await download(caseId, fileId);
		expect(error).toBeUndefined();
		expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(bytes)).toBe(true);
	});
});

describe('Document → Download: only encrypted links', () => {
	test.each([
		['another loopback address', (port: string) => `http://127.0.0.2:${port}`],
		['a host on the network', () => 'http://example.invalid'],
	])(
		'an http:// link to %s is refused before anything connects, naming the file and the item',
		async (_name, base) => {
			const { caseId, fileId } = await setup(1000, 'invoice 7.pdf');
			env.sandbox.setFileLinkBase(base(new URL(env.sandbox.fileHostUrl).port));
			const { items, error } = await download(caseId, fileId);
			expect(items).toEqual([]);
			expect(error?.message).toBe(
				'The download link Debitura gave for "invoice 7.pdf" is not an https:// link [item 0]',
			);
			expect(error?.description).toContain('Nothing was downloaded');
			expect(env.sandbox.fileHostRequests).toHaveLength(0);
		},
	);

	test("the sandbox's loopback link (http://127.0.0.1) is allowed", async () => {
		const { caseId, fileId, bytes } = await setup(1000);
		expect(env.sandbox.fileHostUrl.startsWith('http://127.0.0.1:')).toBe(true);
		const { items, error } = await download(caseId, fileId);
		expect(error).toBeUndefined();
		expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(bytes)).toBe(true);
		expect(Object.keys(env.sandbox.fileHostRequests[0].headers)).not.toContain('xapikey');
	});
});
