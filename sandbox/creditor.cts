import type { BankAccountDto, CreditorDivisionDto, CreditorDto, CreditorMeDto } from './types.cjs';

/**
 * The one creditor every sandbox API key belongs to. Fixed ids keep demo data and test
 * expectations stable across restarts. Contact details use reserved `.example` domains.
 */
export const SANDBOX_CREDITOR: CreditorMeDto = {
	id: '5a1d7c2e-8f43-4b6a-9e21-0c3d4b5a6f70',
	companyName: 'Nordlys Trading ApS',
	companyRegistrationNumber: '41234567',
	address: 'Vesterbrogade 12, 2. sal',
	zipCode: '1620',
	city: 'Copenhagen V',
	state: null,
	country: 'DK',
	officeEmail: 'finance@nordlys-trading.example',
	officePhone: '+45 33 12 34 56',
};

export const CREDITOR_DIVISIONS: readonly CreditorDivisionDto[] = [
	{ id: '0b6e2f1a-3c4d-4e5f-8a9b-1c2d3e4f5a60', name: 'Nordlys Trading ApS' },
	{ id: '7d8e9fa0-b1c2-4d3e-9f40-5a6b7c8d9e01', name: 'Nordlys Trading GmbH' },
];

/** A case without an explicit division belongs to the head office. */
export function divisionFor(divisionId: string | null): CreditorDivisionDto {
	if (divisionId === null) return CREDITOR_DIVISIONS[0];
	const known = CREDITOR_DIVISIONS.find((d) => d.id.toLowerCase() === divisionId.toLowerCase());
	// An unknown division id is accepted (the docs list no error for it) and shown without a name.
	return known ?? { id: divisionId, name: null };
}

export function creditorDto(divisionId: string | null): CreditorDto {
	const {
		id,
		companyName,
		companyRegistrationNumber,
		officeEmail,
		officePhone,
		address,
		city,
		zipCode,
		state,
		country,
	} = SANDBOX_CREDITOR;
	return {
		id,
		companyName,
		companyRegistrationNumber,
		officeEmail,
		officePhone,
		address,
		city,
		zipCode,
		state,
		country,
		division: divisionFor(divisionId),
	};
}

/** Where recovered money is paid out; one account is enough for a fake. */
export const CREDITOR_BANK_ACCOUNT: BankAccountDto = {
	id: 3107,
	label: 'Operating account',
	scheme: 'IBAN',
	currencyCode: 'DKK',
	bankCountryCode: 'DK',
	accountHolderName: 'Nordlys Trading ApS',
	iban: 'DK5000400440116243',
	bic: 'NDEADKKK',
	accountNumber: null,
	localIdentifier: null,
	localIdentifierType: null,
	bankName: 'Nordic Example Bank',
	bankAddress: 'Bankgade 1',
	bankCity: 'Copenhagen',
	bankZipCode: '1000',
	bankState: null,
};
