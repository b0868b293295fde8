/** Seeded randomness for the triggers' randomised tests (a run is replayed exactly from its seed), and the steps they share. */
import type { Sandbox } from '../../sandbox/index.cjs';
import type { TriggerUnderTest } from './poll-trigger.cjs';

/** mulberry32: a small, fast, seedable generator. */
export function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)],
		chance: (p: number) => next() < p,
	};
}

export type Random = ReturnType<typeof random>;

/**
 * The seeds to run: `fixed` (what `npm test` runs), unless the environment variable names others:
 * a count (`40`: seeds 1 to 40) or a list (`7,19,23`).
 */
export function seedsFrom(variable: string, fixed: number[]): number[] {
	const wanted = process.env[variable];
	if (!wanted) return fixed;
	if (/^\d+$/.test(wanted)) return Array.from({ length: Number(wanted) }, (_, index) => index + 1);
	return wanted.split(',').map(Number);
}

/** How many requests to `path` the sandbox has answered so far. */
const requestsTo = (sandbox: Sandbox, path: string) =>
	sandbox.requests.filter((request) => request.path === path).length;

/**
 * Runs one poll and, once its first `skip` + 1 requests to `path` were made (the next one held back
 * a little), calls `meanwhile`: a change to the account while the poll is paging. Returns whether
 * the poll was still reading then (a poll that needed fewer pages was not).
 */
export async function pollChangingMidRead(
	sandbox: Sandbox,
	trigger: TriggerUnderTest,
	path: string,
	skip: number,
	meanwhile: () => void,
): Promise<boolean> {
	const asked = requestsTo(sandbox, path) + skip + 1;
	sandbox.injectFault({ kind: 'slow', path, skip, delayMs: 60 });
	let done = false;
	const polling = trigger.poll().finally(() => (done = true));
	while (!done && requestsTo(sandbox, path) < asked)
		await new Promise((resolve) => setTimeout(resolve, 3));
	const midRead = !done;
	meanwhile();
	await polling;
	sandbox.clearFaults();
	return midRead;
}

/** What a randomised run may do to the engine itself besides changing the account. */
export const ORDEALS = ['budget', 'fault', 'restart'] as const;

/** A poll budget that cuts reads to a page (or none again), a 500 or short 429 on `path` soon, or an n8n restart. */
export function undergo(
	ordeal: (typeof ORDEALS)[number],
	rng: Random,
	trigger: TriggerUnderTest,
	sandbox: Sandbox,
	path: string,
): void {
	if (ordeal === 'budget') trigger.setPollBudget(rng.chance(0.5) ? 1 : undefined);
	else if (ordeal === 'restart') trigger.restart();
	else {
		sandbox.injectFault(
			rng.chance(0.5)
				? { kind: 'server-error', path, skip: rng.int(0, 3) }
				: { kind: 'rate-limit', path, skip: rng.int(0, 3), retryAfter: 0.01 },
		);
	}
}

/** The poll after each step: plain, two at once, or one during which `meanwhile` changes the account mid-read. */
export async function randomPoll(
	rng: Random,
	trigger: TriggerUnderTest,
	sandbox: Sandbox,
	path: string,
	meanwhile: () => void,
): Promise<void> {
	const how = rng.int(0, 5);
	if (how === 0) await Promise.all([trigger.poll(), trigger.poll()]);
	else if (how === 1) await pollChangingMidRead(sandbox, trigger, path, rng.int(0, 2), meanwhile);
	else await trigger.poll();
}

/** The end of a run: no budget, no faults, a few quiet polls. */
export async function settle(trigger: TriggerUnderTest, sandbox: Sandbox): Promise<void> {
	sandbox.clearFaults();
	trigger.setPollBudget(undefined);
	for (let poll = 0; poll < 4; poll++) await trigger.poll();
}
