import { call, NAIVE_TIMESTAMP, UUID, useSandbox, ZULU_TIMESTAMP } from './helpers.cjs';

/** A tiny but real-looking PDF with a few non-ASCII and CR/LF bytes to prove binary safety. */
const PDF_BYTES = Buffer.concat([
	Buffer.from('%PDF-1.4\n%'),
	Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0d, 0x0a, 0x00, 0xff]),
	Buffer.from(
		'\n1 0 obj << /Type /Catalog >> endobj\r\n--not-a-boundary\r\ntrailer << /Root 1 0 R >>\n%%EOF\n',
	),
]);

function form(parts: {
	file?: { bytes: Buffer; name: string; type?: string; field?: string };
	fields?: Record<string, string>;
}): FormData {
	const data = new FormData();
	if (parts.file)
		data.append(
			parts.file.field ?? 'File',
			new Blob([new Uint8Array(parts.file.bytes)], { type: parts.file.type ?? 'application/pdf' }),
			parts.file.name,
		);
	for (const [name, value] of Object.entries(parts.fields ?? {})) data.append(name, value);
	return data;
}

describe('sandbox: case files', () => {
	const sandbox = useSandbox();
	let caseId: string;

	beforeAll(() => {
		caseId = sandbox.get().createCase({ isTest: true }).id;
	});

	it('stores an uploaded PDF byte for byte and returns a CaseFileDto', async () => {
		const result = await call(sandbox.get(), `/cases/${caseId}/files`, {
			method: 'POST',
			body: form({
				file: { bytes: PDF_BYTES, name: 'invoice-2024-117.pdf' },
				fields: { DocumentType: 'DemandLetter', Description: 'Second reminder' },
			}),
		});
		expect(result.status).toBe(200);
		const dto = result.json;
		expect(dto.id).toMatch(UUID);
		expect(dto).toMatchObject({
			caseId,
			entityId: caseId,
			fileName: 'invoice-2024-117.pdf',
			documentType: 'DemandLetter',
			description: 'Second reminder',
		});
		expect(dto.dateCreated).toMatch(ZULU_TIMESTAMP);

		const url = new URL(dto.url);
		expect(`${url.protocol}//${url.host}`).toBe(sandbox.get().fileHostUrl);
		expect(url.pathname).toBe(`/__sandbox/cases/${caseId}/files/${dto.id}/content`);
		expect(Date.parse(url.searchParams.get('se')!)).toBeGreaterThan(Date.now() + 50 * 60 * 1000);

		const stored = sandbox.get().getFile(caseId, dto.id)!;
		expect(stored.bytes.equals(PDF_BYTES)).toBe(true);
		expect(stored).toMatchObject({
			fileName: 'invoice-2024-117.pdf',
			contentType: 'application/pdf',
			documentType: 'DemandLetter',
			description: 'Second reminder',
		});

		const download = await fetch(dto.url);
		expect(download.status).toBe(200);
		expect(Buffer.from(await download.arrayBuffer()).equals(PDF_BYTES)).toBe(true);

		const recorded = sandbox
			.get()
			.requests.find((r) => r.method === 'POST' && r.path.endsWith('/files'));
		expect(recorded?.body).toEqual({
			fields: { DocumentType: 'DemandLetter', Description: 'Second reminder' },
			files: [
				{
					field: 'File',
					fileName: 'invoice-2024-117.pdf',
					contentType: 'application/pdf',
					size: PDF_BYTES.length,
				},
			],
		});
	});

	it('defaults DocumentType to OriginalInvoice and lists files with zone-less timestamps', async () => {
		const upload = await call(sandbox.get(), `/cases/${caseId}/files`, {
			method: 'POST',
			body: form({
				file: { bytes: Buffer.from('a,b\n1,2\n'), name: 'ledger.CSV', type: 'text/csv' },
			}),
		});
		expect(upload.status).toBe(200);
		expect(upload.json.documentType).toBe('OriginalInvoice');
		expect(upload.json.description).toBeNull();
		const list = await call(sandbox.get(), `/cases/${caseId}/files`);
		expect(list.status).toBe(200);
		expect(list.json.map((f: { fileName: string }) => f.fileName)).toEqual([
			'invoice-2024-117.pdf',
			'ledger.CSV',
		]);
		expect(list.json[0].dateCreated).toMatch(NAIVE_TIMESTAMP);
	});

	it('answers 413 above 25 MB', async () => {
		const tooBig = Buffer.alloc(25 * 1024 * 1024 + 1, 0x41);
		const result = await call(sandbox.get(), `/cases/${caseId}/files`, {
			method: 'POST',
			body: form({ file: { bytes: tooBig, name: 'huge.pdf' } }),
		});
		expect(result.status).toBe(413);
		expect(result.json.businessErrors[0].type).toBe('FileTooLarge');
	});

	it('accepts exactly 25 MB', async () => {
		const atLimit = Buffer.alloc(25 * 1024 * 1024, 0x42);
		const result = await call(sandbox.get(), `/cases/${caseId}/files`, {
			method: 'POST',
			body: form({ file: { bytes: atLimit, name: 'big.txt', type: 'text/plain' } }),
		});
		expect(result.status).toBe(200);
		expect(sandbox.get().getFile(caseId, result.json.id)!.bytes.length).toBe(25 * 1024 * 1024);
	});

	it('answers 415 for a file type outside the allow-list', async () => {
		const result = await call(sandbox.get(), `/cases/${caseId}/files`, {
			method: 'POST',
			body: form({
				file: { bytes: Buffer.from('MZ'), name: 'setup.exe', type: 'application/octet-stream' },
			}),
		});
		expect(result.status).toBe(415);
		expect(result.json.businessErrors[0].type).toBe('UnsupportedFileType');
	});

	it('answers 400 when there is no File part, the file is empty, the body is JSON, or the DocumentType is unknown', async () => {
		const noFile = await call(sandbox.get(), `/cases/${caseId}/files`, {
			method: 'POST',
			body: form({ fields: { Description: 'x' } }),
		});
		expect(noFile.status).toBe(400);
		expect(noFile.json.businessErrors[0].type).toBe('FileMissing');
		const empty = await call(sandbox.get(), `/cases/${caseId}/files`, {
			method: 'POST',
			body: form({ file: { bytes: Buffer.alloc(0), name: 'empty.pdf' } }),
		});
		expect(empty.status).toBe(400);
		expect(empty.json.businessErrors[0].type).toBe('FileEmpty');
		const json = await call(sandbox.get(), `/cases/${caseId}/files`, {
			method: 'POST',
			body: { File: 'aGVsbG8=' },
		});
		expect(json.status).toBe(400);
		expect(json.json.message).toMatch(/^File missing/);
		const badType = await call(sandbox.get(), `/cases/${caseId}/files`, {
			method: 'POST',
			body: form({ file: { bytes: PDF_BYTES, name: 'a.pdf' }, fields: { DocumentType: 'Poem' } }),
		});
		expect(badType.status).toBe(400);
		expect(badType.json.businessErrors[0].type).toBe('InvalidDocumentType');
	});

	it('answers 404 for an unknown case and 400 for a bad id', async () => {
		const upload = form({ file: { bytes: PDF_BYTES, name: 'a.pdf' } });
		expect(
			(
				await call(sandbox.get(), '/cases/00000000-0000-4000-8000-000000000000/files', {
					method: 'POST',
					body: upload,
				})
			).status,
		).toBe(404);
		expect(
			(await call(sandbox.get(), '/cases/00000000-0000-4000-8000-000000000000/files')).status,
		).toBe(404);
		expect((await call(sandbox.get(), '/cases/xyz/files')).status).toBe(400);
	});

	it('the storage host can serve a file without announcing its length, and links can point at another origin', async () => {
		const sb = sandbox.get();
		const ownCase = sb.createCase({ isTest: true }).id;
		const upload = await call(sb, `/cases/${ownCase}/files`, {
			method: 'POST',
			body: form({
				file: { bytes: PDF_BYTES, name: 'chunked.pdf' },
				fields: { DocumentType: 'DemandLetter' },
			}),
		});
		sb.setFileHostLength('omitted');
		try {
			const download = await fetch(upload.json.url);
			expect(download.headers.get('content-length')).toBeNull();
			expect(Buffer.from(await download.arrayBuffer()).equals(PDF_BYTES)).toBe(true);
			sb.setFileLinkBase('http://example.invalid');
			const listed = await call(sb, `/cases/${ownCase}/files`);
			expect(
				(listed.json as Array<{ url: string }>).every((file) =>
					file.url.startsWith('http://example.invalid/__sandbox/'),
				),
			).toBe(true);
		} finally {
			sb.setFileHostLength('declared');
			sb.setFileLinkBase(undefined);
		}
	});
});
