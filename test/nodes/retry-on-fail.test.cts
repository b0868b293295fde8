import { createCaseParameters, useSandbox } from '../harness/fixtures.cjs';
import { invoicePdf } from '../harness/pdf.cjs';
import { runWorkflow, type InputItem, type NodeUnderTest } from '../harness/run-workflow.cjs';

/**
 * n8n's Retry On Fail runs the whole node again, for every item, not just the one that failed.
 * Every write must survive that: a transient error on one item of three leaves exactly three
 * records on Debitura, and the items' output is the three records.
 */
const env = useSandbox();

const RETRY: Pick<NodeUnderTest, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'> = {
	retryOnFail: true,
	maxTries: 3,
	waitBetweenTries: 10,
};
const SENDER = 'mette.jensen@example.com';

/** What Debitura holds, read the way a person would (GET), after the run. */
async function apiGet<T>(path: string): Promise<T> {
	const response = await fetch(`${env.sandbox.url}${path}`, {
		headers: { XApiKey: env.sandbox.apiKey, Accept: 'application/json' },
	});
	expect(response.status).toBe(200);
	return (await response.json()) as T;
}
type CaseFile = { id: string; fileName: string; documentType: string; description: string | null };
const filesOn = async (caseId: string) => await apiGet<CaseFile[]>(`/cases/${caseId}/files`);
const posts = (suffix: string) =>
	env.sandbox.requests.filter(
		(request) => request.method === 'POST' && request.path.endsWith(suffix),
	);

const pdf = (name: string, caseId = ''): InputItem => ({
	json: { caseId, name },
	binary: {
		data: {
			base64: invoicePdf(`Invoice ${name}`).toString('base64'),
			fileName: name,
			mimeType: 'application/pdf',
		},
	},
});

const upload = async (
	caseId: string,
	input: InputItem[],
	settings: Partial<NodeUnderTest> = {},
	parameters: Record<string, unknown> = {},
) =>
	await runWorkflow({
		credentials: env.credentials,
		input,
		node: {
			...settings,
			parameters: {
				resource: 'document',
				operation: 'upload',
				case: { __rl: true, mode: 'id', value: caseId },
				binaryPropertyName: 'data',
				documentType: 'OriginalInvoice',
				...parameters,
			},
		},
	});

describe('Document → Upload under Retry On Fail', () => {
	test('a 502 on one of three uploads leaves exactly three files on the case, one per item', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${stored.id}/files`,
			kind: 'server-error',
			status: 502,
			skip: 1,
		});
		const { items, error } = await upload(
			stored.id,
			[pdf('a.pdf'), pdf('b.pdf'), pdf('c.pdf')],
			RETRY,
		);
		expect(error).toBeUndefined();
		const files = await filesOn(stored.id);
		expect(files.map((file) => file.fileName).sort()).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
		expect(items.map((item) => item.json.fileName)).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
		expect(items.map((item) => item.json.id).sort()).toEqual(files.map((file) => file.id).sort());
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('without Retry On Fail the node itself retries the item that met the 502', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${stored.id}/files`,
			kind: 'server-error',
			status: 503,
			skip: 1,
		});
		const { items, error } = await upload(stored.id, [pdf('a.pdf'), pdf('b.pdf'), pdf('c.pdf')]);
		expect(error).toBeUndefined();
		expect((await filesOn(stored.id)).map((file) => file.fileName).sort()).toEqual([
			'a.pdf',
			'b.pdf',
			'c.pdf',
		]);
		expect(items.map((item) => item.json.fileName)).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
		expect(
			posts('/files')
				.map((request) => request.status)
				.sort(),
		).toEqual([200, 200, 200, 503]);
	});

	test('a 5xx answered after Debitura stored the file: the file is found on the case, not sent again', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${stored.id}/files`,
			kind: 'server-error',
			status: 504,
			afterWrite: true,
		});
		const { items, error } = await upload(stored.id, [pdf('a.pdf')], RETRY);
		expect(error).toBeUndefined();
		const files = await filesOn(stored.id);
		expect(files).toHaveLength(1);
		expect(posts('/files')).toHaveLength(1);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: files[0].id, fileName: 'a.pdf' });
	});

	test('a connection lost after Debitura stored the file: found on the case, not sent again', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${stored.id}/files`,
			kind: 'drop-response',
			skip: 1,
		});
		const { items, error } = await upload(
			stored.id,
			[pdf('a.pdf'), pdf('b.pdf'), pdf('c.pdf')],
			RETRY,
		);
		expect(error).toBeUndefined();
		expect((await filesOn(stored.id)).map((file) => file.fileName).sort()).toEqual([
			'a.pdf',
			'b.pdf',
			'c.pdf',
		]);
		expect(posts('/files')).toHaveLength(3);
		expect(items.map((item) => item.json.fileName)).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
	});

	test('a file the case already holds (same name, document type and description) is skipped, and the output says which file matched', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const first = await upload(stored.id, [pdf('a.pdf')], {}, { description: 'First reminder' });
		expect(first.error).toBeUndefined();
		env.sandbox.requests.length = 0;
		const { items, error } = await upload(
			stored.id,
			[pdf('a.pdf'), pdf('b.pdf')],
			{},
			{ description: 'First reminder' },
		);
		expect(error).toBeUndefined();
		expect(posts('/files')).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			skipped: true,
			matchedFileId: first.items[0].json.id,
			fileName: 'a.pdf',
		});
		expect(String(items[0].json.skipReason)).toMatch(/already on the case/);
		expect(items[1].json).toMatchObject({ fileName: 'b.pdf' });
		expect(items[1].json.skipped).toBeUndefined();
		expect(await filesOn(stored.id)).toHaveLength(2);
	});

	test('the same name with another document type or description is not the same document', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		await upload(stored.id, [pdf('a.pdf')], {}, { description: 'First reminder' });
		await upload(stored.id, [pdf('a.pdf')], {}, { description: 'Second reminder' });
		await upload(
			stored.id,
			[pdf('a.pdf')],
			{},
			{ description: 'Second reminder', documentType: 'DemandLetter' },
		);
		expect(await filesOn(stored.id)).toHaveLength(3);
	});

	test('two items with the same file for one case in one run: the second is skipped; with skipping off both are stored', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items } = await upload(stored.id, [pdf('a.pdf'), pdf('a.pdf'), pdf('b.pdf')]);
		expect(items.map((item) => [item.json.fileName, item.json.skipped ?? false])).toEqual([
			['a.pdf', false],
			['a.pdf', true],
			['b.pdf', false],
		]);
		expect(items[1].json.matchedFileId).toBe(items[0].json.id);
		expect(await filesOn(stored.id)).toHaveLength(2);
		const other = env.sandbox.createCase({ isTest: true });
		await upload(other.id, [pdf('a.pdf'), pdf('a.pdf')], {}, { skipIfAlreadyOnCase: false });
		expect(await filesOn(other.id)).toHaveLength(2);
	});

	test('"Skip If Already on Case" off uploads the same file again', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		await upload(stored.id, [pdf('a.pdf')]);
		const { items, error } = await upload(
			stored.id,
			[pdf('a.pdf')],
			{},
			{ skipIfAlreadyOnCase: false },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.skipped).toBeUndefined();
		expect(await filesOn(stored.id)).toHaveLength(2);
	});

	test('a 5xx that does not go away fails after a few tries, and Retry On Fail then stores nothing twice', async () => {
		const healthy = env.sandbox.createCase({ isTest: true });
		const failing = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${failing.id}/files`,
			kind: 'server-error',
			status: 502,
			count: 100,
		});
		const { error } = await upload(
			'={{ $json.caseId }}',
			[pdf('a.pdf', healthy.id), pdf('b.pdf', failing.id)],
			{ retryOnFail: true, maxTries: 2, waitBetweenTries: 10 },
		);
		expect(error?.message).toMatch(
			/^Debitura had a server error while trying to upload the document \(HTTP 502\)/,
		);
		// Two runs of the node: a.pdf stored by the first and skipped by the second; b.pdf tried 3 times in each.
		expect((await filesOn(healthy.id)).map((file) => file.fileName)).toEqual(['a.pdf']);
		expect(await filesOn(failing.id)).toEqual([]);
		expect(posts(`${healthy.id}/files`)).toHaveLength(1);
		expect(posts(`${failing.id}/files`)).toHaveLength(6);
	});

	test('the 5xx text for an upload does not advise Retry On Fail or re-running', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${stored.id}/files`,
			kind: 'server-error',
			status: 502,
			count: 100,
		});
		const { error } = await upload(stored.id, [pdf('a.pdf')]);
		expect(error?.message).toMatch(
			/^Debitura had a server error while trying to upload the document \(HTTP 502\)/,
		);
		expect(`${error?.message} ${error?.description}`).not.toMatch(
			/Retry On Fail|run the workflow again|Retrying is safe/i,
		);
		expect(error?.description).toMatch(/tried \d+ times/);
	});

	test('a connection that fails on every try: the node says so in words, after three tries, and nothing is stored', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${stored.id}/files`,
			kind: 'drop',
			count: 100,
		});
		const { error } = await upload(stored.id, [pdf('a.pdf')]);
		expect(error?.message).toBe(
			'The connection to Debitura failed while trying to upload the document',
		);
		expect(error?.description).toMatch(
			/^The connection broke off or could not be made \(E[A-Z]+\); the node tried 3 times\. No file was stored twice/,
		);
		expect(posts('/files')).toHaveLength(3);
		expect(await filesOn(stored.id)).toEqual([]);
	});

	test('a failed look-up of the case says what running again does for this upload, not that Retry On Fail is safe', async () => {
		const stored = env.sandbox.createCase({ isTest: true, creditorReference: 'INV-501' });
		env.sandbox.injectFault({
			method: 'GET',
			path: '/cases/by-creditor-reference/INV-501',
			kind: 'server-error',
			status: 503,
		});
		const { error } = await runWorkflow({
			credentials: env.credentials,
			input: [pdf('a.pdf', stored.id)],
			node: {
				parameters: {
					resource: 'document',
					operation: 'upload',
					case: { __rl: true, mode: 'creditorReference', value: 'INV-501' },
					binaryPropertyName: 'data',
					skipIfAlreadyOnCase: false,
				},
			},
		});
		expect(error?.message).toMatch(
			/^Debitura had a server error while trying to find the case to upload the document \(HTTP 503\)/,
		);
		expect(error?.description).toMatch(
			/would upload once more the files of this run that did go through/,
		);
		expect(error?.description).not.toMatch(/Retry On Fail|Retrying is safe/);
	});
});

describe('Case → Create under Retry On Fail', () => {
	test('a 502 on one of three creates opens exactly one case per item', async () => {
		env.sandbox.injectFault({
			method: 'POST',
			path: '/cases',
			kind: 'server-error',
			status: 502,
			skip: 1,
		});
		const input = [100, 200, 300].map((amount) => ({ json: { amount } }));
		const { items, error } = await runWorkflow({
			credentials: env.credentials,
			input,
			node: {
				...RETRY,
				parameters: createCaseParameters({ amountToRecover: '={{ $json.amount }}' }),
			},
		});
		expect(error).toBeUndefined();
		const cases = env.sandbox.listCases();
		expect(cases).toHaveLength(3);
		expect(items.map((item) => item.json.id).sort()).toEqual(
			cases.map((stored) => stored.id).sort(),
		);
		expect(
			items.map(
				(item) =>
					(item.json.amounts as { grossAmount?: number } | undefined)?.grossAmount ??
					item.json.grossAmount,
			),
		).toEqual([100, 200, 300]);
		const keys = posts('/cases').map((request) => request.headers['idempotency-key']);
		expect(new Set(keys).size).toBe(3);
	});
});

describe('Division → Create under Retry On Fail', () => {
	const SEEDED = 2;
	const listDivisions = async () =>
		(
			await apiGet<{ divisions: Array<{ id: string; companyName: string }> }>(
				'/divisions?pageSize=100',
			)
		).divisions;
	const create = async (
		input: InputItem[],
		settings: Partial<NodeUnderTest> = {},
		additionalFields: Record<string, string> = {},
	) =>
		await runWorkflow({
			credentials: env.credentials,
			input,
			node: {
				...settings,
				parameters: {
					resource: 'division',
					operation: 'create',
					companyName: '={{ $json.name }}',
					city: 'Malmö',
					countryCode: 'SE',
					additionalFields,
				},
			},
		});
	const names = ['Nordlys Syd', 'Nordlys Nord', 'Nordlys Öst'].map((name) => ({ json: { name } }));

	test('a 502 on one of three creates makes exactly one division per item', async () => {
		env.sandbox.injectFault({
			method: 'POST',
			path: '/divisions',
			kind: 'server-error',
			status: 502,
			skip: 1,
		});
		const { items, error } = await create(names, RETRY);
		expect(error).toBeUndefined();
		const divisions = await listDivisions();
		expect(divisions).toHaveLength(SEEDED + 3);
		expect(items.map((item) => item.json.companyName)).toEqual([
			'Nordlys Syd',
			'Nordlys Nord',
			'Nordlys Öst',
		]);
		expect(
			posts('/divisions').every(
				(request) => typeof request.headers['idempotency-key'] === 'string',
			),
		).toBe(true);
	});

	test('a connection lost after the division was made: Retry On Fail gets the same division back', async () => {
		env.sandbox.injectFault({ method: 'POST', path: '/divisions', kind: 'drop-response' });
		const { items, error } = await create([names[0]], RETRY);
		expect(error).toBeUndefined();
		const divisions = await listDivisions();
		expect(divisions).toHaveLength(SEEDED + 1);
		expect(items[0].json.id).toBe(
			divisions.find((division) => division.companyName === 'Nordlys Syd')?.id,
		);
	});

	test('the key is derived from the body: the same division sent again is not made twice, another one is', async () => {
		await create([names[0]]);
		await create([names[0]]);
		await create([names[1]]);
		expect(await listDivisions()).toHaveLength(SEEDED + 2);
	});

	test("a key of the user's own is sent as given; outside printable ASCII it is sent as a hash, so keys never collide", async () => {
		await create([names[0]], {}, { idempotencyKey: 'division-syd' });
		await create([names[1]], {}, { idempotencyKey: 'Afdeling-Ø-1' });
		await create([names[2]], {}, { idempotencyKey: 'Afdeling-😀-1' });
		const keys = posts('/divisions').map((request) => request.headers['idempotency-key']);
		expect(keys[0]).toBe('division-syd');
		expect(keys[1]).toMatch(/^n8n-key-[0-9a-f]{64}$/);
		expect(keys[2]).toMatch(/^n8n-key-[0-9a-f]{64}$/);
		expect(keys[1]).not.toBe(keys[2]);
		expect(await listDivisions()).toHaveLength(SEEDED + 3);
	});

	test('the 5xx text of Division Create says a retry is safe because of the key', async () => {
		env.sandbox.injectFault({
			method: 'POST',
			path: '/divisions',
			kind: 'server-error',
			status: 502,
			count: 100,
		});
		const { error } = await create([names[0]]);
		expect(error?.description).toMatch(/idempotency key/);
		expect(error?.description).not.toMatch(/check Division → Get Many/i);
	});
});

describe('Case → Create: a non-Latin-1 Idempotency Key', () => {
	test('is sent as a hash under Retry On Fail, and the retry replays the same case', async () => {
		env.sandbox.injectFault({ method: 'POST', path: '/cases', kind: 'drop-response' });
		const { items, error } = await runWorkflow({
			credentials: env.credentials,
			node: {
				...RETRY,
				parameters: createCaseParameters({
					additionalFields: { idempotencyKey: 'Faktura-€-😀-17' },
				}),
			},
		});
		expect(error).toBeUndefined();
		const keys = posts('/cases').map((request) => request.headers['idempotency-key']);
		expect(keys).toHaveLength(2);
		expect(keys[0]).toMatch(/^n8n-key-[0-9a-f]{64}$/);
		expect(keys[1]).toBe(keys[0]);
		expect(env.sandbox.listCases()).toHaveLength(1);
		expect(items[0].json.id).toBe(env.sandbox.listCases()[0].id);
	});
});

describe('Message → Send under Retry On Fail', () => {
	type Chat = { id: string; message: string };
	const chatsOf = async (caseId: string) => await apiGet<Chat[]>(`/cases/${caseId}/chats`);
	const send = async (
		caseId: string,
		input: InputItem[],
		settings: Partial<NodeUnderTest> = {},
		extra: Record<string, unknown> = {},
	) =>
		await runWorkflow({
			credentials: env.credentials,
			input,
			node: {
				...settings,
				parameters: {
					resource: 'message',
					operation: 'send',
					case: { __rl: true, mode: 'id', value: caseId },
					message: '={{ $json.text }}',
					senderEmail: SENDER,
					...extra,
				},
			},
		});
	const texts = [
		'Debtor called, pays Friday.',
		'Signed order attached in the app.',
		'Please pause over Christmas.',
	].map((text) => ({ json: { text } }));

	test('a 502 on one of three messages posts each message exactly once', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${stored.id}/chats`,
			kind: 'server-error',
			status: 502,
			skip: 1,
		});
		const { items, error } = await send(stored.id, texts, RETRY);
		expect(error).toBeUndefined();
		const chats = await chatsOf(stored.id);
		expect(chats.map((chat) => chat.message).sort()).toEqual(
			texts.map((text) => text.json.text).sort(),
		);
		expect(items.map((item) => item.json.message)).toEqual(texts.map((text) => text.json.text));
	});

	test('a connection lost after the message was posted: found in the chat, not posted again', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${stored.id}/chats`,
			kind: 'drop-response',
		});
		const { items, error } = await send(stored.id, [texts[0]], RETRY);
		expect(error).toBeUndefined();
		const chats = await chatsOf(stored.id);
		expect(chats).toHaveLength(1);
		expect(posts('/chats')).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: chats[0].id, message: texts[0].json.text });
	});

	test('a 5xx that does not go away on one message: Retry On Fail posts the other message once', async () => {
		const healthy = env.sandbox.createCase({ isTest: true });
		const failing = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${failing.id}/chats`,
			kind: 'server-error',
			status: 502,
			count: 100,
		});
		const input = [
			{ json: { ...texts[0].json, caseId: healthy.id } },
			{ json: { ...texts[1].json, caseId: failing.id } },
		];
		const { error } = await send('={{ $json.caseId }}', input, {
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 10,
		});
		expect(error?.message).toMatch(
			/^Debitura had a server error while trying to send the message \(HTTP 502\)/,
		);
		expect((await chatsOf(healthy.id)).map((chat) => chat.message)).toEqual([texts[0].json.text]);
		expect(await chatsOf(failing.id)).toEqual([]);
	});

	test('the same message from the same sender within the window is not posted again; the output says which message matched', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const first = await send(stored.id, [texts[0]]);
		const { items, error } = await send(stored.id, [texts[0], texts[1]]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			skipped: true,
			matchedMessageId: first.items[0].json.id,
			message: texts[0].json.text,
		});
		expect(String(items[0].json.skipReason)).toMatch(/already on the case/);
		expect(items[1].json.skipped).toBeUndefined();
		expect(await chatsOf(stored.id)).toHaveLength(2);
	});

	test('"Skip Repeat Within (Minutes)" 0 posts the same message again', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		await send(stored.id, [texts[0]]);
		const { items } = await send(stored.id, [texts[0]], {}, { skipRepeatWithinMinutes: 0 });
		expect(items[0].json.skipped).toBeUndefined();
		expect(await chatsOf(stored.id)).toHaveLength(2);
	});

	test('a 5xx that does not go away names the effect: the message may be posted twice, no Retry On Fail advice', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${stored.id}/chats`,
			kind: 'server-error',
			status: 502,
			count: 100,
		});
		const { error } = await send(stored.id, [texts[0]]);
		expect(error?.message).toMatch(
			/^Debitura had a server error while trying to send the message \(HTTP 502\)/,
		);
		expect(`${error?.message} ${error?.description}`).not.toMatch(
			/Retry On Fail|run the workflow again|Retrying is safe/i,
		);
	});
});
