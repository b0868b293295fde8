import { PAYMENT_ORDERS } from '../../sandbox/payment-order.cjs';
import { useSandbox } from '../harness/fixtures.cjs';
import { addHistory, addNew, emittedIds, paymentTrigger } from './trigger-fixtures.cjs';

/**
 * The matrix: every result order the sandbox can serve × every fault the trigger must survive.
 * In each cell N new payments are injected and exactly those N must come out, each once.
 */
const env = useSandbox();
const ORDERS = PAYMENT_ORDERS;
const HISTORY = 250; // three pages
const N = 25;
/** Enough new payments that even an ordered read needs a second page: the fault lands mid-poll. */
const MANY = 130;

let caseIds: string[];
beforeEach(() => {
	caseIds = [
		env.sandbox.createCase({ isTest: true }).id,
		env.sandbox.createCase({ isTest: true }).id,
	];
	addHistory(env.sandbox, caseIds, HISTORY);
});

/** Payments recorded in the same millisecond have no order of their own: compare as multisets. */
const sorted = (ids: string[]) => [...ids].sort();

describe.each(ORDERS)('results %s', (order) => {
	beforeEach(() => env.sandbox.setPaymentOrder(order));

	test('first activation emits nothing; a quiet poll stays quiet', async () => {
		const trigger = await paymentTrigger(env);
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
		expect(emittedIds(trigger)).toEqual([]);
		expect(trigger.errors).toEqual([]);
	});

	test('payments between polls are each emitted once', async () => {
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const first = addNew(env.sandbox, caseIds, N);
		await trigger.poll();
		const second = addNew(env.sandbox, caseIds, 3);
		await trigger.poll();
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted([...first, ...second]));
	});

	test('payments arriving while a poll is paging: pages shift, rows repeat, none lost or doubled', async () => {
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		// Hold the second page request of the next poll, and record payments meanwhile.
		env.sandbox.injectFault({ kind: 'slow', path: '/Payments', skip: 1, delayMs: 200 });
		let injected: string[] = [];
		const arriving = new Promise<void>((resolve) => {
			setTimeout(() => {
				injected = addNew(env.sandbox, caseIds, N);
				resolve();
			}, 60);
		});
		await Promise.all([trigger.poll(), arriving]);
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted(injected));
	});

	test('a payment that shows up late, older than ones already emitted, is still emitted once', async () => {
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const onTime = addNew(env.sandbox, caseIds, 3);
		await trigger.poll();
		const late = env.sandbox.addPayment({
			caseId: caseIds[0],
			grossAmount: 77,
			dateCreated: new Date(Date.now() - 10 * 60_000).toISOString(),
		}).id;
		await trigger.poll();
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted([...onTime, late]));
	});

	test.each([
		['a 429 mid-poll, waited out', { kind: 'rate-limit', retryAfter: 0.05 }, false],
		['a 429 mid-poll too long to wait for', { kind: 'rate-limit', retryAfter: 3600 }, true],
		['a 503 mid-poll', { kind: 'server-error', status: 503 }, true],
		['a dropped connection mid-poll', { kind: 'drop' }, true],
	] as const)(
		'%s: the cursor does not move past what was not read; the next poll catches up',
		async (_name, fault, fails) => {
			const trigger = await paymentTrigger(env);
			await trigger.poll();
			const injected = addNew(env.sandbox, caseIds, MANY);
			env.sandbox.injectFault({ ...fault, path: '/Payments', skip: 1 });
			const before = JSON.stringify(trigger.staticData);
			await trigger.poll();
			if (fails) {
				expect(trigger.errors).toHaveLength(1);
				expect(emittedIds(trigger)).toEqual([]);
				expect(JSON.stringify(trigger.staticData)).toBe(before);
			}
			await trigger.poll();
			expect(sorted(emittedIds(trigger))).toEqual(sorted(injected));
		},
	);

	test('a failing case look-up emits nothing and loses nothing', async () => {
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const injected = addNew(env.sandbox, caseIds, N);
		env.sandbox.injectFault({ kind: 'server-error', method: 'GET', path: '/cases' });
		await trigger.poll();
		expect(trigger.errors).toHaveLength(1);
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted(injected));
	});

	test('a poll that runs twice at once emits each payment once', async () => {
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const injected = addNew(env.sandbox, caseIds, N);
		await Promise.all([trigger.poll(), trigger.poll()]);
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted(injected));
	});

	test('n8n restarts between polls (static data saved only when a poll emits): no duplicates, no losses', async () => {
		const trigger = await paymentTrigger(env, {}, { persistQuietPolls: false });
		await trigger.poll();
		const first = addNew(env.sandbox, caseIds, 5);
		await trigger.poll(); // emits, so n8n saves the cursor
		await trigger.poll(); // quiet: whatever it changed is not saved
		trigger.restart();
		await trigger.poll();
		const second = addNew(env.sandbox, caseIds, 5);
		trigger.restart();
		await trigger.poll();
		trigger.restart();
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted([...first, ...second]));
	});

	test('n8n restarts right after activation on an engine that commits quiet cursors', async () => {
		const trigger = await paymentTrigger(env, {}, { persistQuietPolls: true });
		await trigger.poll();
		trigger.restart();
		const injected = addNew(env.sandbox, caseIds, 5);
		await trigger.poll();
		trigger.restart();
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted(injected));
	});
});
