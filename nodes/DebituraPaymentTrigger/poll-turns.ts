import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * Polls of one trigger, one at a time, each starting from the newest state this n8n process made.
 *
 * n8n's durable scheduler may run several polls of the same trigger at once: a scheduled poll while
 * the activation poll still runs, and every late occurrence together after a restart. Each gets its
 * own copy of the stored state, read before it starts, and n8n stores whichever finishes last. Two
 * such polls would both report a new payment, or the activation's seed would be overwritten.
 *
 * So polls of a trigger take turns within this process, and the node's static data carries a
 * lineage (which run of state it belongs to) and a revision. A poll whose copy is an older revision
 * of the state the previous poll left takes that state instead, and so does a poll that found no state
 * at all and waited for a poll that left one meanwhile. A poll that reported payments leaves its state for the next only
 * when it finished within n8n's poll budget (n8n drops the report of a poll that overran); a quiet
 * poll always does, as it reported nothing.
 */

interface Latest {
	lineage: string;
	revision: number;
	cursor: IDataObject;
	leftAt: number;
}

const latest = new Map<string, Latest>();
const running = new Map<string, Promise<void>>();

export interface Turn {
	/** Whether another poll of the trigger was running when this one started. */
	waited: boolean;
	end(): void;
}

/**
 * Waits for the previous poll of this trigger, at most `maxWaitMs` (n8n's poll budget); call `end`
 * when done. n8n versions without poll budgets (before 2.36) have no durable scheduler either: there
 * polls share one static data object, and take no turns.
 */
export async function takeTurn(trigger: string, maxWaitMs: number | undefined): Promise<Turn> {
	if (maxWaitMs === undefined) return { waited: false, end: () => undefined };
	const previous = running.get(trigger);
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const turn = (previous ?? Promise.resolve()).then(() => mine);
	running.set(trigger, turn);
	// A poll that hangs must not hold the trigger for good.
	if (previous) await Promise.race([previous, sleep(maxWaitMs)]);
	return {
		waited: previous !== undefined,
		end: () => {
			release();
			if (running.get(trigger) === turn) running.delete(trigger);
		},
	};
}

/** Moves the node's static data on to the state the previous poll left, where that is newer. */
export function catchUp(trigger: string, staticData: IDataObject, turn: Turn, startedAt: number): void {
	const newest = latest.get(trigger);
	if (!newest) return;
	const newerRevision = newest.lineage === staticData.lineage && newest.revision > Number(staticData.revision ?? 0);
	const leftWhileWaiting = staticData.cursor === undefined && turn.waited && newest.leftAt >= startedAt;
	if (newerRevision || leftWhileWaiting) {
		staticData.cursor = JSON.parse(JSON.stringify(newest.cursor)) as IDataObject;
		staticData.lineage = newest.lineage;
		staticData.revision = newest.revision;
	}
}

/** Writes this poll's state as the next revision and, if `share`, leaves it for the next poll. */
export function leaveState(trigger: string, staticData: IDataObject, cursor: IDataObject, share: boolean): void {
	const lineage = typeof staticData.lineage === 'string' ? staticData.lineage : randomUUID();
	const revision = Number(staticData.revision ?? 0) + 1;
	staticData.cursor = cursor;
	staticData.lineage = lineage;
	staticData.revision = revision;
	if (share) latest.set(trigger, { lineage, revision, cursor: JSON.parse(JSON.stringify(cursor)) as IDataObject, leftAt: Date.now() });
}
