import { SANDBOX_CREDITOR } from './creditor.cjs';
import { newCaseReference, newId } from './ids.cjs';
import { isOpenLifecycle, type LifecycleName } from './lifecycle.cjs';
import { hasPartnerFor, partnerFor } from './partners.cjs';
import type { CaseRecord, NewCase } from './records.cjs';
import type { SandboxStore } from './store.cjs';

/**
 * Turning an accepted create request into a stored case, and the business rules (422) that
 * can refuse it. Shared by POST /cases and the JS/control-surface createCase.
 */

export interface BusinessError {
	type: string;
	message: string;
	solutionUrl: string | null;
}

export interface BusinessRuleOutcome {
	errors: BusinessError[];
	combinedSigningUrl: string | null;
}

/** Where the sandbox sends people to "sign" its contracts: a page on the sandbox itself. */
export function combinedSigningUrl(baseUrl: string, returnUrl: string | null): string {
	const query = new URLSearchParams({ creditorId: SANDBOX_CREDITOR.id });
	if (returnUrl !== null) query.set('returnUrl', returnUrl);
	return `${baseUrl}/__sandbox/signing?${query.toString()}`;
}

/** Live cases need signed contracts; test cases never reach a partner, so they do not. */
function needsContractSigning(store: SandboxStore, input: NewCase): boolean {
	return !input.isTest && !store.contractsSigned;
}

export function checkBusinessRules(
	store: SandboxStore,
	input: NewCase,
	baseUrl: string,
): BusinessRuleOutcome {
	const errors: BusinessError[] = [];
	let signingUrl: string | null = null;

	// The real type and status for a duplicate are unknown (docs say a "DuplicateReference"
	// validation error, the official MCP server expects 422 DuplicateCreditorReference). The
	// sandbox follows the MCP server because its error handling is the closest to a contract.
	if (
		input.creditorReference !== null &&
		store.findCaseByCreditorReference(input.creditorReference)
	) {
		errors.push({
			type: 'DuplicateCreditorReference',
			message: `A case with creditor reference '${input.creditorReference}' already exists.`,
			solutionUrl: null,
		});
	}
	if (!hasPartnerFor(input.debtor.countryAlpha2!)) {
		errors.push({
			type: 'NoPartnerAvailable',
			message: `No collection partner is available for debtors in ${input.debtor.countryAlpha2}.`,
			solutionUrl: null,
		});
	}
	if (needsContractSigning(store, input) && !input.allowPendingContracts) {
		signingUrl = combinedSigningUrl(baseUrl, input.returnUrl);
		errors.push(
			{
				type: 'MissingDebtCollectionContract',
				message: 'The debt collection agreement has not been signed.',
				solutionUrl: signingUrl,
			},
			{
				type: 'MissingPowerOfAttorney',
				message: 'The power of attorney has not been signed.',
				solutionUrl: signingUrl,
			},
		);
	}
	return { errors, combinedSigningUrl: signingUrl };
}

export interface PlacementOverrides {
	lifecycle?: LifecycleName;
	closeCode?: string | null;
	dateCreated?: number;
	dateUpdated?: number | null;
}

/**
 * Builds and stores the case. A new case starts in Pending Verification Internal, or, with
 * skipDebituraVerification ("puts case straight to partner"), in Active: the sandbox's reading of
 * the spec, which names no lifecycle for it.
 */
export function createCaseRecord(
	store: SandboxStore,
	input: NewCase,
	baseUrl: string,
	now: number,
	overrides: PlacementOverrides = {},
): CaseRecord {
	const pendingSignature = needsContractSigning(store, input) && input.allowPendingContracts;
	const lifecycle =
		overrides.lifecycle ??
		(pendingSignature
			? 'PendingContractSigning'
			: input.skipDebituraVerification
				? 'Active'
				: 'PendingVerificationInternal');
	const dateCreated = overrides.dateCreated ?? now;
	const dateUpdated = overrides.dateUpdated === undefined ? null : overrides.dateUpdated;
	const closeCode = lifecycle === 'Closed' ? (overrides.closeCode ?? 'Other') : null;
	const collectionStarted =
		lifecycle === 'Active' ||
		lifecycle === 'Paused' ||
		(lifecycle === 'Closed' && !/never started/i.test(closeCode ?? ''));
	const record: CaseRecord = {
		id: newId(),
		reference: newCaseReference((reference) => store.findCaseByReference(reference) !== undefined),
		creditorReference: input.creditorReference,
		comments: input.comments,
		claimDescription: input.claimDescription,
		grossAmount: input.amountToRecover,
		currency: input.currencyCode,
		ageBuckets: { ...input.ageBuckets },
		isTest: input.isTest,
		tag: input.tag,
		lifecycle,
		closeCode,
		dateCreated,
		dateUpdated,
		date: input.date,
		// The response's dueDate is not nullable; without one the invoice date is the best stand-in.
		dueDate: input.dueDate ?? input.date,
		dateFinished: isOpenLifecycle(lifecycle) ? null : (dateUpdated ?? dateCreated),
		dateCollectionStarted: collectionStarted ? dateCreated : null,
		debtor: { ...input.debtor },
		debtorId: newId(),
		creditorDivisionId: input.creditorDivisionId,
		// Test cases are never routed to a partner.
		collectionPartner: input.isTest
			? null
			: partnerFor(input.debtor.countryAlpha2!, input.collectionPartnerId),
		assignedUserEmail: input.assignedUserEmail,
		combinedSigningUrl:
			lifecycle === 'PendingContractSigning' ? combinedSigningUrl(baseUrl, input.returnUrl) : null,
		sequence: store.nextSequence(),
	};
	store.insertCase(record);
	store.events.caseCreated(record);
	return record;
}
