import type { CaseRecord, FileRecord, PaymentRecord } from './records.cjs';

/**
 * The sandbox's whole state, in memory. It only stores and finds; the rules for what may be
 * stored live with the routes and in case-creation.ts.
 */
export class SandboxStore {
	/** The sandbox creditor has signed its contracts unless a test says otherwise. */
	contractsSigned = true;

	private readonly cases = new Map<string, CaseRecord>();
	/** Ids of deleted cases: DELETE /test/cases/{id} answers 204 for these, 404 for never-seen ids. */
	private readonly deletedCaseIds = new Set<string>();
	private readonly payments = new Map<string, PaymentRecord>();
	private readonly files = new Map<string, FileRecord>();
	private sequence = 0;

	clear(): void {
		this.contractsSigned = true;
		this.cases.clear();
		this.deletedCaseIds.clear();
		this.payments.clear();
		this.files.clear();
	}

	nextSequence(): number {
		return ++this.sequence;
	}

	// ---- cases ----

	insertCase(record: CaseRecord): void {
		this.cases.set(record.id, record);
	}

	/** In insertion order. */
	allCases(): CaseRecord[] {
		return [...this.cases.values()];
	}

	findCase(id: string): CaseRecord | undefined {
		return this.cases.get(id.toLowerCase());
	}

	wasDeleted(id: string): boolean {
		return this.deletedCaseIds.has(id.toLowerCase());
	}

	findCaseByCreditorReference(creditorReference: string): CaseRecord | undefined {
		return this.allCases().find((c) => c.creditorReference === creditorReference);
	}

	/** Case references are upper-case; a lower-case lookup still finds them. */
	findCaseByReference(reference: string): CaseRecord | undefined {
		const wanted = reference.toUpperCase();
		return this.allCases().find((c) => c.reference === wanted);
	}

	/** Hard delete, children included, leaving a tombstone behind. */
	deleteCase(id: string): void {
		const key = id.toLowerCase();
		if (!this.cases.delete(key)) return;
		this.deletedCaseIds.add(key);
		for (const payment of this.paymentsOfCase(key)) this.payments.delete(payment.id);
		for (const file of this.filesOfCase(key)) this.files.delete(file.id);
	}

	// ---- payments ----

	insertPayment(record: PaymentRecord): void {
		this.payments.set(record.id, record);
	}

	/** In insertion order. */
	allPayments(): PaymentRecord[] {
		return [...this.payments.values()];
	}

	findPayment(id: string): PaymentRecord | undefined {
		return this.payments.get(id.toLowerCase());
	}

	removePayment(id: string): boolean {
		return this.payments.delete(id.toLowerCase());
	}

	/** A case's payments, oldest registration first. */
	paymentsOfCase(caseId: string): PaymentRecord[] {
		return this.allPayments()
			.filter((p) => p.caseId === caseId)
			.sort((a, b) => a.dateCreated - b.dateCreated || a.sequence - b.sequence);
	}

	/** What is still owed: the claim minus every recorded payment, never below zero. */
	remainderOf(record: CaseRecord): number {
		const paid = this.paymentsOfCase(record.id).reduce((sum, p) => sum + p.grossAmount, 0);
		return Math.max(0, roundToCents(record.grossAmount - paid));
	}

	// ---- files ----

	insertFile(record: FileRecord): void {
		this.files.set(record.id, record);
	}

	filesOfCase(caseId: string): FileRecord[] {
		return [...this.files.values()].filter((f) => f.caseId === caseId);
	}

	findFile(caseId: string, fileId: string): FileRecord | undefined {
		const file = this.files.get(fileId.toLowerCase());
		return file && file.caseId === caseId.toLowerCase() ? file : undefined;
	}
}

/** Money is shown in cents; summing doubles would otherwise leak 0.30000000000000004. */
export function roundToCents(amount: number): number {
	return Math.round(amount * 100) / 100;
}
