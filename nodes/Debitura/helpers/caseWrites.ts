import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asItemError, refusedInputOf } from '../../common/errors';

/**
 * The frame of a custom operation that writes to cases item by item (Upload, Message → Send):
 * every item is checked before anything is sent, so a refused value stops the run with nothing
 * sent (with Continue On Fail it becomes that item's error and the rest go on); then all items are
 * written at once, except that items writing the same thing (`sameAs`: the same file, the same
 * message) to the same case go one after another. Each write first looks at what the case already
 * holds: a later twin must see what the earlier one stored, or it would store it again, and a
 * retry could take its twin's record for its own.
 */

interface CaseWrite<P> {
	/** Checks and reads one item's input; throws a refusal naming the field and the item. */
	prepare: (itemIndex: number) => Promise<P>;
	/** The case's ID for an item (a reference is looked up), and how to name it in errors. */
	caseOf: (itemIndex: number) => Promise<string>;
	/** What an item writes, as far as Debitura can tell it apart: equal keys on one case never overlap. */
	sameAs: (prepared: P) => string;
	/** Writes one item. */
	write: (prepared: P, itemIndex: number, caseId: string) => Promise<IDataObject>;
}

type Settled = { json: IDataObject } | { error: unknown };

export async function runCaseWrites<P>(
	context: IExecuteFunctions,
	operation: CaseWrite<P>,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const prepared: Array<{ value: P } | { error: NodeOperationError | NodeApiError }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ value: await operation.prepare(itemIndex) });
		} catch (error) {
			const refused =
				error instanceof NodeOperationError || error instanceof NodeApiError
					? error
					: refusedInputOf(context.getNode(), itemIndex, error);
			if (!context.continueOnFail()) throw refused;
			prepared.push({ error: refused });
		}
	}

	const settled: Settled[] = new Array(items.length);
	const queues = new Map<string, Promise<void>>();
	const located = await Promise.allSettled(
		prepared.map(async (entry, itemIndex) =>
			'error' in entry ? undefined : await operation.caseOf(itemIndex),
		),
	);
	const running: Array<Promise<void>> = [];
	prepared.forEach((entry, itemIndex) => {
		const where = located[itemIndex];
		if ('error' in entry) {
			settled[itemIndex] = { error: entry.error };
			return;
		}
		if (where.status === 'rejected') {
			settled[itemIndex] = { error: where.reason };
			return;
		}
		const caseId = where.value as string;
		const queue = JSON.stringify([caseId, operation.sameAs(entry.value)]);
		const previous = queues.get(queue) ?? Promise.resolve();
		const next = previous.then(async () => {
			try {
				settled[itemIndex] = { json: await operation.write(entry.value, itemIndex, caseId) };
			} catch (error) {
				settled[itemIndex] = { error };
			}
		});
		queues.set(queue, next);
		running.push(next);
	});
	await Promise.all(running);

	const output = settled.map((result, itemIndex): INodeExecutionData => {
		const pairedItem = { item: itemIndex };
		if ('json' in result) return { json: result.json, pairedItem };
		const error = asItemError(context, result.error, itemIndex);
		if (!context.continueOnFail()) throw error;
		return { json: { error: error.message }, error, pairedItem };
	});
	return [output];
}
