/**
 * The parts of Debitura's Customer API (OpenAPI `v1`) that the nodes read. Field names are the
 * API's; every field is optional here because the API marks nearly all of them nullable and the
 * nodes must tolerate what is missing.
 */

export interface BusinessError {
	type?: string | null;
	message?: string | null;
	solutionUrl?: string | null;
}

/** The error bodies Debitura sends: `ApiErrorResponseDto`, the create-case 422, ProblemDetails or a field map. */
export interface ErrorBody {
	error?: string | null;
	message?: string | null;
	businessErrors?: BusinessError[] | null;
	signingHandoff?: { combinedSigningUrl?: string | null } | null;
	retryAfter?: number | null;
	title?: string | null;
	detail?: string | null;
	errors?: Record<string, string[]> | null;
	[field: string]: unknown;
}

export interface PageData {
	totalResults?: number;
	pageSize?: number;
	currentPage?: number;
	responseCount?: number;
	totalPages?: number;
}

interface Debtor {
	type?: string;
	name?: string;
	contactPerson?: string | null;
	companyRegistrationNumber?: string | null;
	address?: string | null;
	zipCode?: string | null;
	city?: string | null;
	state?: string | null;
	stateAlpha2?: string | null;
	countryAlpha2?: string | null;
	country?: string | null;
	email?: string | null;
	phone?: string | null;
}

/** `InvoiceDto`: Debitura's name for a collection case. */
export interface Case {
	id: string;
	reference?: string | null;
	creditorReference?: string | null;
	dateCreated?: string;
	dateUpdated?: string | null;
	date?: string;
	dueDate?: string;
	dateCollectionStarted?: string | null;
	dateFinished?: string | null;
	lifecycle?: string | null;
	closeCode?: string | null;
	isTestCase?: boolean;
	currentEngagementPhase?: string | null;
	grossAmount?: number;
	remainder?: number;
	interestFees?: number;
	reminderFees?: number;
	collectionFees?: number;
	totalAddedFees?: number;
	currency?: string | null;
	debtor?: Debtor | null;
	collectionPartner?: { name?: string | null } | null;
	signingHandoff?: { combinedSigningUrl?: string | null } | null;
	[field: string]: unknown;
}

export interface CaseList {
	page: PageData;
	cases?: Case[] | null;
}

export interface Payment {
	id: string;
	dateCreated?: string;
	dateUpdated?: string | null;
	date?: string;
	grossAmount?: number;
	recipient?: string | null;
	method?: string | null;
	currency?: string | null;
	invoice?: { status?: string | null; reference?: string | null; invoiceId?: string } | null;
}

export interface PaymentList {
	page: PageData;
	payments?: Payment[] | null;
}
