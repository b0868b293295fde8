/**
 * Lifecycle and close-code vocabulary. Filters speak in enum names, responses carry labels,
 * so every lookup goes through this table.
 */

export const LIFECYCLES = [
	{ name: 'PendingContractSigning', label: 'Pending contract signing', open: true },
	{ name: 'PendingVerificationInternal', label: 'Pending Verification Internal', open: true },
	{ name: 'PendingVerification', label: 'Pending Verification', open: true },
	{ name: 'NeedsAdditionalDetails', label: 'More Info Required', open: true },
	{ name: 'Leads', label: 'Collecting Quotes', open: true },
	{ name: 'LeadsQuoteGiven', label: 'Pending Quote Selection', open: true },
	{ name: 'Active', label: 'Active', open: true },
	{ name: 'Paused', label: 'Paused', open: true },
	{ name: 'Closed', label: 'Closed', open: false },
	{ name: 'Merged', label: 'Merged', open: false },
] as const;

export type LifecycleName = (typeof LIFECYCLES)[number]['name'];

/** Accepts an enum name or a label, any case. */
export function lifecycleFromText(text: string): LifecycleName | undefined {
	const wanted = text.trim().toLowerCase();
	const entry = LIFECYCLES.find(
		(l) => l.name.toLowerCase() === wanted || l.label.toLowerCase() === wanted,
	);
	return entry?.name;
}

export function lifecycleLabel(name: LifecycleName): string {
	return LIFECYCLES.find((l) => l.name === name)!.label;
}

export function isOpenLifecycle(name: LifecycleName): boolean {
	return LIFECYCLES.find((l) => l.name === name)!.open;
}

/** Close-code labels used by the sandbox's own transitions. Note the en dash. */
export const CLOSE_CODE_PAID = 'Paid';
export const CLOSE_CODE_NO_PAYMENT = 'Pre-Legal Exhausted \u2013 No Payment';
