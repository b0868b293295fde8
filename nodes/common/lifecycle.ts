/**
 * Debitura's case lifecycles. Filters (`Statuses`) take the enum names; answers carry labels, and
 * Debitura has used more than one label for some of them.
 */

/** Lower case, any dash a hyphen, single spaces. */
export function looseLabel(text: unknown): string {
	return String(text ?? '')
		.toLowerCase()
		.replace(/[\u2010-\u2015]/g, '-')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Lifecycles by enum name, in Debitura's order, with every label Debitura has used for them. */
export const LIFECYCLE_LABELS: Record<string, string[]> = {
	PendingContractSigning: ['Pending contract signing'],
	PendingVerificationInternal: ['Pending Verification Internal'],
	PendingVerification: ['Pending Verification'],
	NeedsAdditionalDetails: ['More Info Required'],
	Leads: ['Collecting Quotes', 'Pending quote by partner'],
	LeadsQuoteGiven: ['Pending Quote Selection', 'Quote given by partner'],
	Active: ['Active'],
	Paused: ['Paused'],
	Closed: ['Closed'],
	Merged: ['Merged'],
};

export const LIFECYCLE_NAMES = Object.keys(LIFECYCLE_LABELS);

const NAME_BY_LABEL = new Map<string, string>();
for (const [name, labels] of Object.entries(LIFECYCLE_LABELS)) {
	NAME_BY_LABEL.set(looseLabel(name), name);
	for (const label of labels) NAME_BY_LABEL.set(looseLabel(label), name);
}

/** The enum name for a label (or a name) from an answer; undefined for one Debitura has not documented. */
export function lifecycleName(label: unknown): string | undefined {
	return NAME_BY_LABEL.get(looseLabel(label));
}
