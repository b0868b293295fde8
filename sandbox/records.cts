import type { CollectionPartnerDto, DebtorDto } from './types.cjs';
import type { LifecycleName } from './lifecycle.cjs';

/**
 * What the store keeps. Records hold epoch-millisecond instants and enum names; the DTO layer
 * turns them into wire shapes, so no stored value is ever pre-formatted for one endpoint.
 */

export interface AgeBuckets {
	over6Months: number | null;
	over12Months: number | null;
	over24Months: number | null;
}

export interface CaseRecord {
	id: string;
	reference: string;
	creditorReference: string | null;
	comments: string | null;
	claimDescription: string | null;
	grossAmount: number;
	currency: string;
	ageBuckets: AgeBuckets;
	isTest: boolean;
	/** Kept for DELETE /test/cases?tag= but never shown: InvoiceDto has no tag field. */
	tag: string | null;
	lifecycle: LifecycleName;
	closeCode: string | null;
	dateCreated: number;
	dateUpdated: number | null;
	date: number;
	dueDate: number;
	dateFinished: number | null;
	dateCollectionStarted: number | null;
	debtor: DebtorDto;
	/** Internal only: GET /cases filters on DebtorIds even though InvoiceDto shows no debtor id. */
	debtorId: string;
	creditorDivisionId: string | null;
	collectionPartner: CollectionPartnerDto | null;
	assignedUserEmail: string | null;
	combinedSigningUrl: string | null;
	/** Insertion counter, the tie-breaker that keeps every ordering stable. */
	sequence: number;
}

export interface PaymentRecord {
	id: string;
	caseId: string;
	dateCreated: number;
	dateUpdated: number | null;
	date: number;
	grossAmount: number;
	recipient: string | null;
	method: string | null;
	currency: string | null;
	sequence: number;
}

export interface FileRecord {
	id: string;
	caseId: string;
	dateCreated: number;
	fileName: string;
	contentType: string;
	documentType: string;
	description: string | null;
	bytes: Buffer;
}

/** A create-case request after validation (or after the JS API filled its defaults). */
export interface NewCase {
	currencyCode: string;
	date: number;
	dueDate: number | null;
	comments: string | null;
	claimDescription: string | null;
	creditorReference: string | null;
	debtor: DebtorDto;
	creditorDivisionId: string | null;
	amountToRecover: number;
	ageBuckets: AgeBuckets;
	allowPendingContracts: boolean;
	/** Straight to the partner: no "Pending verification" by Debitura. */
	skipDebituraVerification: boolean;
	isTest: boolean;
	tag: string | null;
	collectionPartnerId: string | null;
	assignedUserEmail: string | null;
	/** Already checked: an absolute http(s) URL, or null (invalid values are silently dropped). */
	returnUrl: string | null;
}

/** A creditor division as `/divisions` stores it (DivisionDto without the derived country object). */
export interface DivisionRecord {
	id: string;
	companyName: string;
	registrationNumber: string | null;
	address: string | null;
	zipCode: string | null;
	state: string | null;
	city: string;
	countryCode: string;
	officeEmail: string | null;
	officePhone: string | null;
	isArchived: boolean;
	createdUtc: number;
	updatedUtc: number | null;
}
