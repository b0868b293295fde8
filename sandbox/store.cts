import { orderPayments } from './payment-order.cjs';
import type { CaseRecord, DivisionRecord, FileRecord, PaymentRecord } from './records.cjs';
import type { PaymentOrder } from './types.cjs';
import { IGNORE_EVENTS, type SandboxEventSink } from './webhooks-events.cjs';

/**
 * The sandbox's whole state, in memory. It only stores and finds; the rules for what may be
 * stored live with the routes and in case-creation.ts.
 */
export class SandboxStore {
	/** The sandbox creditor has signed its contracts unless a test says otherwise. */
	contractsSigned = true;

	/** Told about every case, payment and chat change (the webhook hub listens here). */
	events: SandboxEventSink = IGNORE_EVENTS;

	private readonly cases = new Map<string, CaseRecord>();
	/**
	 * Cases by case reference and by creditor reference (neither changes once a case exists). Every
	 * create checks its new reference against all others: a scan made seeding the benchmark's 100 000
	 * cases quadratic (minutes per account).
	 */
	private readonly casesByReference = new Map<string, CaseRecord>();
	private readonly casesByCreditorReference = new Map<string, CaseRecord>();
	/** Ids of deleted cases: DELETE /test/cases/{id} answers 204 for these, 404 for never-seen ids. */
	private readonly deletedCaseIds = new Set<string>();
	private readonly payments = new Map<string, PaymentRecord>();
	/** Payments by case id: the benchmark's 100 000 payments must not be scanned per case. */
	private readonly paymentsByCase = new Map<string, Map<string, PaymentRecord>>();
	/** Bumped on every payment change; the ordered listing is recomputed only after one. */
	private paymentsVersion = 0;
	private orderedCache?: { version: number; order: PaymentOrder; list: PaymentRecord[] };
	private readonly files = new Map<string, FileRecord>();
	/** The bytes of every stored file, for the storage limit. */
	private fileBytes = 0;
	private sequence = 0;
	/** The creditor's divisions (routes/divisions.cts); undefined until first used after a reset, then seeded. */
	divisions: Map<string, DivisionRecord> | undefined;

	clear(): void {
		this.divisions = undefined;
		this.contractsSigned = true;
		this.cases.clear();
		this.casesByReference.clear();
		this.casesByCreditorReference.clear();
		this.deletedCaseIds.clear();
		this.payments.clear();
		this.paymentsByCase.clear();
		this.paymentsChanged();
		this.files.clear();
		this.fileBytes = 0;
	}

	nextSequence(): number {
		return ++this.sequence;
	}

	// ---- cases ----

	insertCase(record: CaseRecord): void {
		this.cases.set(record.id, record);
		this.indexCase(record);
	}

	/** The first case (in insertion order) holding a reference is the one a look-up finds. */
	private indexCase(record: CaseRecord): void {
		if (!this.casesByReference.has(record.reference))
			this.casesByReference.set(record.reference, record);
		const creditorReference = record.creditorReference;
		if (creditorReference != null && !this.casesByCreditorReference.has(creditorReference)) {
			this.casesByCreditorReference.set(creditorReference, record);
		}
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
		return this.casesByCreditorReference.get(creditorReference);
	}

	/** Case references are upper-case; a lower-case lookup still finds them. */
	findCaseByReference(reference: string): CaseRecord | undefined {
		return this.casesByReference.get(reference.toUpperCase());
	}

	/** Hard delete, children included, leaving a tombstone behind. */
	deleteCase(id: string): void {
		const key = id.toLowerCase();
		const record = this.cases.get(key);
		if (!record || !this.cases.delete(key)) return;
		this.unindexCase(record);
		this.deletedCaseIds.add(key);
		for (const payment of this.paymentsOfCase(key)) this.removePayment(payment.id);
		for (const file of this.filesOfCase(key)) this.removeFile(file);
	}

	/** After a delete, another case holding the same reference (if any) is the one found. */
	private unindexCase(record: CaseRecord): void {
		const heldReference = this.casesByReference.get(record.reference) === record;
		const heldCreditorReference =
			record.creditorReference != null &&
			this.casesByCreditorReference.get(record.creditorReference) === record;
		if (heldReference) this.casesByReference.delete(record.reference);
		if (heldCreditorReference)
			this.casesByCreditorReference.delete(record.creditorReference as string);
		if (!heldReference && !heldCreditorReference) return;
		for (const other of this.cases.values()) this.indexCase(other);
	}

	// ---- payments ----

	insertPayment(record: PaymentRecord): void {
		this.payments.set(record.id, record);
		let ofCase = this.paymentsByCase.get(record.caseId);
		if (!ofCase) this.paymentsByCase.set(record.caseId, (ofCase = new Map()));
		ofCase.set(record.id, record);
		this.paymentsChanged();
	}

	/** Call after changing a stored payment in place (its dateCreated decides its position). */
	paymentsChanged(): void {
		this.paymentsVersion++;
	}

	/** All payments in the order GET /Payments serves, cached until a payment changes. */
	orderedPayments(order: PaymentOrder): PaymentRecord[] {
		const cache = this.orderedCache;
		if (cache && cache.version === this.paymentsVersion && cache.order === order) return cache.list;
		const list = orderPayments(this.allPayments(), order);
		this.orderedCache = { version: this.paymentsVersion, order, list };
		return list;
	}

	/** In insertion order. */
	allPayments(): PaymentRecord[] {
		return [...this.payments.values()];
	}

	findPayment(id: string): PaymentRecord | undefined {
		return this.payments.get(id.toLowerCase());
	}

	removePayment(id: string): boolean {
		const payment = this.payments.get(id.toLowerCase());
		if (!payment) return false;
		this.payments.delete(payment.id);
		this.paymentsByCase.get(payment.caseId)?.delete(payment.id);
		this.paymentsChanged();
		return true;
	}

	/** A case's payments, oldest registration first. */
	paymentsOfCase(caseId: string): PaymentRecord[] {
		return [...(this.paymentsByCase.get(caseId)?.values() ?? [])].sort(
			(a, b) => a.dateCreated - b.dateCreated || a.sequence - b.sequence,
		);
	}

	/** What is still owed: the claim minus every recorded payment, never below zero. */
	remainderOf(record: CaseRecord): number {
		const paid = this.paymentsOfCase(record.id).reduce((sum, p) => sum + p.grossAmount, 0);
		return Math.max(0, roundToCents(record.grossAmount - paid));
	}

	// ---- files ----

	insertFile(record: FileRecord): void {
		this.files.set(record.id, record);
		this.fileBytes += record.bytes.length;
	}

	private removeFile(record: FileRecord): void {
		if (this.files.delete(record.id)) this.fileBytes -= record.bytes.length;
	}

	storedFileBytes(): number {
		return this.fileBytes;
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
