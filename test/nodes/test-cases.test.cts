import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow, type InputItem } from '../harness/run-workflow.cjs';
import { specViolations } from '../harness/spec-conformance.cjs';

const env = useSandbox();

/** AdvanceTestCaseRequest (spec): `to` (required; the three documented targets) and `amount`. */
const ADVANCE_REQUEST = {
	to: { type: 'string', enum: ['Active', 'Closed:Paid', 'Closed:NoPayment'] },
	amount: { type: 'number' },
} as const;
/** FireWebhookRequest (spec): event and caseId required, subscriptionId optional. */
const FIRE_REQUEST = {
	event: {
		type: 'string',
		enum: [
			'case.created',
			'case.updated',
			'case.closed',
			'payment.created',
			'payment.deleted',
			'chat.created',
		],
	},
	caseId: { type: 'string', format: 'uuid' },
	subscriptionId: { type: 'string', format: 'uuid' },
} as const;

const caseParam = (mode: string, value: string) => ({ __rl: true, mode, value });

const run = async (parameters: Record<string, unknown>, input?: InputItem[]) =>
	await runWorkflow({
		credentials: env.credentials,
		input,
		node: { parameters: { resource: 'testCase', ...parameters } },
	});

/** Requests that change something (anything but the look-up GETs). */
const writes = () => env.sandbox.requests.filter((r) => r.method !== 'GET');

function testCase(extra: Record<string, unknown> = {}) {
	const stored = env.sandbox.createCase({
		isTest: true,
		creditorReference: `INV-T-${Math.random().toString(36).slice(2, 8)}`,
		...extra,
	});
	env.sandbox.requests.length = 0;
	return stored;
}

function valueFor(
	mode: string,
	stored: { id: string; reference?: string | null; creditorReference?: string | null },
) {
	return mode === 'creditorReference'
		? String(stored.creditorReference)
		: mode === 'caseReference'
			? String(stored.reference)
			: stored.id;
}

describe('Test Case → Advance', () => {
	test.each(['id', 'list', 'creditorReference', 'caseReference'])(
		'closes a test case found by %s as Paid, recording the payment',
		async (mode) => {
			const stored = testCase({ currencyCode: 'SEK', amountToRecover: 900 });
			const { items, error } = await run({
				operation: 'advance',
				case: caseParam(mode, valueFor(mode, stored)),
				to: 'Closed:Paid',
				amount: 250.5,
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([
				{ caseId: stored.id, advanced: true, state: 'Closed:Paid' },
			]);
			const post = writes();
			expect(post).toHaveLength(1);
			expect(`${post[0].method} ${post[0].path}`).toBe(`POST /test/cases/${stored.id}/advance`);
			expect(post[0].body).toEqual({ to: 'Closed:Paid', amount: 250.5 });
			expect(specViolations(post[0].body, ADVANCE_REQUEST as never)).toEqual([]);
			expect(env.sandbox.getCase(stored.id)).toMatchObject({
				lifecycle: 'Closed',
				closeCode: 'Paid',
			});
			expect(
				env.sandbox
					.listPayments()
					.filter((p) => p.invoice.invoiceId === stored.id)
					.map((p) => [p.grossAmount, p.currency]),
			).toEqual([[250.5, 'SEK']]);
		},
	);

	test('Active, then Active again: the second reports advanced false; the amount is sent only for Closed: Paid', async () => {
		const stored = testCase();
		const first = await run({
			operation: 'advance',
			case: caseParam('id', stored.id),
			to: 'Active',
			amount: 10,
		});
		const second = await run({
			operation: 'advance',
			case: caseParam('id', stored.id),
			to: 'Active',
		});
		expect([first.items[0].json, second.items[0].json]).toEqual([
			{ caseId: stored.id, advanced: true, state: 'Active' },
			{ caseId: stored.id, advanced: false, state: 'Active' },
		]);
		expect(writes().map((r) => r.body)).toEqual([{ to: 'Active' }, { to: 'Active' }]);
		for (const request of writes())
			expect(specViolations(request.body, ADVANCE_REQUEST as never)).toEqual([]);
	});

	test('Closed: No Payment closes without a payment', async () => {
		const stored = testCase();
		const { items } = await run({
			operation: 'advance',
			case: caseParam('id', stored.id),
			to: 'Closed:NoPayment',
		});
		expect(items[0].json).toEqual({ caseId: stored.id, advanced: true, state: 'Closed:NoPayment' });
		expect(env.sandbox.getCase(stored.id)?.lifecycle).toBe('Closed');
		expect(env.sandbox.listPayments().filter((p) => p.invoice.invoiceId === stored.id)).toEqual([]);
	});

	test.each([[0], [-5], [0.004], ['={{ "1.500,00" }}']])(
		'Closed: Paid with amount %p is refused before sending',
		async (amount) => {
			const stored = testCase();
			const { error } = await run({
				operation: 'advance',
				case: caseParam('id', stored.id),
				to: 'Closed:Paid',
				amount,
			});
			expect(error?.message).toMatch(/^"Amount Paid" must be .* \[item 0\]$/);
			expect(error?.description).toMatch(/Nothing was sent to Debitura\.$/);
			expect(env.sandbox.requests).toHaveLength(0);
		},
	);

	test('a target outside the three is refused before sending', async () => {
		const stored = testCase();
		const { error } = await run({
			operation: 'advance',
			case: caseParam('id', stored.id),
			to: '={{ "Paid" }}',
		});
		expect(error?.message).toBe(
			'"Advance To" must be Active, Closed:Paid or Closed:NoPayment (got "Paid") [item 0]',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('a live case found by reference is refused, naming the item, before anything is changed', async () => {
		const live = env.sandbox.createCase({ isTest: false, creditorReference: 'INV-LIVE-1' });
		env.sandbox.requests.length = 0;
		const { error } = await run({
			operation: 'advance',
			case: caseParam('creditorReference', 'INV-LIVE-1'),
			to: 'Closed:Paid',
			amount: 10,
		});
		expect(error?.message).toBe(
			'The case with creditor reference "INV-LIVE-1" is a live case; Test Case → Advance works only on test cases [item 0]',
		);
		expect(error?.description).toMatch(/Nothing was changed on Debitura/);
		expect(writes()).toHaveLength(0);
		expect(env.sandbox.getCase(live.id)?.lifecycle).toBe(live.lifecycle);
	});

	test('an item that is the live case itself (e.g. Case → Get Status output) is refused without any request', async () => {
		const live = env.sandbox.createCase({ isTest: false });
		const other = testCase();
		env.sandbox.requests.length = 0;
		const { error } = await run(
			{ operation: 'advance', case: caseParam('id', '={{ $json.id }}'), to: 'Active' },
			[{ json: { id: other.id, isTestCase: true } }, { json: { id: live.id, isTestCase: false } }],
		);
		expect(error?.message).toBe(
			`The case with case ID "${live.id}" is a live case; Test Case → Advance works only on test cases [item 1]`,
		);
		// Item 0 went through before item 1 was refused; item 1 sent nothing.
		expect(writes().map((r) => r.path)).toEqual([`/test/cases/${other.id}/advance`]);
	});

	test("a live case given only by ID reaches Debitura, whose 400 is explained as Advance's rules", async () => {
		const live = env.sandbox.createCase({ isTest: false });
		const { error } = await run({
			operation: 'advance',
			case: caseParam('id', live.id),
			to: 'Active',
		});
		expect(error?.message).toBe(
			'Debitura could not advance the test case: Only test cases can be advanced.',
		);
		expect(error?.description).toMatch(
			/^Debitura advances only test cases, and refuses: a live case;.*Nothing was changed\.$/,
		);
		expect(error?.httpCode).toBe('400');
	});

	test("a case closed as No Payment cannot become Paid: Debitura's 400, explained", async () => {
		const stored = testCase();
		await run({ operation: 'advance', case: caseParam('id', stored.id), to: 'Closed:NoPayment' });
		const { error } = await run({
			operation: 'advance',
			case: caseParam('id', stored.id),
			to: 'Closed:Paid',
			amount: 5,
		});
		expect(error?.message).toBe(
			'Debitura could not advance the test case: The case is already closed as Closed:NoPayment.',
		);
		expect(error?.description).toMatch(/already closed with a different outcome/);
	});

	test.each([
		[
			'id',
			'00000000-0000-4000-8000-000000000000',
			'No case has case ID "00000000-0000-4000-8000-000000000000".',
		],
		['creditorReference', 'NO-SUCH-INVOICE', 'No case has creditor reference "NO-SUCH-INVOICE".'],
	])('an unknown %s is a 404 that names it', async (mode, value, named) => {
		const { error } = await run({
			operation: 'advance',
			case: caseParam(mode, value),
			to: 'Active',
		});
		expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
		expect(error?.description?.startsWith(named)).toBe(true);
		expect(writes().filter((r) => r.status < 300)).toHaveLength(0);
	});
});

describe('Test Case → Delete', () => {
	test.each(['id', 'creditorReference', 'caseReference'])(
		'deletes a test case found by %s and answers { deleted: true }',
		async (mode) => {
			const stored = testCase();
			const { items, error } = await run({
				operation: 'delete',
				case: caseParam(mode, valueFor(mode, stored)),
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([{ deleted: true }]);
			expect(writes().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
				`DELETE /test/cases/${stored.id} 204`,
			]);
			expect(env.sandbox.getCase(stored.id)).toBeUndefined();
		},
	);

	test('deleting by ID again succeeds (Debitura answers 204 for a case already gone)', async () => {
		const stored = testCase();
		await run({ operation: 'delete', case: caseParam('id', stored.id) });
		const again = await run({ operation: 'delete', case: caseParam('id', stored.id) });
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toEqual({ deleted: true });
	});

	test('a live case found by reference is refused before the DELETE, naming the item', async () => {
		const live = env.sandbox.createCase({ isTest: false, creditorReference: 'INV-LIVE-2' });
		env.sandbox.requests.length = 0;
		const { error } = await run({
			operation: 'delete',
			case: caseParam('creditorReference', 'INV-LIVE-2'),
		});
		expect(error?.message).toBe(
			'The case with creditor reference "INV-LIVE-2" is a live case; Test Case → Delete works only on test cases [item 0]',
		);
		expect(writes()).toHaveLength(0);
		expect(env.sandbox.getCase(live.id)).toBeDefined();
	});

	test("a live case by ID: Debitura's 400, explained as a refusal to delete live cases", async () => {
		const live = env.sandbox.createCase({ isTest: false });
		const { error } = await run({ operation: 'delete', case: caseParam('id', live.id) });
		expect(error?.message).toBe(
			'Debitura could not delete the test case: This is a production case; only test cases can be deleted.',
		);
		expect(error?.description).toMatch(
			/^Debitura deletes only test cases; this case is a live \(production\) case and was left as it is\./,
		);
		expect(env.sandbox.getCase(live.id)).toBeDefined();
	});

	test('a never-seen case ID is a 404 that names it', async () => {
		const { error } = await run({
			operation: 'delete',
			case: caseParam('id', '00000000-0000-4000-8000-0000000000cc'),
		});
		expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
		expect(error?.httpCode).toBe('404');
	});
});

describe('Test Case → Delete by Tag', () => {
	test('deletes every test case with the tag, leaves the others, and answers { deleted: true, tag }', async () => {
		const tagged = [testCase({ tag: 'rehearsal 7' }), testCase({ tag: 'rehearsal 7' })];
		const other = testCase({ tag: 'rehearsal 8' });
		const { items, error } = await run({ operation: 'deleteByTag', tag: '  rehearsal 7 ' });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, tag: 'rehearsal 7' }]);
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'DELETE /test/cases',
		]);
		expect(env.sandbox.requests[0].query).toEqual({ tag: ['rehearsal 7'] });
		expect(tagged.map((c) => env.sandbox.getCase(c.id))).toEqual([undefined, undefined]);
		expect(env.sandbox.getCase(other.id)).toBeDefined();
	});

	test('a tag that matches nothing succeeds', async () => {
		const { items, error } = await run({ operation: 'deleteByTag', tag: 'never-used' });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ deleted: true, tag: 'never-used' });
	});

	test('one live case with the tag: nothing is deleted, and the error says so plainly', async () => {
		const tagged = testCase({ tag: 'shared-tag' });
		env.sandbox.createCase({ isTest: false, tag: 'shared-tag' });
		const { error } = await run({ operation: 'deleteByTag', tag: 'shared-tag' });
		expect(error?.message).toBe(
			'Debitura could not delete the test cases by tag: The tag matches production cases; nothing was deleted.',
		);
		expect(error?.description).toMatch(
			/^Debitura deletes by tag all or nothing: if any case with this tag is a live \(production\) case, it refuses the whole request and deletes none of them, test cases included\. Nothing was deleted\. Find the live case with tag "shared-tag"/,
		);
		expect(env.sandbox.getCase(tagged.id)).toBeDefined();
	});

	test.each([
		['   ', '"Tag" is empty [item 0]'],
		['x'.repeat(101), '"Tag" can be at most 100 characters (got 101) [item 0]'],
		['={{ ["a", "b"] }}', '"Tag" must be a single value, not a list (got ["a","b"]) [item 0]'],
	])('tag %p is refused before sending', async (tag, message) => {
		const { error } = await run({ operation: 'deleteByTag', tag });
		expect(error?.message).toBe(message);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('the all-or-nothing rule is stated in the operation and beside the Tag field', async () => {
		const { Debitura } = await import('../../dist/nodes/Debitura/Debitura.node.js');
		type Property = {
			name: string;
			type?: string;
			displayName?: string;
			displayOptions?: { show?: Record<string, unknown[]> };
			options?: Array<{ value: string; description?: string }>;
		};
		const properties = new Debitura().description.properties as unknown as Property[];
		const operations = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'testCase',
		);
		const operation = operations?.options?.find((o) => o.value === 'deleteByTag');
		expect(operation?.description).toMatch(
			/if any case with this tag is a live \(production\) case, it refuses the whole request and deletes none of them/,
		);
		const notice = properties.find((p) => p.name === 'allOrNothingNotice');
		expect(notice).toMatchObject({
			type: 'notice',
			displayName: expect.stringMatching(/Debitura deletes none of them/),
		});
	});
});

describe('Test Case → Fire Webhook Event', () => {
	test('fires an event for a test case found by reference; the body is as the spec spells it', async () => {
		const stored = testCase();
		const { items, error } = await run({
			operation: 'fireWebhookEvent',
			case: caseParam('creditorReference', String(stored.creditorReference)),
			event: 'case.updated',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			eventType: 'case.updated',
			caseId: stored.id,
			enqueuedCount: 0,
		});
		const post = writes()[0];
		expect(`${post.method} ${post.path}`).toBe('POST /test/webhooks/fire');
		expect(post.body).toEqual({ event: 'case.updated', caseId: stored.id });
		expect(specViolations(post.body, FIRE_REQUEST as never)).toEqual([]);
	});

	test('a 5xx on the look-up of the case does not call a re-run safe: a re-run fires the events again', async () => {
		const stored = testCase();
		env.sandbox.injectFault({
			method: 'GET',
			path: `/cases/by-creditor-reference/${String(stored.creditorReference)}`,
			kind: 'server-error',
			status: 503,
		});
		const { error } = await run({
			operation: 'fireWebhookEvent',
			case: caseParam('creditorReference', String(stored.creditorReference)),
			event: 'case.updated',
		});
		expect(error?.message).toMatch(
			/^Debitura had a server error while trying to find the case to fire the webhook event \(HTTP 503\)/,
		);
		expect(error?.description).toMatch(/A retry fires the event again/);
		expect(error?.description).not.toMatch(/Retrying is safe|Retry On Fail/);
	});

	test('payment.created on a case without payments: the 422 says what is missing', async () => {
		const stored = testCase();
		const { error } = await run({
			operation: 'fireWebhookEvent',
			case: caseParam('id', stored.id),
			event: 'payment.created',
		});
		expect(error?.httpCode).toBe('422');
		expect(error?.description).toMatch(
			/^An event about a payment or a message needs one on the case/,
		);
	});

	test('a subscription ID that is not one of the test subscriptions: the 400 is explained', async () => {
		const stored = testCase();
		const { error } = await run({
			operation: 'fireWebhookEvent',
			case: caseParam('id', stored.id),
			event: 'case.updated',
			subscriptionId: '00000000-0000-4000-8000-0000000000dd',
		});
		expect(error?.httpCode).toBe('400');
		expect(error?.description).toMatch(
			/^Debitura fires events only for test cases, and only to test subscriptions/,
		);
		expect(env.sandbox.requests.at(-1)?.body).toEqual({
			event: 'case.updated',
			caseId: stored.id,
			subscriptionId: '00000000-0000-4000-8000-0000000000dd',
		});
	});

	test('a malformed subscription ID, and a live case found by reference, are refused before sending', async () => {
		const stored = testCase();
		const bad = await run({
			operation: 'fireWebhookEvent',
			case: caseParam('id', stored.id),
			event: 'case.updated',
			subscriptionId: 'sub-1',
		});
		expect(bad.error?.message).toBe('"Subscription ID" is not a valid ID: "sub-1" [item 0]');
		env.sandbox.createCase({ isTest: false, creditorReference: 'INV-LIVE-3' });
		env.sandbox.requests.length = 0;
		const live = await run({
			operation: 'fireWebhookEvent',
			case: caseParam('creditorReference', 'INV-LIVE-3'),
			event: 'case.updated',
		});
		expect(live.error?.message).toBe(
			'The case with creditor reference "INV-LIVE-3" is a live case; Test Case → Fire Webhook Event works only on test cases [item 0]',
		);
		expect(writes()).toHaveLength(0);
	});
});
