import { createHash } from 'node:crypto';
import type { PaymentRecord } from './records.cjs';
import type { PaymentOrder } from './types.cjs';

/**
 * The order of GET /Payments, which Debitura does not document. Clients must not depend on it,
 * so the sandbox can serve four: newest or oldest registration first; newest value date first
 * ('value-date-newest-first', the payment's `date`, so a back-dated payment lands deep in the
 * list although it was registered just now); or 'unsorted' — a stable shuffle by a hash of the
 * id, where a new payment lands anywhere and shifts the pages.
 */
export function orderPayments(payments: PaymentRecord[], order: PaymentOrder): PaymentRecord[] {
	const byCreation = (a: PaymentRecord, b: PaymentRecord): number =>
		a.dateCreated - b.dateCreated || a.sequence - b.sequence;
	switch (order) {
		case 'oldest-first':
			return [...payments].sort(byCreation);
		case 'newest-first':
			return [...payments].sort((a, b) => byCreation(b, a));
		case 'value-date-newest-first':
			return [...payments].sort((a, b) => b.date - a.date || b.sequence - a.sequence);
		case 'unsorted': {
			const hashes = new Map(payments.map((p) => [p.id, idHash(p.id)]));
			return [...payments].sort((a, b) =>
				(hashes.get(a.id) as string).localeCompare(hashes.get(b.id) as string),
			);
		}
	}
}

function idHash(id: string): string {
	return createHash('sha256').update(id).digest('hex');
}

export const PAYMENT_ORDERS: readonly PaymentOrder[] = [
	'newest-first',
	'oldest-first',
	'value-date-newest-first',
	'unsorted',
];

export function isPaymentOrder(value: unknown): value is PaymentOrder {
	return PAYMENT_ORDERS.includes(value as PaymentOrder);
}
