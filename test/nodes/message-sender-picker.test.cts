import { useSandbox } from '../harness/fixtures.cjs';
import { runListSearch } from '../harness/list-search.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import { specViolations } from '../harness/spec-conformance.cjs';

/** Message → Send's Sender Email as a team-member picker: From List (GET /users), By Email, and the plain string older workflows saved. */

const env = useSandbox();

const SEND_CHAT_REQUEST = {
	message: { type: 'string', maxLength: 10_000 },
	userEmail: { type: 'string', format: 'email' },
} as const;

const send = async (caseId: string, senderEmail: unknown) =>
	await runWorkflow({
		credentials: env.credentials,
		node: {
			parameters: {
				resource: 'message',
				operation: 'send',
				case: { __rl: true, mode: 'id', value: caseId },
				message: 'Any news?',
				senderEmail,
			} as never,
		},
	});

describe('Message → Send: Sender Email', () => {
	test('From List offers the team members of GET /users by email', async () => {
		const parameters = { resource: 'message', operation: 'send' };
		const { results } = await runListSearch({
			method: 'searchTeamMembers',
			credentials: env.credentials,
			parameters,
		});
		expect(results.map((result) => result.value)).toEqual([
			'mette.jensen@example.com',
			'lars.holm@example.com',
		]);
	});

	test.each([
		['picked from the list', { __rl: true, mode: 'list', value: 'lars.holm@example.com' }],
		['given by email', { __rl: true, mode: 'email', value: 'lars.holm@example.com' }],
		['a plain string, as older workflows saved it', 'lars.holm@example.com'],
	])('%s: sent as userEmail', async (_how, senderEmail) => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items, error } = await send(stored.id, senderEmail);
		expect(error).toBeUndefined();
		const post = env.sandbox.requests.find((r) => r.method === 'POST')!;
		expect(post.body).toEqual({ message: 'Any news?', userEmail: 'lars.holm@example.com' });
		expect(specViolations(post.body, SEND_CHAT_REQUEST as never)).toEqual([]);
		expect(items[0].json).toMatchObject({
			roleLabel: 'Creditor',
			user: { email: 'lars.holm@example.com' },
		});
	});

	test('an empty pick is refused before sending, naming the field', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.requests.length = 0;
		const { error } = await send(stored.id, { __rl: true, mode: 'list', value: '={{ "" }}' });
		expect(error?.message).toMatch(/^"Sender Email" is empty \[item 0\]/);
		expect(env.sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});
});
