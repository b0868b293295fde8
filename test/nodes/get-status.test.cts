import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();

const getStatus = async (mode: string, value: string, extra: Record<string, unknown> = {}) =>
	await runWorkflow({
		credentials: env.credentials,
		node: {
			parameters: {
				resource: 'case',
				operation: 'getStatus',
				case: { __rl: true, mode, value },
				...extra,
			},
		},
	});

describe('Case → Get Status', () => {
	test.each(['id', 'list', 'creditorReference', 'caseReference'])(
		'finds the case by %s',
		async (mode) => {
			const stored = env.sandbox.createCase({ isTest: true, creditorReference: 'INV-2026-0099' });
			const value =
				mode === 'creditorReference'
					? 'INV-2026-0099'
					: mode === 'caseReference'
						? String(stored.reference)
						: stored.id;
			const { items, error } = await getStatus(mode, value);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json.id).toBe(stored.id);
			const [request] = env.sandbox.requests;
			const expectedPath = {
				id: `/cases/${stored.id}`,
				list: `/cases/${stored.id}`,
				creditorReference: '/cases/by-creditor-reference/INV-2026-0099',
				caseReference: `/cases/case-reference/${stored.reference}`,
			}[mode];
			expect(request.path).toBe(expectedPath);
		},
	);

	test('Simplify returns what a person acts on, with UTC timestamps', async () => {
		const stored = env.sandbox.createCase({ isTest: true, creditorReference: 'INV-5' });
		const { items } = await getStatus('id', stored.id, { simplify: true });
		const json = items[0].json;
		expect(Object.keys(json).sort()).toEqual(
			[
				'id',
				'reference',
				'creditorReference',
				'lifecycle',
				'closeCode',
				'isClosed',
				'currentEngagementPhase',
				'currency',
				'grossAmount',
				'remainder',
				'interestFees',
				'reminderFees',
				'collectionFees',
				'totalAddedFees',
				'debtorName',
				'collectionPartnerName',
				'date',
				'dueDate',
				'dateCreated',
				'dateUpdated',
				'dateCollectionStarted',
				'dateFinished',
				'isTestCase',
			].sort(),
		);
		expect(json).toMatchObject({
			id: stored.id,
			creditorReference: 'INV-5',
			isTestCase: true,
			isClosed: false,
		});
		// The sandbox, like Debitura, answers reads with zone-less timestamps; the node outputs them as UTC.
		expect(String(env.sandbox.requests.length)).toBe('1');
		expect(json.dateCreated).toMatch(/Z$/);
		expect(Date.parse(String(json.dateCreated))).toBe(
			Date.parse(`${String(stored.dateCreated).replace(/Z?$/, '')}Z`),
		);
	});

	test('without Simplify the full case comes back', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const { items } = await getStatus('id', stored.id, { simplify: false });
		expect(items[0].json).toHaveProperty('debtor');
		expect(items[0].json).toHaveProperty('creditor');
		expect(items[0].json.dateCreated).toMatch(/Z$/);
	});

	test('a closed, paid case reads as closed with its close code', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		const advance = await fetch(`${env.sandbox.url}/test/cases/${stored.id}/advance`, {
			method: 'POST',
			headers: { XApiKey: env.sandbox.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({ to: 'Closed:Paid', amount: 250 }),
		});
		expect(advance.status).toBe(200);
		const { items } = await getStatus('id', stored.id, { simplify: true });
		expect(items[0].json).toMatchObject({ lifecycle: 'Closed', closeCode: 'Paid', isClosed: true });
	});

	test.each([
		['creditorReference', 'NO-SUCH-INVOICE', 'No case has creditor reference "NO-SUCH-INVOICE".'],
		['caseReference', 'ZZZZZZZZ', 'No case has case reference "ZZZZZZZZ".'],
		[
			'id',
			'00000000-0000-4000-8000-000000000000',
			'No case has case ID "00000000-0000-4000-8000-000000000000".',
		],
	])('an unknown %s is a 404 that names it', async (mode, value, named) => {
		const { error } = await getStatus(mode, value);
		// The identifier goes into the description: n8n rewrites messages that contain "EEXIST" and the like.
		expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
		expect(error?.description?.startsWith(named)).toBe(true);
		expect(error?.httpCode).toBe('404');
	});

	test('an ID that is not a UUID is refused before sending, pointing at the reference modes', async () => {
		// From an expression (a literal is already flagged by the editor's own check of the field).
		const { error } = await getStatus('id', '={{ "INV-2026-0099" }}');
		expect(error?.message).toBe('"Case" is not a valid case ID: "INV-2026-0099" [item 0]');
		expect(error?.description).toMatch(/By Creditor Reference/);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test.each([
		['caseReference', '.'],
		['caseReference', '..'],
		['creditorReference', '..'],
		['creditorReference', '={{ "." }}'],
		['caseReference', '={{ " .. " }}'],
	])(
		'a %s of %j is refused before sending: the URL would be normalised to another resource',
		async (mode, value) => {
			env.sandbox.createCase({ isTest: true });
			const { error, items } = await getStatus(mode, value);
			expect(items).toEqual([]);
			expect(error?.message).toMatch(/^"Case" cannot be "\.{1,2}" \[item 0\]$/);
			expect(env.sandbox.requests).toHaveLength(0);
		},
	);

	test.each([
		[{ number: 'INV-1' }, 'an object'],
		[['INV-1', 'INV-2'], 'a list'],
	])(
		'a reference given as %j by expression is refused, not sent as "[object Object]" or "INV-1,INV-2"',
		async (reference, kind) => {
			const { error } = await runWorkflow({
				credentials: env.credentials,
				input: [{ json: { reference } }],
				node: {
					parameters: {
						resource: 'case',
						operation: 'getStatus',
						case: { __rl: true, mode: 'creditorReference', value: '={{ $json.reference }}' },
					},
				},
			});
			expect(error?.message).toBe(`"Case" must be a single value, not ${kind} [item 0]`);
			expect(env.sandbox.requests).toHaveLength(0);
		},
	);

	test('a reference that merely contains dots and slashes is sent encoded, as one path segment', async () => {
		const stored = env.sandbox.createCase({ isTest: true, creditorReference: '../INV.1/..' });
		const { items, error } = await getStatus('creditorReference', '../INV.1/..');
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(stored.id);
	});

	test('several items: one per case, a missing one as an error item with Continue On Fail', async () => {
		const a = env.sandbox.createCase({ isTest: true, creditorReference: 'A-1' });
		const b = env.sandbox.createCase({ isTest: true, creditorReference: 'B-2' });
		const { items, error } = await runWorkflow({
			credentials: env.credentials,
			input: ['A-1', 'MISSING', 'B-2'].map((reference) => ({ json: { reference } })),
			node: {
				parameters: {
					resource: 'case',
					operation: 'getStatus',
					case: { __rl: true, mode: 'creditorReference', value: '={{ $json.reference }}' },
					simplify: true,
				},
				onError: 'continueRegularOutput',
			},
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id ?? 'error')).toEqual([a.id, 'error', b.id]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
