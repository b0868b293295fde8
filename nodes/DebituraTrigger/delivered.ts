/**
 * Event ids this process has taken (started an execution for) or found acknowledged, per trigger
 * node, so a redelivery that reaches the same process starts nothing and costs no request. It is
 * deliberately not kept in the workflow's static data: n8n runs deliveries as concurrent
 * executions that each save the whole static data they loaded, so ids written there are lost
 * (the last save wins) and, worse, a delivery's save can roll back the subscriptions and secrets
 * that activation wrote meanwhile. What survives a restart is Debitura's own delivery log, which
 * the trigger asks about replays this memory does not know (deliveryLog.ts).
 * The newest MAX_REMEMBERED ids are kept; Debitura's retries of an event end 1.5 hours after it.
 */

const MAX_REMEMBERED = 1000;

/** A static-data key for delivered ids that saved workflows may carry and nothing reads; lifecycle methods remove it. */
export const OLD_STATIC_KEY = 'deliveredEventIds';

const inProcess = new Map<string, Set<string>>();

export function wasTaken(processKey: string, id: string): boolean {
	return inProcess.get(processKey)?.has(id.toLowerCase()) ?? false;
}

export function markTaken(processKey: string, id: string): void {
	let ids = inProcess.get(processKey);
	if (!ids) inProcess.set(processKey, (ids = new Set()));
	ids.add(id.toLowerCase());
	// A Set iterates in insertion order, so the first entries are the oldest.
	for (const oldest of ids) {
		if (ids.size <= MAX_REMEMBERED) break;
		ids.delete(oldest);
	}
}
