import { useSandbox } from '../harness/fixtures.cjs';
import { addHistory, addNew, emittedIds, paymentTrigger, pollUntil } from './trigger-fixtures.cjs';

const env = useSandbox();
const sorted = (ids: string[]) => [...ids].sort();

describe('Payment Trigger: test and live cases', () => {
	let testCase: string;
	let liveCase: string;
	beforeEach(() => {
		testCase = env.sandbox.createCase({ isTest: true, creditorReference: 'TEST-1' }).id;
		liveCase = env.sandbox.createCase({ isTest: false, creditorReference: 'LIVE-1' }).id;
	});

	test.each([
		['test', (t: string[], l: string[]) => t],
		['live', (t: string[], l: string[]) => l],
		['both', (t: string[], l: string[]) => [...t, ...l]],
	] as const)(
		'Cases = %s reports only those payments, looking cases up in batches',
		async (cases, expected) => {
			const trigger = await paymentTrigger(env, { cases });
			await trigger.poll();
			const onTest = addNew(env.sandbox, [testCase], 3);
			const onLive = addNew(env.sandbox, [liveCase], 2);
			env.sandbox.requests.length = 0;
			await trigger.poll();
			expect(sorted(emittedIds(trigger))).toEqual(sorted(expected(onTest, onLive)));
			const lookups = env.sandbox.requests.filter((request) => request.path === '/cases');
			expect(lookups).toHaveLength(1);
			expect(lookups[0].query.Ids?.join(',').split(',').sort()).toEqual(
				[testCase, liveCase].sort(),
			);
			// Filtered-out payments are handled too: they do not come back later.
			await trigger.poll();
			expect(emittedIds(trigger)).toHaveLength(expected(onTest, onLive).length);
		},
	);

	test('the default matches Create Case: test cases only', async () => {
		const trigger = await paymentTrigger(env, { cases: undefined as never });
		await trigger.poll();
		const onTest = addNew(env.sandbox, [testCase], 1);
		addNew(env.sandbox, [liveCase], 1);
		await trigger.poll();
		expect(emittedIds(trigger)).toEqual(onTest);
	});

	test('Include Case Details puts references, debtor, lifecycle and the test flag on each item', async () => {
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const [paymentId] = addNew(env.sandbox, [testCase], 1);
		const [item] = (await trigger.poll()) ?? [];
		const stored = env.sandbox.getCase(testCase)!;
		expect(item.json).toMatchObject({
			event: 'payment.created',
			paymentId,
			grossAmount: 1000,
			caseId: testCase,
			caseReference: stored.reference,
			creditorReference: 'TEST-1',
			debtorName: stored.debtor?.name,
			lifecycle: stored.lifecycle,
			isTestCase: true,
		});
		expect(item.json.dateCreated).toMatch(/Z$/);
	});

	test('without case details and for both kinds of case, no case is looked up', async () => {
		const trigger = await paymentTrigger(env, { cases: 'both', includeCaseDetails: false });
		await trigger.poll();
		addNew(env.sandbox, [testCase, liveCase], 4);
		env.sandbox.requests.length = 0;
		const items = await trigger.poll();
		expect(items).toHaveLength(4);
		expect(items?.[0].json).not.toHaveProperty('creditorReference');
		expect(env.sandbox.requests.every((request) => request.path === '/Payments')).toBe(true);
	});

	test('end to end in test mode: a test case advanced to Closed:Paid fires the trigger', async () => {
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const response = await fetch(`${env.sandbox.url}/test/cases/${testCase}/advance`, {
			method: 'POST',
			headers: { XApiKey: env.sandbox.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({ to: 'Closed:Paid', amount: 420 }),
		});
		expect(response.status).toBe(200);
		const items = await trigger.poll();
		expect(items).toHaveLength(1);
		expect(items?.[0].json).toMatchObject({
			grossAmount: 420,
			lifecycle: 'Closed',
			closeCode: 'Paid',
			isTestCase: true,
		});
	});
});

describe('Payment Trigger: Fetch Test Event (manual mode)', () => {
	test('returns the newest matching payment and leaves the cursor alone', async () => {
		const caseId = env.sandbox.createCase({ isTest: true }).id;
		addHistory(env.sandbox, [caseId], 30);
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const [newest] = addNew(env.sandbox, [caseId], 1);
		const before = JSON.stringify(trigger.staticData);
		const items = await trigger.poll('manual');
		expect(items?.map((item) => item.json.paymentId)).toEqual([newest]);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		// The real poll still reports it.
		await trigger.poll();
		expect(emittedIds(trigger)).toEqual([newest, newest]);
	});

	test('says clearly when there is nothing yet', async () => {
		env.sandbox.createCase({ isTest: true });
		const live = env.sandbox.createCase({ isTest: false }).id;
		addNew(env.sandbox, [live], 2);
		const trigger = await paymentTrigger(env);
		await expect(trigger.poll('manual')).rejects.toThrow('No payments on test cases yet');
	});
});

describe('Payment Trigger: Payment Updated', () => {
	test('an edited payment is emitted once per edit; new payments are not edits', async () => {
		const caseId = env.sandbox.createCase({ isTest: true }).id;
		const [old] = addHistory(env.sandbox, [caseId], 120);
		const trigger = await paymentTrigger(env, { event: 'updated' });
		await trigger.poll();
		addNew(env.sandbox, [caseId], 2);
		expect(await trigger.poll()).toBeNull();
		env.sandbox.editPayment(old, { grossAmount: 55 });
		const [edited] = (await trigger.poll()) ?? [];
		expect(edited?.json).toMatchObject({
			event: 'payment.updated',
			paymentId: old,
			grossAmount: 55,
		});
		expect(await trigger.poll()).toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 5));
		env.sandbox.editPayment(old, { method: 'Card' });
		const [again] = (await trigger.poll()) ?? [];
		expect(again?.json).toMatchObject({ paymentId: old, method: 'Card' });
		expect(emittedIds(trigger)).toEqual([old, old]);
	});
});

describe('Payment Trigger: poll budget', () => {
	test('a read cut short by the budget continues next poll; nothing is lost or doubled', async () => {
		env.sandbox.setPaymentOrder('unsorted');
		const caseId = env.sandbox.createCase({ isTest: true }).id;
		addHistory(env.sandbox, [caseId], 1000);
		// A 1 ms budget: every poll reads a single page of the ten.
		const trigger = await paymentTrigger(env, {}, { pollBudgetMs: 1 });
		const seeded = () =>
			!!trigger.staticData.cursor && !(trigger.staticData.cursor as { seeding?: boolean }).seeding;
		const seedPolls = await pollUntil(trigger, seeded, 30);
		expect(seedPolls).toBeGreaterThanOrEqual(10);
		expect(emittedIds(trigger)).toEqual([]);
		const injected = addNew(env.sandbox, [caseId], 7);
		await pollUntil(trigger, () => emittedIds(trigger).length >= 7, 40);
		for (let extra = 0; extra < 12; extra++) await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted(injected));
	});
});

describe('Payment Trigger: bounded state', () => {
	test('the cursor stays small however long the history', async () => {
		const caseId = env.sandbox.createCase({ isTest: true }).id;
		addHistory(env.sandbox, [caseId], 3000, 24 * 3 * 365);
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		addNew(env.sandbox, [caseId], 20);
		await trigger.poll();
		expect(JSON.stringify(trigger.savedStaticData).length).toBeLessThan(2048);
	});
});
