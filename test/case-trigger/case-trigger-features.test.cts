import { useSandbox } from '../harness/fixtures.cjs';
import {
	addCaseHistory,
	caseRequests,
	caseTrigger,
	emittedCaseIds,
	sorted,
} from './case-fixtures.cjs';

/** What the Case Trigger adds to the engine's guarantees: its events, filters, output and Fetch Test Event. */
const env = useSandbox();
const tick = async () => await new Promise((resolve) => setTimeout(resolve, 5));

let open: string[];
beforeEach(() => {
	env.sandbox.setCaseSort('honoured');
	open = addCaseHistory(env.sandbox, 150);
});

describe('Case Trigger: events', () => {
	test('a case created and closed between two polls: New Case and Case Closed once each, and one Case Updated', async () => {
		const created = await caseTrigger(env, { event: 'created' });
		const closed = await caseTrigger(env, { event: 'closed' });
		const updated = await caseTrigger(env, { event: 'updated' });
		for (const trigger of [created, closed, updated]) await trigger.poll();
		const id = env.sandbox.createCase({ isTest: true }).id;
		await tick();
		env.sandbox.updateCase(id, { lifecycle: 'Closed', closeCode: 'Paid' });
		for (let poll = 0; poll < 3; poll++)
			for (const trigger of [created, closed, updated]) await trigger.poll();
		expect(emittedCaseIds(created)).toEqual([id]);
		expect(emittedCaseIds(closed)).toEqual([id]);
		expect(emittedCaseIds(updated)).toEqual([id]);
		expect(closed.emitted.flat()[0].json).toMatchObject({
			event: 'case.closed',
			lifecycle: 'Closed',
			closeCode: 'Paid',
			isClosed: true,
		});
	});

	test('a case updated twice between polls is one Case Updated; a later change is another', async () => {
		const trigger = await caseTrigger(env, { event: 'updated' });
		await trigger.poll();
		const [id] = open;
		env.sandbox.updateCase(id, { lifecycle: 'Paused' });
		await tick();
		env.sandbox.updateCase(id, { lifecycle: 'Active' });
		await trigger.poll();
		await trigger.poll();
		expect(emittedCaseIds(trigger)).toEqual([id]);
		expect(trigger.emitted.flat()[0].json).toMatchObject({
			event: 'case.updated',
			lifecycle: 'Active',
		});
		await tick();
		env.sandbox.updateCase(id, { lifecycle: 'Paused' });
		await trigger.poll();
		await trigger.poll();
		expect(emittedCaseIds(trigger)).toEqual([id, id]);
	});

	test('a closed case that changes again is not closed again', async () => {
		const trigger = await caseTrigger(env, { event: 'closed' });
		await trigger.poll();
		const [id] = open;
		env.sandbox.updateCase(id, { lifecycle: 'Closed', closeCode: 'Paid' });
		await trigger.poll();
		await tick();
		env.sandbox.updateCase(id, {});
		await trigger.poll();
		await trigger.poll();
		expect(emittedCaseIds(trigger)).toEqual([id]);
	});

	test.each(['honoured', 'honoured-nulls-first'] as const)(
		'Sort %s: cases never changed (dateUpdated null) are no Case Updated, and do not hide the changed ones',
		async (sortMode) => {
			env.sandbox.setCaseSort(sortMode);
			const trigger = await caseTrigger(env, { event: 'updated' });
			await trigger.poll();
			const fresh = Array.from({ length: 120 }, () => env.sandbox.createCase({ isTest: true }).id);
			expect(env.sandbox.getCase(fresh[0])?.dateUpdated).toBeNull();
			await trigger.poll();
			expect(emittedCaseIds(trigger)).toEqual([]);
			const listed = await fetch(`${env.sandbox.url}/cases?Sort=DateUpdated:desc&PageSize=1`, {
				headers: { XApiKey: env.sandbox.apiKey },
			});
			const [first] = ((await listed.json()) as { cases: Array<{ dateUpdated: string | null }> })
				.cases;
			expect(first.dateUpdated === null).toBe(sortMode === 'honoured-nulls-first');
			env.sandbox.updateCase(fresh[7], { lifecycle: 'Active' });
			env.sandbox.updateCase(open[3], { lifecycle: 'Paused' });
			await trigger.poll();
			await trigger.poll();
			expect(sorted(emittedCaseIds(trigger))).toEqual(sorted([fresh[7], open[3]]));
		},
	);

	test('Only When Lifecycle Is: changes into other lifecycles are not reported', async () => {
		const trigger = await caseTrigger(env, { event: 'updated', lifecycles: ['Paused', 'Closed'] });
		await trigger.poll();
		env.sandbox.updateCase(open[0], { lifecycle: 'Paused' });
		env.sandbox.updateCase(open[1], { lifecycle: 'Active' });
		env.sandbox.updateCase(open[2], { lifecycle: 'Closed', closeCode: 'Other' });
		await trigger.poll();
		await trigger.poll();
		expect(sorted(emittedCaseIds(trigger))).toEqual(sorted([open[0], open[2]]));
	});

	test('Only With Close Code: matched whatever the dash, other closes skipped', async () => {
		const trigger = await caseTrigger(env, {
			event: 'closed',
			closeCodes: ['pre-legal exhausted - no payment'],
		});
		await trigger.poll();
		env.sandbox.updateCase(open[0], { lifecycle: 'Closed', closeCode: 'Paid' });
		env.sandbox.updateCase(open[1], {
			lifecycle: 'Closed',
			closeCode: 'Pre-Legal Exhausted \u2013 No Payment',
		});
		await trigger.poll();
		await trigger.poll();
		expect(emittedCaseIds(trigger)).toEqual([open[1]]);
	});

	test('a merged case is not a Case Closed', async () => {
		const trigger = await caseTrigger(env, { event: 'closed' });
		await trigger.poll();
		env.sandbox.updateCase(open[0], { lifecycle: 'Merged' });
		await trigger.poll();
		expect(emittedCaseIds(trigger)).toEqual([]);
	});
});

describe('Case Trigger: a Sort that is ignored', () => {
	test.each(['updated', 'closed'] as const)(
		'%s: in an account whose changes came in creation order, a change to an old case is still found',
		async (event) => {
			env.sandbox.reset();
			const quiet = addCaseHistory(env.sandbox, 250, true, 'in-creation-order');
			env.sandbox.setCaseSort('ignored');
			const trigger = await caseTrigger(env, { event });
			await trigger.poll();
			await trigger.poll();
			const oldest = quiet[0];
			env.sandbox.updateCase(
				oldest,
				event === 'closed' ? { lifecycle: 'Closed', closeCode: 'Paid' } : { lifecycle: 'Paused' },
			);
			await trigger.poll();
			await trigger.poll();
			expect(emittedCaseIds(trigger)).toEqual([oldest]);
		},
	);
});

describe('Case Trigger: test and live cases', () => {
	test.each([
		['test', [true]],
		['live', [false]],
		['both', [true, false]],
	] as const)('Cases = %s reports only those cases', async (cases, flags) => {
		const trigger = await caseTrigger(env, { event: 'created', cases });
		await trigger.poll();
		const test = env.sandbox.createCase({ isTest: true }).id;
		const live = env.sandbox.createCase({ isTest: false }).id;
		await trigger.poll();
		await trigger.poll();
		const expected = flags.map((isTest) => (isTest ? test : live));
		expect(sorted(emittedCaseIds(trigger))).toEqual(sorted(expected));
	});

	test('the default matches Create Case: test cases only', async () => {
		const trigger = await caseTrigger(env, { cases: undefined as never });
		await trigger.poll();
		const test = env.sandbox.createCase({ isTest: true }).id;
		env.sandbox.createCase({ isTest: false });
		await trigger.poll();
		expect(emittedCaseIds(trigger)).toEqual([test]);
	});

	test("a live account does not fill a test trigger's memory", async () => {
		const trigger = await caseTrigger(env, { event: 'created' });
		await trigger.poll();
		const before = (trigger.staticData.cursor as { seen: string }).seen.length;
		for (let index = 0; index < 50; index++) env.sandbox.createCase({ isTest: false });
		await trigger.poll();
		expect((trigger.staticData.cursor as { seen: string }).seen.length).toBe(before);
	});
});

describe('Case Trigger: output', () => {
	test("Simplify (default): Get Status's simplified case plus the event, UTC timestamps", async () => {
		const trigger = await caseTrigger(env);
		await trigger.poll();
		const created = env.sandbox.createCase({ isTest: true, creditorReference: 'INV-9' });
		const [item] = (await trigger.poll()) ?? [];
		expect(item.json).toMatchObject({
			event: 'case.created',
			id: created.id,
			reference: created.reference,
			creditorReference: 'INV-9',
			isClosed: false,
			isTestCase: true,
		});
		expect(item.json.dateCreated).toMatch(/Z$/);
		expect(item.json).not.toHaveProperty('debtor');
	});

	test('Simplify off: every field, timestamps in UTC', async () => {
		const trigger = await caseTrigger(env, { simplify: false });
		await trigger.poll();
		const created = env.sandbox.createCase({ isTest: true });
		const [item] = (await trigger.poll()) ?? [];
		expect(item.json).toMatchObject({
			event: 'case.created',
			id: created.id,
			debtor: expect.any(Object),
		});
		expect(item.json.dateCreated).toMatch(/Z$/);
	});
});

describe('Case Trigger: Fetch Test Event (manual mode)', () => {
	test('returns the newest matching case and leaves the cursor alone', async () => {
		const trigger = await caseTrigger(env, { event: 'closed' });
		await trigger.poll();
		env.sandbox.updateCase(open[0], { lifecycle: 'Closed', closeCode: 'Paid' });
		await tick();
		env.sandbox.updateCase(open[1], { lifecycle: 'Closed', closeCode: 'Other' });
		const before = JSON.stringify(trigger.staticData);
		const items = await trigger.poll('manual');
		expect(items?.map((item) => item.json.id)).toEqual([open[1]]);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		await trigger.poll();
		expect(sorted(emittedCaseIds(trigger).slice(1))).toEqual(sorted([open[0], open[1]]));
	});

	test('says clearly when there is nothing yet', async () => {
		env.sandbox.reset();
		env.sandbox.createCase({ isTest: false, lifecycle: 'Closed', closeCode: 'Paid' });
		const trigger = await caseTrigger(env, { event: 'closed' });
		await expect(trigger.poll('manual')).rejects.toThrow('No closed test cases yet');
	});
});

describe('Case Trigger: state', () => {
	test('unreadable saved state starts afresh, as on activation: nothing replayed', async () => {
		const trigger = await caseTrigger(env);
		await trigger.poll();
		trigger.staticData.cursor = { v: 1, junk: true };
		expect(await trigger.poll()).toBeNull();
		const id = env.sandbox.createCase({ isTest: true }).id;
		await trigger.poll();
		expect(emittedCaseIds(trigger)).toEqual([id]);
	});

	test('while the credential is unchanged, a poll asks no GET /me', async () => {
		const trigger = await caseTrigger(env);
		await trigger.poll();
		const meCalls = () => env.sandbox.requests.filter((request) => request.path === '/me').length;
		const before = meCalls();
		await trigger.poll();
		expect(meCalls()).toBe(before);
		expect(caseRequests(env.sandbox)).toBeGreaterThan(0);
	});
});
