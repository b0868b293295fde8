import { startSandbox } from '../../sandbox/index.cjs';
import { useSandbox } from '../harness/fixtures.cjs';
import { pollChangingMidRead } from '../harness/seeded-random.cjs';
import {
	addCaseHistory,
	CASE_EVENTS,
	caseRequests,
	caseTrigger,
	emittedCaseIds,
	makeEvents,
	makeLateEvent,
	sorted,
} from './case-fixtures.cjs';

/**
 * The Case Trigger's exactly-once matrix: each event × the sandbox honouring `Sort` (nulls last,
 * or first) or ignoring it (then GET /cases serves oldest first) × events made while a poll pages,
 * late arrivals and the faults a poll must survive. In each cell N events are made and exactly
 * those N cases must come out, each once. Then a credential switched to another account.
 */
const env = useSandbox();
const HISTORY = 250; // three pages
const N = 25;
/** Enough events that even an ordered read needs a second page: the fault lands mid-poll. */
const MANY = 130;

let open: string[];
beforeEach(() => {
	open = addCaseHistory(env.sandbox, HISTORY + MANY);
});

describe.each(['honoured', 'honoured-nulls-first', 'ignored'] as const)('Sort %s', (sortMode) => {
	beforeEach(() => env.sandbox.setCaseSort(sortMode));
	afterAll(() => env.sandbox.setCaseSort('honoured'));

	describe.each(CASE_EVENTS)('event %s', (event) => {
		test('first activation emits nothing; a quiet poll stays quiet', async () => {
			const trigger = await caseTrigger(env, { event });
			expect(await trigger.poll()).toBeNull();
			expect(await trigger.poll()).toBeNull();
			expect(emittedCaseIds(trigger)).toEqual([]);
			expect(trigger.errors).toEqual([]);
		});

		test('events between polls are each emitted once, with the event named on each item', async () => {
			const trigger = await caseTrigger(env, { event });
			await trigger.poll();
			const first = makeEvents(env.sandbox, event, N, open);
			await trigger.poll();
			const second = makeEvents(env.sandbox, event, 3, open);
			await trigger.poll();
			await trigger.poll();
			expect(sorted(emittedCaseIds(trigger))).toEqual(sorted([...first, ...second]));
			expect(new Set(trigger.emitted.flat().map((item) => item.json.event))).toEqual(
				new Set([`case.${event}`]),
			);
			expect(trigger.errors).toEqual([]);
		});

		test('events made while a poll is paging: rows shift between pages, none lost or doubled', async () => {
			const trigger = await caseTrigger(env, { event });
			await trigger.poll();
			// A backlog of more than a page, so even an ordered read asks for page 2; held back, while N more events land.
			const backlog = makeEvents(env.sandbox, event, MANY, open);
			// Other cases than the backlog's (Case Updated changes without using them up): a case changed
			// again while it is being read may rightly be one event or two.
			const others = event === 'updated' ? open.slice(MANY) : open;
			let during: string[] = [];
			expect(
				await pollChangingMidRead(
					env.sandbox,
					trigger,
					'/cases',
					1,
					() => (during = makeEvents(env.sandbox, event, N, others)),
				),
			).toBe(true);
			await trigger.poll();
			await trigger.poll();
			expect(sorted(emittedCaseIds(trigger))).toEqual(sorted([...backlog, ...during]));
			expect(trigger.errors).toEqual([]);
		});

		test('an event that shows up late, older than ones already emitted, is still emitted once', async () => {
			const trigger = await caseTrigger(env, { event });
			await trigger.poll();
			const onTime = makeEvents(env.sandbox, event, 3, open);
			await trigger.poll();
			const late = makeLateEvent(env.sandbox, event, 10 * 60_000);
			await trigger.poll();
			await trigger.poll();
			expect(sorted(emittedCaseIds(trigger))).toEqual(sorted([...onTime, late]));
		});

		test.each([
			['a 429 mid-poll, waited out', { kind: 'rate-limit', retryAfter: 0.05 }, false],
			['a 429 mid-poll too long to wait for', { kind: 'rate-limit', retryAfter: 3600 }, true],
			['a 503 mid-poll', { kind: 'server-error', status: 503 }, true],
			['a dropped connection mid-poll', { kind: 'drop' }, true],
		] as const)(
			'%s: nothing is committed; the next poll catches up',
			async (_name, fault, fails) => {
				const trigger = await caseTrigger(env, { event });
				await trigger.poll();
				const injected = makeEvents(env.sandbox, event, MANY, open);
				env.sandbox.injectFault({ ...fault, path: '/cases', skip: 1 });
				const before = JSON.stringify(trigger.staticData);
				await trigger.poll();
				if (fails) {
					expect(trigger.errors).toHaveLength(1);
					expect(emittedCaseIds(trigger)).toEqual([]);
					expect(JSON.stringify(trigger.staticData)).toBe(before);
				}
				await trigger.poll();
				expect(sorted(emittedCaseIds(trigger))).toEqual(sorted(injected));
			},
		);

		test('a poll that runs twice at once emits each event once', async () => {
			const trigger = await caseTrigger(env, { event });
			await trigger.poll();
			const injected = makeEvents(env.sandbox, event, N, open);
			await Promise.all([trigger.poll(), trigger.poll()]);
			await trigger.poll();
			expect(sorted(emittedCaseIds(trigger))).toEqual(sorted(injected));
		});

		test('n8n restarts between polls (static data saved only when a poll emits): no duplicates, no losses', async () => {
			const trigger = await caseTrigger(env, { event }, { persistQuietPolls: false });
			await trigger.poll();
			const first = makeEvents(env.sandbox, event, 5, open);
			await trigger.poll();
			await trigger.poll();
			trigger.restart();
			await trigger.poll();
			const second = makeEvents(env.sandbox, event, 5, open);
			trigger.restart();
			await trigger.poll();
			trigger.restart();
			await trigger.poll();
			expect(sorted(emittedCaseIds(trigger))).toEqual(sorted([...first, ...second]));
		});

		test('a poll budget that cuts every read to one page: activation and a backlog complete, each event once', async () => {
			const trigger = await caseTrigger(env, { event }, { pollBudgetMs: 1 });
			// Seeding reads every page, one per poll.
			await trigger.poll();
			await trigger.poll();
			await trigger.poll();
			await trigger.poll();
			const injected = makeEvents(env.sandbox, event, MANY, open);
			for (let poll = 0; poll < 12; poll++) await trigger.poll();
			expect(sorted(emittedCaseIds(trigger))).toEqual(sorted(injected));
			expect(trigger.errors).toEqual([]);
		});
	});
});

describe('the cursor belongs to one account', () => {
	test.each(CASE_EVENTS)(
		'%s: a credential switched to another account starts afresh there; nothing lost, nothing replayed',
		async (event) => {
			const other = await startSandbox();
			try {
				// The other account has history up to a minute ago, open cases among it.
				const otherOpen = addCaseHistory(other, 120);
				makeLateEvent(other, event, 60_000);
				const trigger = await caseTrigger(env, { event });
				await trigger.poll();
				const mine = makeEvents(env.sandbox, event, 2, open);
				await trigger.poll();
				trigger.setCredentials({ apiKey: other.apiKey, environment: 'custom', baseUrl: other.url });
				expect(await trigger.poll()).toBeNull();
				await trigger.poll();
				const theirs = makeEvents(other, event, 3, otherOpen);
				await trigger.poll();
				await trigger.poll();
				expect(sorted(emittedCaseIds(trigger))).toEqual(sorted([...mine, ...theirs]));
				expect(trigger.errors).toEqual([]);
				// Each poll on an unchanged credential costs no identity request.
				const before = other.requests.length;
				await trigger.poll();
				expect(other.requests.slice(before).filter((request) => request.path === '/me')).toEqual(
					[],
				);
			} finally {
				await other.close();
			}
		},
	);
});

describe('cost of a quiet poll', () => {
	test.each(CASE_EVENTS)(
		'%s: once the order is learned, a quiet poll is one request',
		async (event) => {
			const trigger = await caseTrigger(env, { event });
			await trigger.poll();
			makeEvents(env.sandbox, event, 3, open);
			await trigger.poll();
			const before = caseRequests(env.sandbox);
			await trigger.poll();
			expect(caseRequests(env.sandbox) - before).toBe(1);
			const sorts = env.sandbox.requests
				.filter((request) => request.path === '/cases')
				.map((request) => request.query.Sort?.[0]);
			expect(new Set(sorts)).toEqual(
				new Set([event === 'created' ? 'DateCreated:desc' : 'DateUpdated:desc']),
			);
		},
	);
});
