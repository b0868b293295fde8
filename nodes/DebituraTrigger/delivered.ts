import type { IDataObject } from 'n8n-workflow';

/**
 * Which event ids this trigger has already acknowledged, so a redelivery (Debitura retries up
 * to 8 times, and replays resend the same id) starts no second execution. Two layers:
 * - the node's static data, which n8n saves after each delivery and keeps across restarts;
 * - a per-process memory, because deliveries that arrive at the same moment each read the
 *   static data before any of them is saved.
 * Both keep only the newest MAX_REMEMBERED ids; Debitura's retries end 1.5 hours after an
 * event, far fewer events than that for any one workflow.
 */

export const MAX_REMEMBERED = 1000;

const STATIC_KEY = 'deliveredEventIds';

const inProcess = new Map<string, Set<string>>();

function remembered(list: string[], id: string): boolean {
	return list.includes(id);
}

export function wasDelivered(staticData: IDataObject, processKey: string, id: string): boolean {
	const stored = Array.isArray(staticData[STATIC_KEY]) ? (staticData[STATIC_KEY] as string[]) : [];
	return remembered(stored, id) || (inProcess.get(processKey)?.has(id) ?? false);
}

export function markDelivered(staticData: IDataObject, processKey: string, id: string): void {
	const stored = Array.isArray(staticData[STATIC_KEY]) ? [...(staticData[STATIC_KEY] as string[])] : [];
	stored.push(id);
	staticData[STATIC_KEY] = stored.slice(-MAX_REMEMBERED);

	let ids = inProcess.get(processKey);
	if (!ids) inProcess.set(processKey, (ids = new Set()));
	ids.add(id);
	// A Set iterates in insertion order, so the first entries are the oldest.
	for (const oldest of ids) {
		if (ids.size <= MAX_REMEMBERED) break;
		ids.delete(oldest);
	}
}

/** Undoes markDelivered when the execution could not be started, so Debitura's retry is taken. */
export function forgetDelivered(staticData: IDataObject, processKey: string, id: string): void {
	if (Array.isArray(staticData[STATIC_KEY])) staticData[STATIC_KEY] = (staticData[STATIC_KEY] as string[]).filter((known) => known !== id);
	inProcess.get(processKey)?.delete(id);
}
