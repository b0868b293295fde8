import type { INodePropertyOptions } from 'n8n-workflow';

import { LIFECYCLE_LABELS, looseLabel } from '../common/lifecycle';
import type { Case } from '../common/types';

/**
 * Debitura's responses carry lifecycle and close-code labels, not enum names. The options below
 * are the documented labels; a case matches when its label, compared loosely (case, spacing and
 * the en dash Debitura uses in some close codes do not matter), is one of the chosen ones.
 */

export const LIFECYCLE_OPTIONS: INodePropertyOptions[] = Object.entries(LIFECYCLE_LABELS).map(
	([value, labels]) => ({
		name: labels[0].replace(/^./, (first) => first.toUpperCase()),
		value,
	}),
);

/** Whether the case's lifecycle is one of the chosen enum names (none chosen: any). */
export function lifecycleMatches(item: Case, chosen: string[]): boolean {
	if (chosen.length === 0) return true;
	const label = looseLabel(item.lifecycle);
	return chosen.some(
		(name) =>
			looseLabel(name) === label ||
			(LIFECYCLE_LABELS[name] ?? []).some((known) => looseLabel(known) === label),
	);
}

const CLOSE_CODES = [
	'Paid',
	'Partially paid',
	'Case never started',
	'Case never started - Internal',
	'Invalid Case Data',
	'Debtor Insolvent/Bankrupt',
	'Debtor Untraceable',
	'Disputed - Legal Action Declined by Client',
	'Withdrawn by Client',
	'Settlement Rejected by Client',
	'Unresponsive Client',
	'Pre-Legal Exhausted - No Payment',
	'Statute of Limitations Expired',
	'Uneconomical to Pursue',
	'No Quotes Received',
	'Quotes Expired - Not Accepted',
	'Other',
];

export const CLOSE_CODE_OPTIONS: INodePropertyOptions[] = CLOSE_CODES.map((label) => ({
	name: label,
	value: looseLabel(label),
}));

/** Whether the case's close code is one of the chosen ones (none chosen: any). */
export function closeCodeMatches(item: Case, chosen: string[]): boolean {
	if (chosen.length === 0) return true;
	const code = looseLabel(item.closeCode);
	return chosen.some((value) => looseLabel(value) === code);
}
