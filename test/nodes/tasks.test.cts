import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();

const run = async (parameters: Record<string, unknown>) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: { resource: 'task', operation: 'getMany', ...parameters } },
	});

/** Cases each carrying one open ReplyToChat task (a partner message not yet answered). */
function seedOpenTasks(count: number) {
	const cases = Array.from({ length: count }, (_, i) =>
		env.sandbox.createCase({ isTest: true, creditorReference: `T-${i}` }),
	);
	for (const stored of cases) env.sandbox.addPartnerChat(stored.id, 'Please call me back');
	env.sandbox.requests.length = 0;
	return cases;
}

describe('Task → Get Many (account)', () => {
	test.each([
		[0, 1],
		[1, 1],
		[100, 1],
		[101, 2],
		[250, 3],
	])(
		'Return All over %i tasks takes %i request(s), stopping exactly at the last page',
		async (count, requests) => {
			seedOpenTasks(count);
			const { items, error } = await run({ returnAll: true });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(count);
			expect(env.sandbox.requests).toHaveLength(requests);
			for (const [index, request] of env.sandbox.requests.entries()) {
				expect(request.path).toBe('/tasks');
				expect(request.query).toEqual({
					status: ['Open'],
					Page: [String(index + 1)],
					PageSize: ['100'],
				});
			}
		},
	);

	test.each([
		[250, 50, ['50']],
		[250, 150, ['100', '100']],
	])('over %i tasks, Limit %i reads pages of %j', async (count, limit, pageSizes) => {
		seedOpenTasks(count);
		const { items } = await run({ limit });
		expect(items).toHaveLength(limit);
		expect(env.sandbox.requests.map((r) => r.query.PageSize?.[0])).toEqual(pageSizes);
	});

	test('status and types reach the request as Debitura documents them (type repeated)', async () => {
		env.sandbox.setContractsSigned(false);
		seedOpenTasks(2);
		const { items, error } = await run({
			returnAll: true,
			filters: { status: 'Open', types: ['SignContract', 'ReplyToChat'] },
		});
		expect(error).toBeUndefined();
		expect(env.sandbox.requests[0].query).toMatchObject({
			status: ['Open'],
			type: ['SignContract', 'ReplyToChat'],
		});
		expect(items.map((item) => item.json.type).sort()).toEqual([
			'ReplyToChat',
			'ReplyToChat',
			'SignContract',
		]);
		const only = await run({ returnAll: true, filters: { types: ['SignContract'] } });
		expect(only.items.map((item) => item.json.type)).toEqual(['SignContract']);
		expect(only.items[0].json).toMatchObject({ caseId: null, action: null });
	});

	test('a task answered is Solved, with UTC timestamps', async () => {
		const [stored] = seedOpenTasks(1);
		await runWorkflow({
			credentials: env.credentials,
			node: {
				parameters: {
					resource: 'message',
					operation: 'send',
					case: { __rl: true, mode: 'id', value: stored.id },
					message: 'Calling now',
					senderEmail: 'mette.jensen@example.com',
				},
			},
		});
		expect((await run({ returnAll: true })).items).toHaveLength(0);
		const { items } = await run({ returnAll: true, filters: { status: 'Solved' } });
		expect(items[0].json).toMatchObject({
			type: 'ReplyToChat',
			status: 'Solved',
			caseId: stored.id,
			action: { method: 'POST', path: '/cases/{caseId}/chats' },
		});
		expect(String(items[0].json.dateSolved)).toMatch(/Z$/);
		expect(String(items[0].json.dateCreated)).toMatch(/Z$/);
	});
});

describe('Task → Get Many (one case)', () => {
	test.each(['id', 'creditorReference', 'caseReference'])(
		'lists the tasks of the case found by %s',
		async (mode) => {
			const [stored] = seedOpenTasks(2);
			const value =
				mode === 'creditorReference'
					? 'T-0'
					: mode === 'caseReference'
						? String(stored.reference)
						: stored.id;
			const { items, error } = await run({ scope: 'case', case: { __rl: true, mode, value } });
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.caseId)).toEqual([stored.id]);
			expect(env.sandbox.requests.at(-1)).toMatchObject({
				method: 'GET',
				path: `/cases/${stored.id}/tasks`,
				query: { status: ['Open'] },
			});
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
	])('an unknown %s is a 404 that names it', async (mode, value, named) => {
		const { error } = await run({ scope: 'case', case: { __rl: true, mode, value } });
		expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
		expect(error?.description?.startsWith(named)).toBe(true);
	});
});
