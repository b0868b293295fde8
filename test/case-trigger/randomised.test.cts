import type { CaseSortMode } from '../../sandbox/index.cjs';
import { parseDebituraTime } from '../../nodes/common/timestamps';
import { useSandbox } from '../harness/fixtures.cjs';
import {
	ORDEALS,
	random,
	randomPoll,
	seedsFrom,
	settle,
	undergo,
	type Random,
} from '../harness/seeded-random.cjs';
import {
	addCaseHistory,
	CASE_EVENTS,
	caseTrigger,
	emittedCaseIds,
	makeLateEvent,
	type CaseEvent,
} from './case-fixtures.cjs';

/**
 * Seeded random runs of the Case Trigger, for each event, through n8n-core's PollTriggerExecutor
 * against the sandbox: new cases (in bursts too), changes and closes, changes and closes while a poll
 * is paging, late arrivals (within the window), cases dated ahead, live cases alongside, 500s and
 * short 429s, poll budgets that cut reads, overlapping polls, n8n restarts and switches between a
 * Sort that is honoured (nulls last or first) and one that is ignored. Afterwards:
 * - New Case: every test case created after activation exactly once, nothing else;
 * - Case Closed: every test case closed after activation exactly once, nothing else;
 * - Case Updated: no change twice, only cases changed after activation, and each of them with its
 *   latest change (changes between two polls are one event: only the latest is visible).
 *
 * `npm test` runs the fixed seeds below. More: `CASE_TRIGGER_SEEDS=40 npx jest test/case-trigger/randomised`.
 */
const seeds = seedsFrom('CASE_TRIGGER_SEEDS', [1, 2, 3, 4]);
const SORT_MODES: readonly CaseSortMode[] = ['honoured', 'honoured-nulls-first', 'ignored'];
const CLOSE_CODES = ['Paid', 'Pre-Legal Exhausted \u2013 No Payment', 'Other'];
const env = useSandbox();
const MINUTE = 60_000;
const iso = (time: number) => new Date(time).toISOString();

/** What happened after activation, to each case: the ground truth the emitted items are held to. */
class Truth {
	readonly created = new Set<string>();
	readonly changed = new Set<string>();
	readonly closed = new Set<string>();
	/** Cases created long ago that showed up only now (late changes and closes): maybe a New Case, never two. */
	readonly oldFirstSeen = new Set<string>();
	/** Open test cases that may be changed or closed; a case joins once a poll came after its creation. */
	readonly open: string[] = [];
	private readonly joining: string[] = [];

	constructor(
		private readonly rng: Random,
		history: string[],
		private readonly live: string[],
	) {
		this.open.push(...history);
	}

	createNow(count: number) {
		for (let index = 0; index < count; index++) this.newCase();
	}

	/** A case that shows up late: created (or, for an older case, changed or closed) minutes ago. */
	lateArrival() {
		const kind = this.rng.pick(CASE_EVENTS);
		const id = makeLateEvent(env.sandbox, kind, this.rng.int(1, 30) * MINUTE);
		if (kind === 'created') this.created.add(id);
		else {
			this.changed.add(id);
			this.oldFirstSeen.add(id);
		}
		if (kind === 'closed') this.closed.add(id);
		else this.joining.push(id);
	}

	/** A case dated hours ahead. It is not changed later: a change before its creation time is no Case Updated. */
	createAhead() {
		this.created.add(
			env.sandbox.createCase({
				isTest: true,
				dateCreated: iso(Date.now() + this.rng.int(10, 240) * MINUTE),
			}).id,
		);
	}

	change(count: number) {
		for (const id of this.take(count, false)) {
			env.sandbox.updateCase(id, { lifecycle: this.rng.pick(['Paused', 'Active']) });
			this.changed.add(id);
		}
		if (this.live.length && this.rng.chance(0.5))
			env.sandbox.updateCase(this.rng.pick(this.live), { lifecycle: 'Paused' });
	}

	close(count: number) {
		for (const id of this.take(count, true)) {
			env.sandbox.updateCase(id, { lifecycle: 'Closed', closeCode: this.rng.pick(CLOSE_CODES) });
			this.changed.add(id);
			this.closed.add(id);
		}
	}

	/** Any one change of the account: a case created, changed or closed, or a live case created. */
	anything() {
		const what = this.rng.int(0, 3);
		if (what === 0) this.createNow(this.rng.int(1, 5));
		else if (what === 1) this.change(this.rng.int(1, 5));
		else if (what === 2) this.close(this.rng.int(1, 3));
		else env.sandbox.createCase({ isTest: false });
	}

	/** Called after each poll: cases created before it may now be changed (a later millisecond). */
	polled() {
		this.open.push(...this.joining.splice(0));
	}

	private newCase(): void {
		const id = env.sandbox.createCase({ isTest: true }).id;
		this.created.add(id);
		this.joining.push(id);
	}

	private take(count: number, removing: boolean): string[] {
		const ids: string[] = [];
		for (let index = 0; index < count && this.open.length; index++) {
			const at = this.rng.int(0, this.open.length - 1);
			ids.push(removing ? this.open.splice(at, 1)[0] : this.open[at]);
		}
		return ids;
	}
}

/** Counts of what went wrong, with the ids: all zero when the run is exactly once. */
function verdict(event: CaseEvent, truth: Truth, items: Array<Record<string, unknown>>) {
	const ids = items.map((item) => String(item.id));
	const keys =
		event === 'updated'
			? items.map((item) => `${item.id}@${parseDebituraTime(item.dateUpdated as string)}`)
			: ids;
	const twice = keys.filter((key, index) => keys.indexOf(key) !== index);
	const wanted =
		event === 'created' ? truth.created : event === 'closed' ? truth.closed : truth.changed;
	// New Case: an older case first seen now is reported only while it is within the window of the newest case seen.
	const unknown = ids.filter(
		(id) => !wanted.has(id) && !(event === 'created' && truth.oldFirstSeen.has(id)),
	);
	// Case Updated: each changed case's latest change; the others, each case once.
	const missing = [...wanted].filter((id) => {
		if (event !== 'updated') return !ids.includes(id);
		return !keys.includes(
			`${id}@${parseDebituraTime(env.sandbox.getCase(id)!.dateUpdated as string)}`,
		);
	});
	return { twice, unknown, missing };
}

describe.each(CASE_EVENTS)('event %s', (event) => {
	test.each(seeds)('seed %i: every event exactly once', async (seed) => {
		const rng = random(seed);
		const log: string[] = [];
		env.sandbox.setCaseSort(rng.pick(SORT_MODES));
		const history = addCaseHistory(
			env.sandbox,
			rng.int(0, 350),
			true,
			rng.pick(['scattered', 'in-creation-order'] as const),
		);
		const live = addCaseHistory(env.sandbox, rng.int(0, 40), false);
		const truth = new Truth(rng, history, live);
		const trigger = await caseTrigger(env, { event }, { persistQuietPolls: true });
		await trigger.poll(); // activation

		/** The step kinds, by name (the log names them); `idle` twice: some steps only poll. */
		const actions: Record<string, () => void> = {
			create: () => truth.createNow(rng.int(1, rng.chance(0.2) ? 120 : 6)),
			create2: () => truth.createNow(rng.int(1, rng.chance(0.2) ? 120 : 6)),
			change: () => truth.change(rng.int(1, rng.chance(0.2) ? 60 : 5)),
			close: () => truth.close(rng.int(1, rng.chance(0.2) ? 30 : 3)),
			late: () => truth.lateArrival(),
			ahead: () => truth.createAhead(),
			live: () => env.sandbox.createCase({ isTest: false }),
			sort: () => env.sandbox.setCaseSort(rng.pick(SORT_MODES)),
			...Object.fromEntries(
				ORDEALS.map((ordeal) => [
					ordeal,
					() => undergo(ordeal, rng, trigger, env.sandbox, '/cases'),
				]),
			),
			idle: () => undefined,
			idle2: () => undefined,
		};
		const names = Object.keys(actions);
		for (let step = 0; step < 24; step++) {
			const name = rng.pick(names);
			log.push(`${step}: ${name}`);
			actions[name]();
			// Then a poll: plain, two at once, or one during which the account changes mid-read.
			await randomPoll(rng, trigger, env.sandbox, '/cases', () => truth.anything());
			truth.polled();
		}
		await settle(trigger, env.sandbox);

		const items = trigger.emitted.flat().map((item) => item.json);
		expect(emittedCaseIds(trigger)).toHaveLength(items.length);
		const { twice, unknown, missing } = verdict(event, truth, items);
		// On failure the ids show, with the steps that led there.
		expect({ seed, event, twice, unknown, missing, log: log.join('; ') }).toEqual({
			seed,
			event,
			twice: [],
			unknown: [],
			missing: [],
			log: log.join('; '),
		});
	});
});
