/** Document → Upload: the values that go into the path and the form are checked like Create Case's. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { useSandbox } from '../harness/fixtures.cjs';
import { invoicePdf } from '../harness/pdf.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();

const uploadFor = async (
	caseLocator: { mode: string; value: string },
	json: Record<string, unknown> = {},
	parameters: Record<string, unknown> = {},
	credentials = env.credentials,
) =>
	await runWorkflow({
		credentials,
		input: [
			{
				json,
				binary: {
					data: {
						base64: invoicePdf().toString('base64'),
						fileName: 'invoice.pdf',
						mimeType: 'application/pdf',
					},
				},
			},
		],
		node: {
			parameters: {
				resource: 'document',
				operation: 'upload',
				case: { __rl: true, ...caseLocator },
				binaryPropertyName: 'data',
				documentType: 'OriginalInvoice',
				...parameters,
			},
		},
	});

describe('Document → Upload values', () => {
	test.each([
		['caseReference', '..'],
		['creditorReference', '.'],
	])('a %s of %j is refused before any request', async (mode, value) => {
		const { error } = await uploadFor({ mode, value });
		expect(error?.message).toBe(`"Case" cannot be "${value}" [item 0]`);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('the description loses control characters and line breaks, and is capped at 500 characters', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items, error } = await uploadFor(
			{ mode: 'id', value: stored.id },
			{ note: 'Reminder\r\n2\u0000 of 3\u200b' },
			{ description: '={{ $json.note }}' },
		);
		expect(error).toBeUndefined();
		expect(env.sandbox.getFile(stored.id, String(items[0].json.id))?.description).toBe(
			'Reminder 2 of 3',
		);

		env.sandbox.reset();
		const again = env.sandbox.createCase({ isTest: true });
		const tooLong = await uploadFor(
			{ mode: 'id', value: again.id },
			{ note: 'x'.repeat(501) },
			{ description: '={{ $json.note }}' },
		);
		expect(tooLong.error?.message).toBe(
			'"Description" can be at most 500 characters (got 501) [item 0]',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('a description given as an object is refused, not sent as "[object Object]"', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { error } = await uploadFor(
			{ mode: 'id', value: stored.id },
			{ note: { text: 'Reminder' } },
			{ description: '={{ $json.note }}' },
		);
		expect(error?.message).toBe(
			'"Description" must be a single value, not an object (got {"text":"Reminder"}) [item 0]',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	describe('against a server whose look-up answer carries no case ID', () => {
		let server: Server;
		const paths: string[] = [];
		beforeAll(async () => {
			server = createServer((request, response) => {
				paths.push(String(request.url));
				response.writeHead(200, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ id: '../../me', reference: 'Q8OAXF3W' }));
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		});
		afterAll(async () => await new Promise((resolve) => server.close(resolve)));

		test('the upload is not sent to a path built from that answer', async () => {
			const { port } = server.address() as AddressInfo;
			const credentials = { ...env.credentials, baseUrl: `http://127.0.0.1:${port}` };
			const { error } = await uploadFor(
				{ mode: 'caseReference', value: 'Q8OAXF3W' },
				{},
				{},
				credentials,
			);
			expect(error?.message).toBe("Debitura's answer did not carry a valid case ID [item 0]");
			expect(paths).toEqual(['/cases/case-reference/Q8OAXF3W']);
		});
	});
});
