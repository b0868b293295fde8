/**
 * Public types of the Debitura sandbox: the wire shapes (DTOs) it serves, the options it starts
 * with, and the in-process control interface tests use to drive it.
 */

import type { SandboxWebhooks } from './webhooks-control.cjs';

/** newest-/oldest-first by registration (dateCreated), newest value date (`date`) first, or a stable shuffle. */
export type PaymentOrder = 'newest-first' | 'oldest-first' | 'value-date-newest-first' | 'unsorted';

/**
 * Whether GET /cases honours its `Sort` parameter (nulls sorting lowest, as SQL Server does, or
 * highest: 'honoured-nulls-first' puts never-updated cases first in `DateUpdated:desc`), or
 * ignores it and serves its default order (oldest first).
 */
export type CaseSortMode = 'honoured' | 'honoured-nulls-first' | 'ignored';

/** What `Sandbox.updateCase` may change; the case's dateUpdated becomes now (closing also sets dateFinished). */
export interface CaseUpdate {
	/** Enum name or label. */
	lifecycle?: string;
	/** Close-code label; set when lifecycle becomes Closed ('Other' when omitted). */
	closeCode?: string | null;
}

export interface SandboxOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	/** Defaults to 'sandbox-api-key'. */
	apiKey?: string;
	/** Order of GET /Payments; defaults to 'newest-first'. */
	paymentOrder?: PaymentOrder;
	/** Seed the believable demo account on start; defaults to false. */
	demoData?: boolean;
	/** Uploaded files beyond this many bytes in total are refused with a 507; defaults to 256 MiB. */
	fileStorageLimitBytes?: number;
	/**
	 * Accept webhook subscriptions to http(s) URLs on 127.0.0.1 / ::1 / localhost and deliver to
	 * them, which Debitura never does (it wants public HTTPS on 443/8443). Defaults to false.
	 */
	webhookLoopback?: boolean;
	/** Multiplies Debitura's webhook retry delays (1 min … 30 min); defaults to 1. */
	webhookRetryScale?: number;
	/** How long a delivery may take before it counts as failed; defaults to Debitura's 10 s. */
	webhookTimeoutMs?: number;
}

export interface RecordedFilePart {
	field: string;
	fileName: string;
	contentType: string;
	size: number;
}

export interface RecordedMultipartBody {
	fields: Record<string, string>;
	files: RecordedFilePart[];
}

export interface RecordedRequest {
	method: string;
	/** The path without the query string. */
	path: string;
	query: Record<string, string[]>;
	/** Header names are lower-cased. */
	headers: Record<string, string>;
	/** Parsed JSON, a multipart summary, the raw text, or null when there was no body. */
	body: unknown;
	/** 0 when the connection was dropped by a 'drop' fault. */
	status: number;
	/** Size of the response body sent, for the benchmark's bytes-per-poll. */
	responseBytes?: number;
}

/**
 * - rate-limit: 429 with a `retryAfter` body; server-error: a 5xx; slow: answer after `delayMs`;
 * - drop: close the connection without handling the request;
 * - drop-response: handle the request (a case is created), then close the connection before the
 *   answer is written — the "it worked but the client never heard" failure retries must survive.
 */
export type FaultKind =
	| 'rate-limit'
	| 'server-error'
	| 'slow'
	| 'drop'
	| 'drop-response'
	| 'redirect'
	| 'html'
	| 'not-found'
	| 'tamper';

export interface FaultSpec {
	method?: string;
	/** An exact path, or a prefix when it ends in '*'; case-insensitive. */
	path?: string;
	kind: FaultKind;
	/** How many matching requests get the fault; defaults to 1. */
	count?: number;
	/** How many matching requests pass untouched before the fault applies (to hit the middle of a paged read); defaults to 0. */
	skip?: number;
	/** Seconds (may be fractional) reported in a rate-limit body. */
	retryAfter?: number;
	/** rate-limit: send this `Retry-After` header (seconds or an HTTP date) instead of the body's retryAfter. */
	retryAfterHeader?: string;
	/** server-error status: 500 (default), 502, 503 or 504; redirect status: 301, 302 (default), 303, 307 or 308. */
	status?: number;
	/** server-error: handle the request first (the write is applied), then answer the error, as a gateway that gave up on a slow backend. */
	afterWrite?: boolean;
	/** redirect: where the Location header points (a proxy or a moved host would send the client there). */
	location?: string;
	/** slow: wait this long, then answer normally. */
	delayMs?: number;
	/** tamper: serve page 1 whatever `Page` asks for, like an API that ignores paging. */
	ignorePage?: boolean;
	/** tamper: fields of the JSON answer to overwrite, by dotted path (`payments.0.id`, `page.totalPages`). */
	set?: Record<string, unknown>;
	/** tamper: fields of the JSON answer to remove, by dotted path (`page`). */
	unset?: string[];
}

export interface DebtorDto {
	type: string;
	name: string;
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

export interface CreateCaseBody {
	currencyCode: string;
	date: string;
	dueDate?: string | null;
	comments?: string | null;
	claimDescription?: string | null;
	creditorReference?: string | null;
	debtor: DebtorDto;
	creditorDivisionId?: string | null;
	amountToRecover: number;
	amountToRecoverOver6Months?: number | null;
	amountToRecoverOver12Months?: number | null;
	amountToRecoverOver24Months?: number | null;
	skipDebituraVerification?: boolean;
	skipCreationEmails?: boolean;
	allowPendingContracts?: boolean;
	isTest?: boolean;
	tag?: string | null;
	collectionPartnerId?: string | null;
	assignedUserEmail?: string | null;
	returnUrl?: string | null;
}

/**
 * Extras accepted by `Sandbox.createCase` (never by HTTP POST /cases) so tests and demo data can
 * place a case anywhere in its life without driving it there step by step.
 */
export interface SandboxCaseOverrides {
	isTest?: boolean;
	/** Enum name (e.g. 'Closed') or label (e.g. 'Pending Verification Internal'). */
	lifecycle?: string;
	/** Close-code label, e.g. 'Paid'; only meaningful with lifecycle Closed. */
	closeCode?: string | null;
	/** ISO date-time; zone-less values are read as UTC. */
	dateCreated?: string;
	dateUpdated?: string | null;
}

export type SandboxCaseInput = Partial<CreateCaseBody> & SandboxCaseOverrides;

export interface CollectionPartnerDto {
	name: string | null;
	officeEmail: string | null;
	officePhone: string | null;
	publicSite: string | null;
	surveyCadenceMode: 0 | 1;
}

export interface CreditorDivisionDto {
	id: string;
	name: string | null;
}

export interface CreditorDto {
	id: string;
	companyName: string | null;
	companyRegistrationNumber: string | null;
	officeEmail: string | null;
	officePhone: string | null;
	address: string | null;
	city: string | null;
	zipCode: string | null;
	state: string | null;
	country: string | null;
	division: CreditorDivisionDto | null;
}

export interface CreditorMeDto {
	id: string;
	companyName: string;
	companyRegistrationNumber: string | null;
	address: string | null;
	zipCode: string | null;
	city: string | null;
	state: string | null;
	country: string | null;
	officeEmail: string | null;
	officePhone: string | null;
}

export interface BankAccountDto {
	id: number;
	label: string | null;
	scheme: string | null;
	currencyCode: string | null;
	bankCountryCode: string | null;
	accountHolderName: string | null;
	iban: string | null;
	bic: string | null;
	accountNumber: string | null;
	localIdentifier: string | null;
	localIdentifierType: string | null;
	bankName: string | null;
	bankAddress: string | null;
	bankCity: string | null;
	bankZipCode: string | null;
	bankState: string | null;
}

export interface SigningHandoffDto {
	combinedSigningUrl: string | null;
}

export interface InvoiceDto {
	id: string;
	dateCreated: string;
	dateUpdated: string | null;
	reference: string | null;
	creditorReference: string | null;
	creditorComments: string | null;
	claimDescription: string | null;
	grossAmount: number;
	remainder: number;
	interestFees: number;
	reminderFees: number;
	collectionFees: number;
	totalAddedFees: number;
	currency: string | null;
	isTestCase: boolean;
	lifecycle: string | null;
	dueDate: string;
	date: string;
	dateFinished: string | null;
	dateCollectionStarted: string | null;
	closeCode: string | null;
	currentEngagementPhase: string | null;
	claimType: string | null;
	creditorDivisionId: string | null;
	debtor: DebtorDto;
	collectionPartner: CollectionPartnerDto | null;
	creditor: CreditorDto;
	bankAccount: BankAccountDto | null;
	blendedAgeUpliftPoints: number | null;
	preLegalSuccessFee: number | null;
	solutionUrl: string | null;
	signingHandoff: SigningHandoffDto;
	exclusivePeriodEndDate: string | null;
	disputeStatus: string | null;
	validation: { needsInfo: boolean };
	assignedUser: { email: string | null; name: string | null } | null;
	allocationOutstanding: {
		principal: number;
		interest: number;
		reminderFees: number;
		collectionFees: number;
	};
}

export interface PaymentDto {
	id: string;
	dateCreated: string;
	dateUpdated: string | null;
	date: string;
	grossAmount: number;
	recipient: string | null;
	method: string | null;
	currency: string | null;
	invoice: { status: string | null; reference: string | null; invoiceId: string };
}

export interface CaseFileDto {
	id: string;
	dateCreated: string;
	dateUpdated: string;
	caseId: string;
	entityType: string | null;
	entityId: string;
	fileName: string | null;
	url: string | null;
	description: string | null;
	documentType: string | null;
}

export interface PageData {
	totalResults: number;
	pageSize: number;
	currentPage: number;
	responseCount: number;
	totalPages: number;
}

export interface StoredFileContent {
	bytes: Buffer;
	fileName: string;
	contentType: string;
	documentType: string;
	description: string | null;
}

export interface AddPaymentInput {
	caseId: string;
	grossAmount: number;
	/** Payment date; defaults to now. */
	date?: string;
	/** When the payment was registered; an old value makes a payment that "appears late". */
	dateCreated?: string;
	recipient?: string;
	method?: string;
}

/**
 * The in-process handle on a running sandbox. Getters return exactly what the HTTP read
 * endpoints would (zone-less UTC timestamps); `createCase` returns what POST /cases would (`Z`).
 */
export interface Sandbox {
	/** e.g. http://127.0.0.1:34567, no trailing slash. */
	url: string;
	apiKey: string;
	/**
	 * Every API request (control-surface requests excluded), in arrival order, headers as sent (the
	 * API key included: this is the in-process view). `GET /__sandbox/requests` serves it redacted.
	 */
	requests: RecordedRequest[];
	/** The storage origin of signed file download links (a second loopback port; refuses XApiKey). */
	fileHostUrl: string;
	/** Every request the storage origin received, with its headers. */
	fileHostRequests: Array<{
		method: string;
		path: string;
		headers: Record<string, string>;
		status: number;
	}>;
	/** 'declared' (default): files are served with their Content-Length; 'omitted': chunked, no length announced. */
	setFileHostLength(mode: 'declared' | 'omitted'): void;
	/** The origin download links point at; undefined (and reset()) restores the storage host's. */
	setFileLinkBase(base: string | undefined): void;
	close(): Promise<void>;
	/** Clears data, recorded requests, faults and idempotency records; keeps key and order. */
	reset(): void;
	setPaymentOrder(order: PaymentOrder): void;
	/** Whether GET /cases honours `Sort` ('honoured', the default; 'honoured-nulls-first') or ignores it. */
	setCaseSort(mode: CaseSortMode): void;
	/** Records a change on a case (as Debitura would): dateUpdated becomes now. */
	updateCase(id: string, update: CaseUpdate): InvoiceDto;
	/** false makes live (non-test) creates hit the missing-contract rules. */
	setContractsSigned(signed: boolean): void;
	seedDemoData(): void;
	createCase(input: SandboxCaseInput): InvoiceDto;
	getCase(id: string): InvoiceDto | undefined;
	listCases(): InvoiceDto[];
	addPayment(p: AddPaymentInput): PaymentDto;
	editPayment(id: string, patch: Partial<PaymentDto>): PaymentDto;
	deletePayment(id: string): void;
	/** Insertion order. */
	listPayments(): PaymentDto[];
	/** The payment ids in the order GET /Payments serves them now. */
	orderedPaymentIds(): string[];
	getFile(caseId: string, fileId: string): StoredFileContent | undefined;
	/** A message from the collection partner; `duplicated` repeats it in GET /chats, like Debitura's known fan-out bug. */
	/** `managedByPartner`: written on the partner's behalf (ChatDto role 2, "Managed by partner"). */
	addPartnerChat(
		caseId: string,
		message: string,
		options?: { duplicated?: boolean; managedByPartner?: boolean },
	): void;
	injectFault(f: FaultSpec): void;
	clearFaults(): void;
	/** Webhook subscriptions, the event log and delivery attempts (see webhooks-control.ts). */
	webhooks: SandboxWebhooks;
}
