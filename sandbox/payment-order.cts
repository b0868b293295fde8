import { createHash } from 'node:crypto';
import type { PaymentRecord } from './records.cjs';
import type { PaymentOrder } from './types.cjs';

/**
 * The order of GET /Payments, which Debitura does not document. Clients must not depend on it,
 * so the sandbox can serve three: newest or oldest registration first, or 'unsorted' — a
 * stable shuffle by a hash of the id, where a new payment lands anywhere and shifts the pages.
 */
export function orderPayments(payments: PaymentRecord[], order: PaymentOrder): PaymentRecord[] {
	const byCreation = (a: PaymentRecord, b: PaymentRecord): number => a.dateCreated - b.dateCreated || a.sequence - b.sequence;
	switch (order) {
		case 'oldest-first':
			return [...payments].sort(byCreation);
		case 'newest-first':
			return [...payments].sort((a, b) => byCreation(b, a));
		case 'unsorted': {
			const hashes = new Map(payments.map((p) => [p.id, idHash(p.id)]));
			return [...payments].sort((a, b) => (hashes.get(a.id) as string).localeCompare(hashes.get(b.id) as string));
		}
	}
}

function idHash(id: string): string {
	return createHash('sha256').update(id).digest('hex');
}

export function isPaymentOrder(value: unknown): value is PaymentOrder {
	return value === 'newest-first' || value === 'oldest-first' || value === 'unsorted';
}
