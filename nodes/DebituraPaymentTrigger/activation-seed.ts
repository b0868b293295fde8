import type { IDataObject } from 'n8n-workflow';

/**
 * The cursor made at activation, kept where every n8n saves it.
 *
 * Under n8n's durable poll cursors (n8n 2.36 and later, `N8N_POLLER_DURABLE_CURSORS_ENABLED` with
 * the durable scheduler) a poll node's static data is a cursor row that n8n commits after scheduled
 * polls only: what the activation poll writes there is dropped. The trigger's first cursor — the
 * seed, which says that everything existing at activation is history — would be lost, and the first
 * scheduled poll would seed again, taking every payment recorded since activation for history too.
 *
 * The workflow's global static data is saved after activation in every mode. So a poll that seeds
 * leaves a copy of its cursor there, under the node's id, and a poll that finds no cursor of its own
 * takes the copy. Any other poll drops the copy; n8n saves global static data when a poll emits, so
 * a copy still saved is never older than an emitted payment, and taking it can report nothing twice.
 */

const copyKey = (nodeId: string) => `debituraPaymentTriggerSeed:${nodeId}`;

/** The seed copy of this node, or undefined. */
export function seedCopy(globalData: IDataObject, nodeId: string): unknown {
	return globalData[copyKey(nodeId)];
}

/** Keeps a copy of a cursor that this poll seeded (or went on seeding); otherwise drops the copy, if any. */
export function keepSeedCopy(globalData: IDataObject, nodeId: string, cursor: IDataObject, seededNow: boolean): void {
	const key = copyKey(nodeId);
	if (seededNow) globalData[key] = JSON.parse(JSON.stringify(cursor)) as IDataObject;
	// Only when there is one: any write marks the workflow's static data as changed.
	else if (key in globalData) delete globalData[key];
}
