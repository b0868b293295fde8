import type { IDataObject } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import type { Lineage } from './turns';

/**
 * The cursor made at activation, kept where every n8n saves it.
 *
 * Under n8n's durable poll cursors (n8n 2.36 and later, `N8N_POLLER_DURABLE_CURSORS_ENABLED` with
 * the durable scheduler) a poll node's static data is a cursor row that n8n commits after scheduled
 * polls only: what the activation poll writes there is dropped. The trigger's first cursor — the
 * seed, which says that everything existing at activation is history — would be lost, and the first
 * scheduled poll would seed again, taking every event recorded since activation for history too.
 *
 * The workflow's global static data is saved after activation in every mode. So a poll that seeds
 * leaves a copy of its cursor there, under the node's id, and a poll that finds no cursor of its own
 * takes the copy. The copy carries the state's lineage and revision (see turns.ts): a poll that took
 * it while a later state of the same lineage exists in this process moves on to that state. Any
 * other poll drops the copy, to keep the workflow's static data small.
 */

interface SeedCopy extends Partial<Lineage> {
	cursor: IDataObject;
}

const copyKey = (prefix: string, nodeId: string) => `${prefix}Seed:${nodeId}`;

/** The seed copy of this node, or undefined. Copies made before they carried a lineage are the bare cursor. */
export function seedCopy(
	globalData: IDataObject,
	prefix: string,
	nodeId: string,
): SeedCopy | undefined {
	const value = globalData[copyKey(prefix, nodeId)] as IDataObject | undefined;
	if (value === undefined || value === null || typeof value !== 'object') return undefined;
	if (
		typeof value.cursor === 'object' &&
		value.cursor !== null &&
		typeof value.lineage === 'string'
	) {
		return deepCopy(value) as unknown as SeedCopy;
	}
	return { cursor: deepCopy(value) };
}

/** Keeps a copy of a state that this poll seeded (or went on seeding); otherwise drops the copy, if any. */
export function keepSeedCopy(
	globalData: IDataObject,
	prefix: string,
	nodeId: string,
	copy: SeedCopy,
	seededNow: boolean,
): void {
	const key = copyKey(prefix, nodeId);
	if (seededNow) globalData[key] = deepCopy(copy) as unknown as IDataObject;
	// Only when there is one: any write marks the workflow's static data as changed.
	else if (key in globalData) delete globalData[key];
}
