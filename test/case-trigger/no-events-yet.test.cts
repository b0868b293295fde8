import { useSandbox } from '../harness/fixtures.cjs';
import { caseRequests, caseTrigger, emittedCaseIds, makeEvents } from './case-fixtures.cjs';

/**
 * An account with cases but no event of the trigger's kind yet: no case ever closed (Case Closed),
 * or none ever changed (Case Updated). Nothing is lost: the first event is reported. But the
 * engine's floor rises only with the events it has seen, so with none it stays at zero, an ordered
 * read never reaches it, and every quiet poll reads the whole list (here 3 pages; at 100 000 cases,
 * 1 000). `test.failing` marks the gap for the shared poll shell; see the merge notes of issue 14.
 */
const env = useSandbox();
const DAY = 86_400_000;
const HISTORY = 250;

let open: string[];
beforeEach(() => {
	env.sandbox.setCaseSort('honoured');
	open = Array.from({ length: HISTORY }, (_, index) =>
		env.sandbox.createCase({ isTest: true, lifecycle: 'Active', dateCreated: new Date(Date.now() - (HISTORY - index) * DAY).toISOString() }).id,
	);
});

describe.each(['closed', 'updated'] as const)('Case %s, no such event in the account yet', (event) => {
	test('the first event is reported, once', async () => {
		const trigger = await caseTrigger(env, { event });
		await trigger.poll();
		await trigger.poll();
		const made = makeEvents(env.sandbox, event, 2, open);
		await trigger.poll();
		await trigger.poll();
		expect(emittedCaseIds(trigger).sort()).toEqual([...made].sort());
	});

	test.failing('a quiet poll is one request, as once events exist', async () => {
		const trigger = await caseTrigger(env, { event });
		await trigger.poll();
		await trigger.poll();
		const before = caseRequests(env.sandbox);
		await trigger.poll();
		expect(caseRequests(env.sandbox) - before).toBe(1);
	});
});
