/**
 * Case Trigger cost: requests, response bytes and wall time per poll, and the static data it keeps,
 * for each event (New Case, Case Updated, Case Closed) at the account sizes the caller picks, with
 * `Sort` honoured (the trigger's ordered reads) and, where asked, ignored (the sandbox then serves
 * oldest first, and every poll reads the whole list): the first activation, then quiet polls and
 * polls after 1 and 100 new events. Runs `poll()` through n8n-core against the sandbox, exactly as the tests do.
 */
import type { CaseSortMode, Sandbox } from '../../sandbox/index.cjs';
import { NODE } from '../../test/harness/node-types.cjs';
import { TriggerUnderTest } from '../../test/harness/poll-trigger.cjs';
import { pollCosts, type PollCost } from './trigger.cjs';

export type CaseEvent = 'created' | 'updated' | 'closed';

export interface CaseTriggerRow extends PollCost {
	history: number;
	event: CaseEvent;
	sort: CaseSortMode;
}

const DAY = 24 * 3_600_000;
const iso = (time: number) => new Date(time).toISOString();

/**
 * A fresh account of `count` test cases over the three years up to a day ago: one in five closed,
 * of the others two in three changed a few days after they were created (in no order of their
 * own; no two at the same instant), the rest never (no `dateUpdated`). Closed cases matter: until the trigger has seen one
 * event, a Case Closed read has nothing to stop at (see the README's Case Trigger section).
 */
function freshAccount(sandbox: Sandbox, sort: CaseSortMode, count: number): void {
	sandbox.reset();
	sandbox.setCaseSort(sort);
	const newest = Date.now() - DAY;
	const step = (3 * 365 * DAY) / Math.max(count, 1);
	for (let index = 0; index < count; index++) {
		const dateCreated = newest - (count - index) * step;
		const closed = index % 5 === 4;
		const changedAfter = !closed && index % 3 === 0 ? undefined : (((index * 7) % 5) + 1) * DAY;
		// A change that would fall after the newest moment lands halfway there instead: clamping them
		// all to one instant gave hundreds of cases the same dateUpdated, a tie every poll reads past.
		const changedAt =
			changedAfter === undefined
				? undefined
				: dateCreated + changedAfter > newest
					? (dateCreated + newest) / 2
					: dateCreated + changedAfter;
		const dateUpdated = changedAt === undefined ? null : iso(changedAt);
		const state = closed ? { lifecycle: 'Closed', closeCode: 'Paid' } : { lifecycle: 'Active' };
		sandbox.createCase({ isTest: true, ...state, dateCreated: iso(dateCreated), dateUpdated });
	}
}

/** One event now: a new test case, or a case created a day ago that changed, or closed, just now. */
function makeEvent(sandbox: Sandbox, event: CaseEvent): void {
	if (event === 'created') {
		sandbox.createCase({ isTest: true });
		return;
	}
	const earlier = {
		isTest: true,
		dateCreated: iso(Date.now() - DAY),
		dateUpdated: iso(Date.now()),
	};
	sandbox.createCase(
		event === 'updated'
			? { ...earlier, lifecycle: 'Active' }
			: { ...earlier, lifecycle: 'Closed', closeCode: 'Paid' },
	);
}

/** One account size and the Sort behaviours measured at it. */
export interface CaseTriggerCell {
	history: number;
	sorts: CaseSortMode[];
}

export async function benchCaseTrigger(
	sandbox: Sandbox,
	cells: CaseTriggerCell[],
): Promise<CaseTriggerRow[]> {
	const credentials = { apiKey: sandbox.apiKey, environment: 'custom', baseUrl: sandbox.url };
	const rows: CaseTriggerRow[] = [];
	for (const { history, sorts } of cells) {
		for (const sort of sorts) {
			for (const event of ['created', 'updated', 'closed'] as const) {
				// A fresh account per cell, so earlier cells' events do not pad the history.
				freshAccount(sandbox, sort, history);
				const trigger = await TriggerUnderTest.create({
					credentials,
					nodeType: NODE.caseTrigger,
					parameters: { event, cases: 'test' },
					persistQuietPolls: true,
				});
				const newEvents = (count: number) => {
					for (let index = 0; index < count; index++) makeEvent(sandbox, event);
				};
				for (const cost of await pollCosts(sandbox, trigger, newEvents))
					rows.push({ history, event, sort, ...cost });
			}
		}
	}
	return rows;
}
