import type { PlacementOverrides } from './case-creation.cjs';
import { lifecycleFromText } from './lifecycle.cjs';
import type { NewCase } from './records.cjs';
import {
	COUNTRY_NAMES,
	countryCodeFromName,
	normaliseCountryCode,
	normaliseUsState,
} from './reference-data.cjs';
import { DAY_MS, parseUtcLenient } from './time.cjs';
import type { DebtorDto, SandboxCaseInput } from './types.cjs';

/**
 * Fills the gaps in a `Sandbox.createCase` input so a test can write `createCase({})` and get a
 * believable case. No validation happens here: tests use this path precisely to set up states
 * the HTTP endpoint would refuse.
 */

const DEFAULT_DEBTOR: DebtorDto = {
	type: 'Company',
	name: 'Beispiel Handelshaus GmbH',
	contactPerson: 'Jonas Weber',
	companyRegistrationNumber: 'HRB 123456',
	address: 'Friedrichstraße 42',
	zipCode: '10117',
	city: 'Berlin',
	state: null,
	stateAlpha2: null,
	countryAlpha2: 'DE',
	country: 'Germany',
	email: 'buchhaltung@beispiel-handelshaus.example',
	phone: '+49 30 5550 1234',
};

export function caseInputToNewCase(
	input: SandboxCaseInput,
	now: number,
): { newCase: NewCase; overrides: PlacementOverrides } {
	const date = input.date !== undefined ? parseUtcLenient(input.date) : now - 45 * DAY_MS;
	const dueDate = input.dueDate
		? parseUtcLenient(input.dueDate)
		: Math.min(date + 14 * DAY_MS, now);
	const newCase: NewCase = {
		currencyCode: (input.currencyCode ?? 'EUR').toUpperCase(),
		date,
		dueDate,
		comments: input.comments ?? null,
		claimDescription: input.claimDescription ?? null,
		creditorReference: input.creditorReference ?? null,
		debtor: debtorWithDefaults(input.debtor),
		creditorDivisionId: input.creditorDivisionId?.toLowerCase() ?? null,
		amountToRecover: input.amountToRecover ?? 1000,
		ageBuckets: {
			over6Months: input.amountToRecoverOver6Months ?? null,
			over12Months: input.amountToRecoverOver12Months ?? null,
			over24Months: input.amountToRecoverOver24Months ?? null,
		},
		allowPendingContracts: input.allowPendingContracts ?? false,
		skipDebituraVerification: input.skipDebituraVerification ?? false,
		isTest: input.isTest ?? false,
		tag: input.tag ?? null,
		collectionPartnerId: input.collectionPartnerId?.toLowerCase() ?? null,
		assignedUserEmail: input.assignedUserEmail ?? null,
		returnUrl: input.returnUrl ?? null,
	};

	const overrides: PlacementOverrides = {};
	if (input.lifecycle !== undefined) {
		const lifecycle = lifecycleFromText(input.lifecycle);
		if (lifecycle === undefined) throw new Error(`Unknown lifecycle: ${input.lifecycle}`);
		overrides.lifecycle = lifecycle;
	}
	if (input.closeCode !== undefined) overrides.closeCode = input.closeCode;
	if (input.dateCreated !== undefined) overrides.dateCreated = parseUtcLenient(input.dateCreated);
	if (input.dateUpdated !== undefined)
		overrides.dateUpdated = input.dateUpdated === null ? null : parseUtcLenient(input.dateUpdated);
	return { newCase, overrides };
}

/** Tidies what the HTTP validation would have normalised: type casing, country code and name, US state. */
function debtorWithDefaults(partial: Partial<DebtorDto> | undefined): DebtorDto {
	const debtor: DebtorDto = { ...DEFAULT_DEBTOR, ...(partial ?? {}) };
	if (partial && (partial.countryAlpha2 !== undefined || partial.country !== undefined)) {
		const code =
			(partial.countryAlpha2 && normaliseCountryCode(partial.countryAlpha2)) ??
			(partial.country && countryCodeFromName(partial.country)) ??
			partial.countryAlpha2 ??
			null;
		debtor.countryAlpha2 = code;
		debtor.country = (code && COUNTRY_NAMES.get(code)) ?? partial.country ?? null;
	}
	if (/^company$/i.test(debtor.type)) debtor.type = 'Company';
	if (/^private$/i.test(debtor.type)) debtor.type = 'Private';
	if (debtor.countryAlpha2 === 'US' && debtor.stateAlpha2)
		debtor.stateAlpha2 = normaliseUsState(debtor.stateAlpha2) ?? debtor.stateAlpha2;
	return debtor;
}
