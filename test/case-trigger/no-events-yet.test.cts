import { useSandbox } from '../harness/fixtures.cjs';
import { caseRequests, caseTrigger, emittedCaseIds, makeEvents } from './case-fixtures.cjs';

/**
 * An account with cases but no event of the trigger's kind yet: no case ever closed (Case Closed),
 * or none ever changed (Case Updated). Nothing is lost: the first event is reported. For Case
 * Closed a quiet poll is one request: with no event known, a read's cap is the moment it began, so
 * the floor rises after two complete reads and an ordered read stops there (before, every quiet
 * poll read the whole list: here 3 pages, at 100 000 cases 1 000). Case Updated in an account where
 * no case ever changed has no date to sort by, so it cannot learn the order and reads every page
 * until the first change (README, Case Trigger).
 */
const env = useSandbox();
const DAY = 86_400_000;
const HISTORY = 250;

let open: string[];
beforeEach(() => {
	env.sandbox.setCaseSort('honoured');
	open = Array.from(
		{ length: HISTORY },
		(_, index) =>
			env.sandbox.createCase({
				isTest: true,
				lifecycle: 'Active',
				dateCreated: new Date(Date.now() - (HISTORY - index) * DAY).toISOString(),
			}).id,
	);
});

describe.each(['closed', 'updated'] as const)(
	'Case %s, no such event in the account yet',
	(event) => {
		test('the first event is reported, once', async () => {
			const trigger = await caseTrigger(env, { event });
			await trigger.poll();
			await trigger.poll();
			const made = makeEvents(env.sandbox, event, 2, open);
			await trigger.poll();
			await trigger.poll();
			expect(emittedCaseIds(trigger).sort()).toEqual([...made].sort());
		});
	},
);

test('Case Closed with no case closed yet: a quiet poll is one request', async () => {
	// Cases that were changed days ago (a date to sort by) but never closed: the usual account before its first close.
	for (let index = 0; index < HISTORY; index++) {
		env.sandbox.createCase({
			isTest: true,
			lifecycle: 'Paused',
			dateUpdated: new Date(Date.now() - (HISTORY - index) * DAY).toISOString(),
		});
	}
	const trigger = await caseTrigger(env, { event: 'closed' });
	await trigger.poll();
	await trigger.poll();
	const before = caseRequests(env.sandbox);
	await trigger.poll();
	expect(caseRequests(env.sandbox) - before).toBe(1);
});
