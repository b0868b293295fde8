import { PAYMENT_ORDERS } from '../../sandbox/payment-order.cjs';
import { startSandbox, type PaymentOrder } from '../../sandbox/index.cjs';
import { useSandbox } from '../harness/fixtures.cjs';
import { n8nCoreLogger } from '../harness/poll-trigger.cjs';
import {
	addHistory,
	addNew,
	emittedIds,
	listingIds,
	paymentRequests,
	paymentTrigger,
	pollUntil,
} from './trigger-fixtures.cjs';

/**
 * The ways "exactly once" can fail, each as it can be observed, through n8n-core's
 * PollTriggerExecutor with static data kept, in every order the sandbox serves.
 */
const env = useSandbox();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A 1 ms poll budget: every poll reads exactly one page. */
const ONE_PAGE = 1;
const iso = (time: number) => new Date(time).toISOString();
const sorted = (ids: string[]) => [...ids].sort();
const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

let caseIds: string[];
beforeEach(() => {
	caseIds = [
		env.sandbox.createCase({ isTest: true }).id,
		env.sandbox.createCase({ isTest: true }).id,
	];
});

/** Records a payment, re-recording it (with a new id) until `where(index in the listing)` holds. */
function addPaymentWhere(
	where: (index: number, total: number) => boolean,
	input: { dateCreated?: string; date?: string },
): string {
	for (let attempt = 0; attempt < 200; attempt++) {
		const { id } = env.sandbox.addPayment({ caseId: caseIds[0], grossAmount: 321, ...input });
		const listing = listingIds(env.sandbox);
		if (where(listing.indexOf(id), listing.length)) return id;
		env.sandbox.deletePayment(id);
	}
	throw new Error('could not place the payment');
}

describe.each(PAYMENT_ORDERS)('results %s', (order: PaymentOrder) => {
	beforeEach(() => env.sandbox.setPaymentOrder(order));

	test('1. Payment Updated read over several polls: an edit on a page read earlier in the cycle is not lost', async () => {
		addHistory(env.sandbox, caseIds, 400);
		const trigger = await paymentTrigger(env, { event: 'updated' }, { pollBudgetMs: ONE_PAGE });
		await pollUntil(
			trigger,
			() =>
				trigger.staticData.cursor !== undefined &&
				!JSON.stringify(trigger.staticData).includes('seeding'),
			20,
		);
		// A new cycle begins: its first poll reads page 1 only.
		await trigger.poll();
		const listing = listingIds(env.sandbox);
		// An edit lands on a page-1 payment, dated 70 minutes ago; another on the last page, now.
		const early = listing[5];
		env.sandbox.editPayment(early, {
			grossAmount: 1,
			dateUpdated: iso(Date.now() - 70 * MINUTE),
		} as never);
		for (let poll = 0; poll < 2; poll++) await trigger.poll();
		const late = listing[listing.length - 5];
		env.sandbox.editPayment(late, { grossAmount: 2 });
		for (let poll = 0; poll < 12; poll++) await trigger.poll();
		expect(trigger.errors).toEqual([]);
		expect(sorted(emittedIds(trigger))).toEqual(sorted([early, late]));
	});

	/** An empty account activated; then n8n was down for 20 hours: a backlog of 250 payments spread over them. */
	async function backlogAfterDowntime() {
		const trigger = await paymentTrigger(env);
		await trigger.poll(); // an empty account: seeded, nothing emitted
		const now = Date.now();
		const backlog = Array.from(
			{ length: 250 },
			(_, index) =>
				env.sandbox.addPayment({
					caseId: caseIds[index % 2],
					grossAmount: 5,
					dateCreated: iso(now - 20 * HOUR + index * 4.5 * MINUTE),
					date: iso(now - 20 * HOUR + index * 4.5 * MINUTE - ((index * 7) % 5) * 24 * HOUR),
				}).id,
		);
		// The row that a deletion on page 1 shifts back onto page 1 after it was read: make it old.
		const skipped = listingIds(env.sandbox)[100];
		if (order === 'unsorted' || order === 'value-date-newest-first')
			env.sandbox.editPayment(skipped, {
				dateCreated: iso(now - 15 * HOUR),
				dateUpdated: null,
			} as never);
		return { trigger, backlog, skipped };
	}

	/** A poll during which, once page 1 was answered, a page-1 payment is deleted. */
	async function pollDeletingFromPageOne(trigger: Awaited<ReturnType<typeof paymentTrigger>>) {
		const listing = listingIds(env.sandbox);
		// Hold the second page request, and delete a page-1 payment meanwhile.
		env.sandbox.injectFault({ kind: 'slow', path: '/Payments', skip: 1, delayMs: 150 });
		// The second request has arrived (and waits): page 1 was answered.
		const pageOneRead = paymentRequests(env.sandbox) + 2;
		const deleting = (async () => {
			while (paymentRequests(env.sandbox) < pageOneRead) await wait(5);
			env.sandbox.deletePayment(listing[3]);
		})();
		await Promise.all([trigger.poll(), deleting]);
	}

	test('2. a deletion during a read does not let a skipped backlog row fall under the floor', async () => {
		const { trigger, backlog } = await backlogAfterDowntime();
		await pollDeletingFromPageOne(trigger);
		for (let poll = 0; poll < 3; poll++) await trigger.poll();
		expect(trigger.errors).toEqual([]);
		// The deleted payment was read (and emitted) before it was deleted.
		expect(sorted(emittedIds(trigger))).toEqual(sorted(backlog));
	});

	test('2b. deletions during two reads in a row skip the same row: the shrinking list keeps both incomplete', async () => {
		const { trigger, backlog, skipped } = await backlogAfterDowntime();
		await pollDeletingFromPageOne(trigger);
		// The skipped row now sits at the end of page 1; a payment recorded before it pushes it back to page 2.
		const early = order === 'oldest-first' ? { dateCreated: iso(Date.now() - 30 * 24 * HOUR) } : {};
		const inserted = addPaymentWhere((index) => index < 99, early);
		expect(listingIds(env.sandbox).indexOf(skipped)).toBe(100);
		await pollDeletingFromPageOne(trigger);
		for (let poll = 0; poll < 3; poll++) await trigger.poll();
		expect(trigger.errors).toEqual([]);
		const emitted = emittedIds(trigger).filter((id) => id !== inserted);
		expect(sorted(emitted)).toEqual(sorted(backlog));
		expect(emittedIds(trigger).filter((id) => id === inserted).length).toBeLessThanOrEqual(1);
	});

	test('3. a payment dated 3 hours ahead is emitted once and does not silence the trigger', async () => {
		addHistory(env.sandbox, caseIds, 250);
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const future = env.sandbox.addPayment({
			caseId: caseIds[0],
			grossAmount: 9,
			dateCreated: iso(Date.now() + 3 * HOUR),
			date: iso(Date.now() + 3 * HOUR),
		}).id;
		for (let poll = 0; poll < 3; poll++) await trigger.poll();
		const ordinary = addNew(env.sandbox, caseIds, 5);
		await trigger.poll();
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted([future, ...ordinary]));
	});

	test('4a. a backlog larger than the poll budget is emitted within ⌈pages ÷ budget⌉ + 1 polls', async () => {
		addHistory(env.sandbox, caseIds, 1000);
		const trigger = await paymentTrigger(env);
		await trigger.poll(); // activation
		await trigger.poll(); // the order is known
		trigger.setPollBudget(ONE_PAGE);
		const backlog = addNew(env.sandbox, caseIds, 450); // five pages
		const polls = await pollUntil(trigger, () => emittedIds(trigger).length >= backlog.length, 20);
		// Ordered results: the five new pages (and the one the floor is on); otherwise every page.
		const pages = order === 'newest-first' || order === 'oldest-first' ? 5 : 15;
		expect(polls).toBeLessThanOrEqual(Math.ceil(pages / 1) + 1);
		for (let poll = 0; poll < 3; poll++) await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted(backlog));
	});

	test('4b. a learning phase cut by the budget completes: quiet polls on ordered results cost one request', async () => {
		addHistory(env.sandbox, caseIds, 1000);
		const trigger = await paymentTrigger(env, {}, { pollBudgetMs: ONE_PAGE });
		// Activation, which learns the order, one page per poll.
		await pollUntil(
			trigger,
			() =>
				trigger.staticData.cursor !== undefined &&
				!JSON.stringify(trigger.staticData).includes('seeding'),
			20,
		);
		trigger.setPollBudget(undefined);
		const before = paymentRequests(env.sandbox);
		for (let poll = 0; poll < 10; poll++) await trigger.poll();
		const requests = paymentRequests(env.sandbox) - before;
		if (order === 'newest-first' || order === 'oldest-first') expect(requests).toBe(10);
		else expect(requests).toBe(100);
		const fresh = addNew(env.sandbox, caseIds, 3);
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted(fresh));
	});
});

describe('1. a full read spread over several polls (unsorted, New Payment)', () => {
	test('a late payment on a page read earlier in the cycle stays above the floor', async () => {
		env.sandbox.setPaymentOrder('unsorted');
		addHistory(env.sandbox, caseIds, 350);
		const trigger = await paymentTrigger(env, {}, { pollBudgetMs: ONE_PAGE });
		await pollUntil(
			trigger,
			() =>
				trigger.staticData.cursor !== undefined &&
				!JSON.stringify(trigger.staticData).includes('seeding'),
			20,
		);
		// The next cycle reads pages 1–3 in three polls; then two payments land before page 4, the last, is read.
		for (let poll = 0; poll < 3; poll++) await trigger.poll();
		const late = addPaymentWhere((index) => index < 300, {
			dateCreated: iso(Date.now() - 70 * MINUTE),
		});
		const fresh = addPaymentWhere((index) => index >= 300, {});
		expect(listingIds(env.sandbox).indexOf(late)).toBeLessThan(300);
		for (let poll = 0; poll < 12; poll++) await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted([late, fresh]));
	});
});

describe('5. the cursor belongs to one account', () => {
	test('switching the credential to another account re-seeds and replays nothing', async () => {
		const other = await startSandbox();
		try {
			addHistory(env.sandbox, caseIds, 50);
			const otherCase = other.createCase({ isTest: true }).id;
			// The other account has history up to a minute ago.
			addHistory(other, [otherCase], 120, 2, { end: Date.now() - MINUTE });
			const trigger = await paymentTrigger(env);
			await trigger.poll();
			const mine = addNew(env.sandbox, caseIds, 2);
			await trigger.poll();
			trigger.setCredentials({ apiKey: other.apiKey, environment: 'custom', baseUrl: other.url });
			expect(await trigger.poll()).toBeNull();
			await trigger.poll();
			const theirs = addNew(other, [otherCase], 3);
			await trigger.poll();
			expect(sorted(emittedIds(trigger))).toEqual(sorted([...mine, ...theirs]));
			// Each poll on an unchanged credential costs no identity request.
			const before = other.requests.length;
			await trigger.poll();
			expect(other.requests.slice(before).filter((request) => request.path === '/me')).toEqual([]);
		} finally {
			await other.close();
		}
	});
});

describe('6. unreadable state', () => {
	test.each([
		['seen: null', (cursor: Record<string, unknown>) => ({ ...cursor, seen: null })],
		['floor as a string', (cursor: Record<string, unknown>) => ({ ...cursor, floor: 'yesterday' })],
		['an older version', (cursor: Record<string, unknown>) => ({ ...cursor, v: 1 })],
		['not an object', () => 'garbage'],
	])("%s: a fresh activation, noted in n8n's log, then business as usual", async (_name, spoil) => {
		addHistory(env.sandbox, caseIds, 150);
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		trigger.staticData.cursor = spoil(
			trigger.staticData.cursor as Record<string, unknown>,
		) as never;
		const warn = jest.spyOn(n8nCoreLogger(), 'warn');
		try {
			expect(await trigger.poll()).toBeNull();
			expect(warn).toHaveBeenCalledWith(
				expect.stringMatching(/Debitura Payment Trigger.*unreadable/i),
				expect.anything(),
			);
		} finally {
			warn.mockRestore();
		}
		const fresh = addNew(env.sandbox, caseIds, 2);
		await trigger.poll();
		await trigger.poll();
		expect(trigger.errors).toEqual([]);
		expect(sorted(emittedIds(trigger))).toEqual(sorted(fresh));
	});
});

describe('7. the sort key is checked, not assumed', () => {
	test('results sorted by value date: a back-dated payment deep in the list is still emitted', async () => {
		env.sandbox.setPaymentOrder('value-date-newest-first');
		// Value dates in registration order: by the first reads, indistinguishable from newest-first.
		addHistory(env.sandbox, caseIds, 250, 48, { valueDates: 'as-registered' });
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		await trigger.poll();
		const backDated = env.sandbox.addPayment({
			caseId: caseIds[0],
			grossAmount: 12,
			date: iso(Date.now() - 3 * 24 * HOUR),
		}).id;
		expect(listingIds(env.sandbox).indexOf(backDated)).toBeGreaterThanOrEqual(200);
		await trigger.poll();
		await trigger.poll();
		expect(emittedIds(trigger)).toEqual([backDated]);
	});
});

describe('8. state size', () => {
	test('under 12 bytes per payment in the window, 500 payments 3 s apart', async () => {
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const now = Date.now();
		for (let index = 0; index < 500; index++) {
			env.sandbox.addPayment({
				caseId: caseIds[index % 2],
				grossAmount: 1,
				dateCreated: iso(now - (500 - index) * 3000),
			});
		}
		await pollUntil(trigger, () => emittedIds(trigger).length >= 500, 3);
		expect(emittedIds(trigger)).toHaveLength(500);
		expect(JSON.stringify(trigger.savedStaticData).length / 500).toBeLessThan(12);
	});
});
