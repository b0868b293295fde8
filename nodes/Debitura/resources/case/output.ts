import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { withUtcTimestamps } from '../../../common/timestamps';
import type { Case } from '../../../common/types';

/**
 * Lifecycle labels that mean the case is closed (Debitura returns labels, not enum names). Merged
 * is not one: the claim goes on in the case it was merged into, and the Case Trigger's Case Closed
 * does not fire for it either.
 */
const CLOSED_LIFECYCLES = new Set(['closed']);

/** The Simplify toggle of the operations that output cases (Get Status, Get Many); `outputCase` reads it. */
export function simplifyCaseParameter(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return only what a person acts on (references, lifecycle, close code, amounts, key dates, test flag, partner) instead of the full case',
		displayOptions: { show },
	};
}

/**
 * What a person acts on when checking a case: identity, where it stands, the money, the key
 * dates. Everything else (bank account, creditor block, allocation detail) stays in the full
 * output, one toggle away.
 */
export function simplifyCase(raw: Case): IDataObject {
	const item = withUtcTimestamps(raw);
	return {
		id: item.id,
		reference: item.reference ?? null,
		creditorReference: item.creditorReference ?? null,
		lifecycle: item.lifecycle ?? null,
		closeCode: item.closeCode ?? null,
		isClosed: CLOSED_LIFECYCLES.has(String(item.lifecycle ?? '').toLowerCase()),
		currentEngagementPhase: item.currentEngagementPhase ?? null,
		currency: item.currency ?? null,
		grossAmount: item.grossAmount ?? null,
		remainder: item.remainder ?? null,
		interestFees: item.interestFees ?? null,
		reminderFees: item.reminderFees ?? null,
		collectionFees: item.collectionFees ?? null,
		totalAddedFees: item.totalAddedFees ?? null,
		debtorName: item.debtor?.name ?? null,
		collectionPartnerName: item.collectionPartner?.name ?? null,
		date: item.date ?? null,
		dueDate: item.dueDate ?? null,
		dateCreated: item.dateCreated ?? null,
		dateUpdated: item.dateUpdated ?? null,
		dateCollectionStarted: item.dateCollectionStarted ?? null,
		dateFinished: item.dateFinished ?? null,
		isTestCase: item.isTestCase ?? null,
	};
}

/** postReceive for operations that return one case: UTC timestamps, and the Simplify option where the operation has it. */
export async function outputCase(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const simplify = this.getNodeParameter('simplify', false) as boolean;
	return items.map((item) => ({
		...item,
		json: simplify
			? simplifyCase(item.json as unknown as Case)
			: (withUtcTimestamps(item.json) as IDataObject),
	}));
}
