import { UnknownEntityError } from './sandbox-errors.cjs';
import { newId } from './ids.cjs';
import type { PaymentRecord } from './records.cjs';
import { roundToCents, type SandboxStore } from './store.cjs';
import { parseUtcLenient } from './time.cjs';
import type { PaymentDto } from './types.cjs';

/**
 * Recording, editing and deleting payments. Partners do all three on the real platform; here
 * tests and the test-advance endpoint do. Each change marks the case as updated, which is what
 * a poller watching DateUpdated would need (the real trigger for dateUpdated is undocumented).
 */

export interface NewPayment {
	caseId: string;
	grossAmount: number;
	date?: number;
	dateCreated?: number;
	recipient?: string;
	method?: string;
}

export function recordPayment(store: SandboxStore, input: NewPayment, now: number): PaymentRecord {
	const owningCase = store.findCase(input.caseId);
	if (!owningCase) throw new UnknownEntityError(`No case with id ${input.caseId}`);
	if (!Number.isFinite(input.grossAmount)) throw new Error('grossAmount must be a finite number');
	const payment: PaymentRecord = {
		id: newId(),
		caseId: owningCase.id,
		dateCreated: input.dateCreated ?? now,
		dateUpdated: null,
		date: input.date ?? now,
		grossAmount: roundToCents(input.grossAmount),
		// Money reaches the partner when one works the case; otherwise the creditor reports it.
		recipient: input.recipient ?? (owningCase.collectionPartner ? 'CollectionPartner' : 'Creditor'),
		method: input.method ?? 'Bank transfer',
		currency: owningCase.currency,
		sequence: store.nextSequence(),
	};
	store.insertPayment(payment);
	store.events.paymentCreated(payment);
	owningCase.dateUpdated = now;
	return payment;
}

/** Applies the fields of a PaymentDto-shaped patch; dateUpdated moves to now unless given. */
export function editPayment(
	store: SandboxStore,
	id: string,
	patch: Partial<PaymentDto>,
	now: number,
): PaymentRecord {
	const payment = store.findPayment(id);
	if (!payment) throw new UnknownEntityError(`No payment with id ${id}`);
	if (patch.grossAmount !== undefined) payment.grossAmount = roundToCents(patch.grossAmount);
	if (patch.date !== undefined) payment.date = parseUtcLenient(patch.date);
	if (patch.dateCreated !== undefined) payment.dateCreated = parseUtcLenient(patch.dateCreated);
	if (patch.recipient !== undefined) payment.recipient = patch.recipient;
	if (patch.method !== undefined) payment.method = patch.method;
	if (patch.currency !== undefined) payment.currency = patch.currency;
	payment.dateUpdated =
		patch.dateUpdated === undefined
			? now
			: patch.dateUpdated === null
				? null
				: parseUtcLenient(patch.dateUpdated);
	store.paymentsChanged();
	const owningCase = store.findCase(payment.caseId);
	if (owningCase) owningCase.dateUpdated = now;
	return payment;
}

export function deletePayment(store: SandboxStore, id: string, now: number): void {
	const payment = store.findPayment(id);
	if (!payment) throw new UnknownEntityError(`No payment with id ${id}`);
	store.removePayment(id);
	store.events.paymentDeleted(payment);
	const owningCase = store.findCase(payment.caseId);
	if (owningCase) owningCase.dateUpdated = now;
}
