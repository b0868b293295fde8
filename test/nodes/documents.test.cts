import { useSandbox } from '../harness/fixtures.cjs';
import { invoicePdf } from '../harness/pdf.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();

const caseParam = (mode: string, value: string) => ({ __rl: true, mode, value });

async function uploadDirectly(caseId: string, fileName: string, bytes: Buffer, type: string) {
	const form = new FormData();
	form.append('File', new Blob([new Uint8Array(bytes)], { type }), fileName);
	form.append('DocumentType', 'DemandLetter');
	const response = await fetch(`${env.sandbox.url}/cases/${caseId}/files`, {
		method: 'POST',
		headers: { XApiKey: env.sandbox.apiKey },
		body: form,
	});
	expect(response.status).toBe(200);
	return (await response.json()) as { id: string; url: string };
}

async function setup(creditorReference = 'INV-DOC') {
	const stored = env.sandbox.createCase({ isTest: true, creditorReference });
	const pdf = invoicePdf('Invoice INV-DOC');
	const first = await uploadDirectly(stored.id, 'invoice INV-DOC.pdf', pdf, 'application/pdf');
	const second = await uploadDirectly(
		stored.id,
		'notes.txt',
		Buffer.from('called the debtor'),
		'text/plain',
	);
	env.sandbox.requests.length = 0;
	return { stored, pdf, first, second };
}

const valueFor = (
	mode: string,
	stored: { id: string; reference?: string | null },
	creditorReference: string,
) =>
	mode === 'creditorReference'
		? creditorReference
		: mode === 'caseReference'
			? String(stored.reference)
			: stored.id;

const download = async (
	mode: string,
	value: string,
	documentId: string,
	extra: Record<string, unknown> = {},
) =>
	await runWorkflow({
		credentials: env.credentials,
		node: {
			parameters: {
				resource: 'document',
				operation: 'download',
				case: caseParam(mode, value),
				documentId,
				...extra,
			},
		},
	});

describe('Document → Get Many', () => {
	test.each(['id', 'list', 'creditorReference', 'caseReference'])(
		'lists the files of the case found by %s',
		async (mode) => {
			const { stored, first, second } = await setup();
			const { items, error } = await runWorkflow({
				credentials: env.credentials,
				node: {
					parameters: {
						resource: 'document',
						operation: 'getMany',
						case: caseParam(mode, valueFor(mode, stored, 'INV-DOC')),
						returnAll: true,
					},
				},
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.id)).toEqual([first.id, second.id]);
			expect(items[0].json).toMatchObject({
				fileName: 'invoice INV-DOC.pdf',
				documentType: 'DemandLetter',
				caseId: stored.id,
			});
			expect(String(items[0].json.dateCreated)).toMatch(/Z$/);
			expect(env.sandbox.requests.at(-1)).toMatchObject({
				method: 'GET',
				path: `/cases/${stored.id}/files`,
				query: {},
			});
		},
	);

	test('Limit 1 gives the first file; a case without files gives no items', async () => {
		const { stored } = await setup();
		const limited = await runWorkflow({
			credentials: env.credentials,
			node: {
				parameters: {
					resource: 'document',
					operation: 'getMany',
					case: caseParam('id', stored.id),
					limit: 1,
				},
			},
		});
		expect(limited.items).toHaveLength(1);
		const empty = env.sandbox.createCase({ isTest: true });
		const none = await runWorkflow({
			credentials: env.credentials,
			node: {
				parameters: { resource: 'document', operation: 'getMany', case: caseParam('id', empty.id) },
			},
		});
		expect(none.error).toBeUndefined();
		expect(none.items).toEqual([]);
	});
});

describe('Document → Download', () => {
	test.each(['id', 'list', 'creditorReference', 'caseReference'])(
		'gives the file of the case found by %s as binary data, the key never sent to the storage host',
		async (mode) => {
			const { stored, pdf, first } = await setup();
			const { items, error } = await download(mode, valueFor(mode, stored, 'INV-DOC'), first.id, {
				binaryPropertyName: 'invoice',
			});
			expect(error).toBeUndefined();
			const binary = items[0].binary!.invoice;
			expect(binary).toMatchObject({
				fileName: 'invoice INV-DOC.pdf',
				mimeType: 'application/pdf',
				fileExtension: 'pdf',
			});
			expect(Buffer.from(binary.data, 'base64').equals(pdf)).toBe(true);
			expect(items[0].json).toMatchObject({ id: first.id, fileName: 'invoice INV-DOC.pdf' });
			expect(items[0].json).not.toHaveProperty('url');
			// The storage host is another origin: one GET, no XApiKey, nothing else of the API's.
			expect(env.sandbox.fileHostRequests).toHaveLength(1);
			expect(env.sandbox.fileHostRequests[0]).toMatchObject({ method: 'GET', status: 200 });
			expect(
				Object.keys(env.sandbox.fileHostRequests[0].headers).map((name) => name.toLowerCase()),
			).not.toContain('xapikey');
			expect(new URL(first.url).origin).toBe(env.sandbox.fileHostUrl);
			expect(env.sandbox.fileHostUrl).not.toBe(env.sandbox.url);
		},
	);

	test('the storage host refuses a request that carries the key (what the node must never send)', async () => {
		const { first } = await setup();
		const leaked = await fetch(first.url, { headers: { XApiKey: env.sandbox.apiKey } });
		expect(leaked.status).toBe(403);
		const plain = await fetch(first.url);
		expect(plain.status).toBe(200);
	});

	test('a file the storage serves as application/octet-stream gets the MIME type of its name', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const scan = await uploadDirectly(
			stored.id,
			'Scan.PNG',
			Buffer.from('not really a png'),
			'application/octet-stream',
		);
		const { items, error } = await download('id', stored.id, scan.id);
		expect(error).toBeUndefined();
		expect(items[0].binary!.data).toMatchObject({ fileName: 'Scan.PNG', mimeType: 'image/png' });
	});

	test('a text file keeps its MIME type', async () => {
		const { stored, second } = await setup();
		const { items } = await download('id', stored.id, second.id);
		expect(items[0].binary!.data).toMatchObject({ fileName: 'notes.txt', mimeType: 'text/plain' });
		expect(Buffer.from(items[0].binary!.data.data, 'base64').toString()).toBe('called the debtor');
	});

	test('a document ID the case does not have is an error naming it', async () => {
		const { stored } = await setup();
		const { error } = await download('id', stored.id, '00000000-0000-4000-8000-0000000000aa');
		expect(error?.message).toBe(
			'The case has no document with ID "00000000-0000-4000-8000-0000000000aa" [item 0]',
		);
		expect(env.sandbox.fileHostRequests).toHaveLength(0);
	});

	test('a document ID that is not a UUID is refused before sending', async () => {
		const { stored } = await setup();
		const { error } = await download('id', stored.id, '={{ "invoice.pdf" }}');
		expect(error?.message).toBe('"Document ID" is not a valid ID: "invoice.pdf" [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test.each([
		[
			'id',
			'00000000-0000-4000-8000-000000000000',
			'No case has case ID "00000000-0000-4000-8000-000000000000".',
		],
		['creditorReference', 'NO-SUCH-INVOICE', 'No case has creditor reference "NO-SUCH-INVOICE".'],
		['caseReference', 'ZZZZZZZZ', 'No case has case reference "ZZZZZZZZ".'],
	])('an unknown %s is a 404 that names it', async (mode, value, named) => {
		const { first } = await setup();
		const { error } = await download(mode, value, first.id);
		expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
		expect(error?.description?.startsWith(named)).toBe(true);
	});
});
