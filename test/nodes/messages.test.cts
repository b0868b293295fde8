import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import { specViolations } from '../harness/spec-conformance.cjs';

const env = useSandbox();

const SENDER = 'mette.jensen@example.com';
/** SendChatRequest (spec): message 0..10000, userId (deprecated), userEmail. */
const SEND_CHAT_REQUEST = {
	message: { type: 'string', maxLength: 10_000 },
	userId: { type: 'string', format: 'uuid' },
	userEmail: { type: 'string', format: 'email' },
} as const;

const caseParam = (mode: string, value: string) => ({ __rl: true, mode, value });

const send = async (mode: string, value: string, extra: Record<string, unknown> = {}) =>
	await runWorkflow({
		credentials: env.credentials,
		node: {
			parameters: {
				resource: 'message',
				operation: 'send',
				case: caseParam(mode, value),
				message: 'Any news on this one?',
				senderEmail: SENDER,
				...extra,
			},
		},
	});

const getMany = async (mode: string, value: string, extra: Record<string, unknown> = {}) =>
	await runWorkflow({
		credentials: env.credentials,
		node: {
			parameters: {
				resource: 'message',
				operation: 'getMany',
				case: caseParam(mode, value),
				...extra,
			},
		},
	});

function valueFor(
	mode: string,
	stored: { id: string; reference?: string | null },
	creditorReference: string,
) {
	return mode === 'creditorReference'
		? creditorReference
		: mode === 'caseReference'
			? String(stored.reference)
			: stored.id;
}

describe('Message → Send', () => {
	test.each(['id', 'list', 'creditorReference', 'caseReference'])(
		'posts to the case found by %s, as the spec spells the body',
		async (mode) => {
			const stored = env.sandbox.createCase({ isTest: true, creditorReference: 'INV-MSG' });
			const { items, error } = await send(mode, valueFor(mode, stored, 'INV-MSG'), {
				message: '  Any news?\nThe debtor called.  ',
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				message: 'Any news?\nThe debtor called.',
				roleLabel: 'Creditor',
				user: { email: SENDER },
			});
			expect(String(items[0].json.dateCreated)).toMatch(/Z$/);
			const post = env.sandbox.requests.at(-1)!;
			expect(`${post.method} ${post.path}`).toBe(`POST /cases/${stored.id}/chats`);
			expect(post.headers['content-type']).toMatch(/^application\/json/);
			expect(post.body).toEqual({ message: 'Any news?\nThe debtor called.', userEmail: SENDER });
			expect(specViolations(post.body, SEND_CHAT_REQUEST as never)).toEqual([]);
		},
	);

	test.each([
		[
			'id',
			'00000000-0000-4000-8000-000000000000',
			'No case has case ID "00000000-0000-4000-8000-000000000000".',
		],
		['creditorReference', 'NO-SUCH-INVOICE', 'No case has creditor reference "NO-SUCH-INVOICE".'],
		['caseReference', 'ZZZZZZZZ', 'No case has case reference "ZZZZZZZZ".'],
	])('an unknown %s is a 404 that names it, and nothing is posted', async (mode, value, named) => {
		const { error } = await send(mode, value);
		expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
		expect(error?.description?.startsWith(named)).toBe(true);
		expect(env.sandbox.requests.filter((r) => r.method === 'POST' && r.status < 300)).toHaveLength(
			0,
		);
	});

	test.each([
		[{ message: '   ' }, '"Message" is empty [item 0]'],
		[
			{ message: 'x'.repeat(10_001) },
			'"Message" can be at most 10000 characters (got 10001) [item 0]',
		],
		[{ senderEmail: '={{ "" }}' }, '"Sender Email" is empty [item 0]'],
		[{ senderEmail: 'mette' }, '"Sender Email" is not an email address: "mette" [item 0]'],
	])('%j is refused before sending', async (extra, message) => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { error } = await send('id', stored.id, extra);
		expect(error?.message).toBe(message);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test("a sender who is not on the team gets Debitura's answer, naming the problem", async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { error } = await send('id', stored.id, { senderEmail: 'someone@else.example' });
		expect(error?.message).toBe(
			'Debitura could not send the message: The user is not an active member of your team.',
		);
		expect(error?.httpCode).toBe('400');
	});

	test('a server error that lasts says what running again does: within the window it skips what went through', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.injectFault({
			method: 'POST',
			path: `/cases/${stored.id}/chats`,
			kind: 'server-error',
			count: 3,
		});
		const { error } = await send('id', stored.id);
		expect(error?.description).toMatch(
			/^This is usually temporary, but it lasted: the node tried 3 times, waiting in between\. No message was posted twice/,
		);
		expect(error?.description).toMatch(
			/Running the node again within 60 minutes skips the messages of this run that did go through/,
		);
	});
});

describe('Message → Get Many', () => {
	test('the chat comes back oldest first, one item per message, partner and creditor alike', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.addPartnerChat(stored.id, 'Can you send the signed order?');
		await new Promise((resolve) => setTimeout(resolve, 5));
		await send('id', stored.id, { message: 'Attached it today.' });
		env.sandbox.requests.length = 0;
		const { items, error } = await getMany('id', stored.id);
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.roleLabel, item.json.message])).toEqual([
			['Partner', 'Can you send the signed order?'],
			['Creditor', 'Attached it today.'],
		]);
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /cases/${stored.id}/chats`,
		]);
		expect(env.sandbox.requests[0].query).toEqual({});
	});

	test('a case without messages gives no items, not an error', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items, error } = await getMany('id', stored.id);
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	test('a message Debitura lists twice is output once', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.addPartnerChat(stored.id, 'Listed twice upstream', { duplicated: true });
		const { items } = await getMany('id', stored.id);
		expect(items.map((item) => item.json.message)).toEqual(['Listed twice upstream']);
	});

	test.each([
		[false, 2, 2],
		[false, 5, 3],
		[true, 1, 3],
	])('Return All %s / Limit %i gives %i of 3 messages', async (returnAll, limit, expected) => {
		const stored = env.sandbox.createCase({ isTest: true });
		for (const text of ['one', 'two', 'three']) env.sandbox.addPartnerChat(stored.id, text);
		const { items } = await getMany('id', stored.id, { returnAll, limit });
		expect(items).toHaveLength(expected);
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
		const { error } = await getMany(mode, value);
		expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
		expect(error?.description?.startsWith(named)).toBe(true);
	});
});
