import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { deepCopy, sleep } from 'n8n-workflow';

/**
 * Polls of one trigger, one at a time, each starting from the newest state this n8n process made.
 *
 * n8n's durable scheduler runs every poll as a task that reads the trigger's stored state (and the
 * workflow's static data) when the task starts, and gives the poll its own copy. Several tasks of
 * one trigger may start before any of them has stored what it did: a scheduled poll while the
 * activation poll still runs, and every late occurrence at once after a restart. Started from the
 * same copy, two polls would both report a new event, or the activation's seed would be lost.
 *
 * So polls of a trigger take turns within this process, and the state carries a lineage (which life
 * of the trigger it belongs to, from one activation on) and a revision. A poll whose copy is older
 * than the state the last poll of this process left — the same lineage with an older revision, or
 * no state (or no lineage) at all — takes that state instead. Whether its task started while the
 * other poll ran or just after it ended does not matter: what counts is what its copy holds. An
 * activation poll forgets what earlier polls left: from there the trigger's state is what n8n hands
 * it, and a fresh activation seeds a new lineage. A poll that reported events leaves
 * its state for the next only when it finished within n8n's poll budget (n8n drops the report of a
 * poll that overran); a quiet poll always does, as it reported nothing.
 */

export interface Lineage {
	lineage: string;
	revision: number;
}

interface Latest extends Lineage {
	cursor: IDataObject;
}

const latest = new Map<string, Latest>();
const running = new Map<string, Promise<void>>();

interface Turn {
	end(): void;
}

/**
 * Waits for the previous poll of this trigger, at most `maxWaitMs` (n8n's poll budget); call `end`
 * when done. n8n versions without poll budgets (before 2.36) have no durable scheduler either: there
 * polls share one static data object, and take no turns.
 */
export async function takeTurn(trigger: string, maxWaitMs: number | undefined): Promise<Turn> {
	if (maxWaitMs === undefined) return { end: () => undefined };
	const previous = running.get(trigger);
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const turn = (previous ?? Promise.resolve()).then(() => mine);
	running.set(trigger, turn);
	// A poll that hangs must not hold the trigger for good. The wait is cancelled once the previous
	// poll ends, so no timer outlives it (it would hold a process that is otherwise done).
	if (previous) {
		const waited = new AbortController();
		const timeout = sleep(maxWaitMs, waited.signal).catch(() => undefined);
		await Promise.race([previous, timeout]);
		waited.abort();
	}
	return {
		end: () => {
			release();
			if (running.get(trigger) === turn) running.delete(trigger);
		},
	};
}

/** An activation poll: the trigger starts a new life, and what earlier polls of this process left is not its state. */
export function forget(trigger: string): void {
	latest.delete(trigger);
}

/** Moves the node's static data on to the state the last poll of this process left, where the poll's own is older. */
export function catchUp(trigger: string, staticData: IDataObject): void {
	const newest = latest.get(trigger);
	if (!newest) return;
	const behind =
		staticData.cursor === undefined ||
		typeof staticData.lineage !== 'string' ||
		(staticData.lineage === newest.lineage && newest.revision > Number(staticData.revision ?? 0));
	if (behind) {
		staticData.cursor = deepCopy(newest.cursor);
		staticData.lineage = newest.lineage;
		staticData.revision = newest.revision;
	}
}

/** Writes this poll's state as the next revision and, if `share`, leaves it for the next poll. Returns its lineage and revision. */
export function leaveState(
	trigger: string,
	staticData: IDataObject,
	cursor: IDataObject,
	share: boolean,
): Lineage {
	const lineage = typeof staticData.lineage === 'string' ? staticData.lineage : randomUUID();
	const revision = Number(staticData.revision ?? 0) + 1;
	staticData.cursor = cursor;
	staticData.lineage = lineage;
	staticData.revision = revision;
	if (share) latest.set(trigger, { lineage, revision, cursor: deepCopy(cursor) });
	return { lineage, revision };
}
