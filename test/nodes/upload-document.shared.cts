/**
 * The Upload Document tests, run once with n8n's binary data inline (base64 in the item) and once
 * in filesystem mode (the item holds a reference; n8n-core reads the file) — see the two
 * `upload-document-*.test.cts` files.
 */
import type { SandboxFixture } from '../harness/fixtures.cjs';
import { invoicePdf } from '../harness/pdf.cjs';
import { DOCUMENT_TYPES } from '../harness/spec-conformance.cjs';
import { runWorkflow, type InputItem } from '../harness/run-workflow.cjs';

const MB = 1024 * 1024;

export function describeUpload(env: SandboxFixture, expectedStorage: 'inline' | 'filesystem') {
	const upload = async (
		input: InputItem[],
		parameters: Record<string, unknown> = {},
		caseValue?: { mode: string; value: string },
	) =>
		await runWorkflow({
			credentials: env.credentials,
			input,
			node: {
				parameters: {
					resource: 'document',
					operation: 'upload',
					case: { __rl: true, ...(caseValue ?? { mode: 'id', value: '={{ $json.caseId }}' }) },
					binaryPropertyName: 'data',
					documentType: 'OriginalInvoice',
					...parameters,
				},
			},
		});
	const fileItem = (
		caseId: string,
		bytes: Buffer,
		fileName: string,
		mimeType?: string,
	): InputItem => ({
		json: { caseId },
		binary: { data: { base64: bytes.toString('base64'), fileName, mimeType } },
	});
	const uploads = () =>
		env.sandbox.requests.filter(
			(request) => request.method === 'POST' && request.path.endsWith('/files'),
		);

	test(`binary data really is ${expectedStorage} here`, async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { run } = await upload([
			fileItem(stored.id, invoicePdf(), 'invoice.pdf', 'application/pdf'),
		]);
		const binary = run.data.resultData.runData.CRM[0].data!.main[0]![0].binary!.data;
		if (expectedStorage === 'filesystem') expect(binary.id).toBeDefined();
		else expect(binary.id).toBeUndefined();
	});

	test('uploads a real PDF as multipart: the stored bytes, name, type and document type are the ones sent', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const pdf = invoicePdf('Invoice INV-2026-00789');
		const { items, error } = await upload(
			[fileItem(stored.id, pdf, 'INV-2026-00789.pdf', 'application/pdf')],
			{
				documentType: 'DemandLetter',
				description: 'Second reminder',
			},
		);
		expect(error).toBeUndefined();
		const record = items[0].json;
		expect(record).toMatchObject({
			caseId: stored.id,
			fileName: 'INV-2026-00789.pdf',
			documentType: 'DemandLetter',
			description: 'Second reminder',
		});
		expect(record.dateCreated).toMatch(/Z$/);
		const file = env.sandbox.getFile(stored.id, String(record.id));
		expect(file?.bytes.equals(pdf)).toBe(true);
		expect(file?.contentType).toBe('application/pdf');
		const [request] = uploads();
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.body).toMatchObject({
			fields: { DocumentType: 'DemandLetter', Description: 'Second reminder' },
		});
		expect(DOCUMENT_TYPES).toContain(
			(request.body as { fields: Record<string, string> }).fields.DocumentType,
		);
	});

	test('finds the case by creditor reference first, reads its files, then uploads to it', async () => {
		const stored = env.sandbox.createCase({ isTest: true, creditorReference: 'INV-77' });
		const { items, error } = await upload(
			[fileItem('', invoicePdf(), 'inv.pdf', 'application/pdf')],
			{},
			{ mode: 'creditorReference', value: 'INV-77' },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.caseId).toBe(stored.id);
		expect(env.sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /cases/by-creditor-reference/INV-77',
			`GET /cases/${stored.id}/files`,
			`POST /cases/${stored.id}/files`,
		]);
	});

	test('a file over 25 MB is refused before sending', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { error } = await upload([
			fileItem(stored.id, Buffer.alloc(25 * MB + 1, 1), 'scan.pdf', 'application/pdf'),
		]);
		expect(error?.message).toBe(
			'The file "scan.pdf" is 25.0 MB; Debitura accepts at most 25 MB [item 0]',
		);
		expect(uploads()).toHaveLength(0);
	});

	test('a file of exactly 25 MB is accepted', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { error } = await upload([
			fileItem(stored.id, Buffer.alloc(25 * MB, 1), 'scan.pdf', 'application/pdf'),
		]);
		expect(error).toBeUndefined();
		expect(uploads()[0].status).toBe(200);
	});

	test('a file type Debitura does not take is refused before sending, listing the allowed ones', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { error } = await upload([
			fileItem(stored.id, Buffer.from('MZ'), 'setup.exe', 'application/octet-stream'),
		]);
		expect(error?.message).toBe('Debitura does not accept "setup.exe" as a case document [item 0]');
		expect(error?.description).toMatch(/pdf, xls, xlsx, csv, txt, jpg, jpeg, png, gif/);
		expect(uploads()).toHaveLength(0);
	});

	test('a file without an extension gets one from its MIME type', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items, error } = await upload([
			fileItem(stored.id, invoicePdf(), 'invoice', 'application/pdf'),
		]);
		expect(error).toBeUndefined();
		expect(items[0].json.fileName).toBe('invoice.pdf');
	});

	test('a missing binary field names the fields the item does have', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { error } = await upload(
			[fileItem(stored.id, invoicePdf(), 'inv.pdf', 'application/pdf')],
			{ binaryPropertyName: 'invoice' },
		);
		expect(error?.message).toBe('No file in the input binary field "invoice" [item 0]');
		expect(error?.description).toMatch(/"data"/);
	});

	test('an unknown case is a 404 naming it; other items go on with Continue On Fail', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const missing = '00000000-0000-4000-8000-000000000000';
		const { items } = await runWorkflow({
			credentials: env.credentials,
			input: [
				fileItem(missing, invoicePdf(), 'a.pdf', 'application/pdf'),
				fileItem(stored.id, invoicePdf(), 'b.pdf', 'application/pdf'),
			],
			node: {
				parameters: {
					resource: 'document',
					operation: 'upload',
					case: { __rl: true, mode: 'id', value: '={{ $json.caseId }}' },
					binaryPropertyName: 'data',
				},
				onError: 'continueRegularOutput',
			},
		});
		expect(items).toHaveLength(2);
		expect(JSON.stringify(items[0])).toMatch(
			/Debitura has no case matching the \\"Case\\" parameter/,
		);
		expect(JSON.stringify(items[0])).toContain('No case has case ID');
		expect(items[1].json.fileName).toBe('b.pdf');
	});
}
