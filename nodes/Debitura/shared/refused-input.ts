import type { IExecuteSingleFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidValue } from './values';

/** What to do about a refused value, unless an operation knows better. */
export const FIX_THE_VALUE = 'Fix the value in the node (or in the field the expression reads) and run it again.';

/**
 * The error to throw for what a check of the user's input refused. A refused value (an
 * `InvalidValue`, which names the field) becomes n8n's error for this item, with `[item N]` and
 * how to fix it; anything else is reported as it is. Nothing has been sent to Debitura yet, and
 * the error says so.
 */
export function refusedInput(context: IExecuteSingleFunctions, error: unknown, howToFix = FIX_THE_VALUE): NodeOperationError {
	return refusedInputOf(context.getNode(), context.getItemIndex(), error, howToFix);
}

/** A check of this item's input that failed here, in the node: the same error as a refused value. */
export function refuseItem(context: IExecuteSingleFunctions, message: string, howToFix: string): NodeOperationError {
	return refusedInput(context, new InvalidValue(message), howToFix);
}

/** `refusedInput` for code that handles all items itself (a custom operation), and so names the item. */
export function refusedInputOf(node: INode, itemIndex: number, error: unknown, howToFix = FIX_THE_VALUE): NodeOperationError {
	if (!(error instanceof InvalidValue)) return new NodeOperationError(node, error as Error, { itemIndex });
	return new NodeOperationError(node, `${error.message} [item ${itemIndex}]`, {
		itemIndex,
		description: `${howToFix} Nothing was sent to Debitura.`,
	});
}
