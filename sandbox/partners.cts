import type { CollectionPartnerDto } from './types.cjs';

interface CollectionPartner extends CollectionPartnerDto {
	id: string;
	/** Debtor countries this partner is assigned to; empty = the cross-border fallback. */
	countries: readonly string[];
}

/** Fictional partners, one per common market plus a fallback for everything else. */
const PARTNERS: readonly CollectionPartner[] = [
	partner('c1a0f3d2-1111-4a8b-9c01-000000000001', 'Inkasso Nord A/S', 'dk', '+45 70 20 30 40', [
		'DK',
		'FO',
		'GL',
	]),
	partner(
		'c1a0f3d2-2222-4a8b-9c01-000000000002',
		'Rheinland Forderungsmanagement GmbH',
		'de',
		'+49 221 555 0100',
		['DE', 'AT', 'CH'],
	),
	partner(
		'c1a0f3d2-3333-4a8b-9c01-000000000003',
		'Liberty Recovery Partners LLC',
		'us',
		'+1 212 555 0142',
		['US'],
	),
	partner(
		'c1a0f3d2-4444-4a8b-9c01-000000000004',
		'Thames Credit Recovery Ltd',
		'uk',
		'+44 20 7946 0321',
		['GB', 'IE'],
	),
	partner(
		'c1a0f3d2-5555-4a8b-9c01-000000000005',
		'Skandia Indrivning AB',
		'se',
		'+46 8 555 123 00',
		['SE', 'NO', 'FI'],
	),
	partner(
		'c1a0f3d2-6666-4a8b-9c01-000000000006',
		'Crossborder Collect B.V.',
		'nl',
		'+31 20 555 7788',
		[],
	),
];

/**
 * Debtor countries no partner covers. The real list is unknown; these two are chosen because
 * sanctions make them implausible for any partner, so tests can rely on them.
 */
export const COUNTRIES_WITHOUT_PARTNER: ReadonlySet<string> = new Set(['KP', 'IR']);

function partner(
	id: string,
	name: string,
	tld: string,
	phone: string,
	countries: string[],
): CollectionPartner {
	const slug = name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return {
		id,
		name,
		officeEmail: `cases@${slug}.example`,
		officePhone: phone,
		publicSite: `https://www.${slug}.example/${tld}`,
		surveyCadenceMode: 0,
		countries,
	};
}

export function hasPartnerFor(countryAlpha2: string): boolean {
	return !COUNTRIES_WITHOUT_PARTNER.has(countryAlpha2);
}

/** A partner as coverage and previews name it: its id, name and home country (the fallback sits in NL). */
export interface RoutedPartner {
	id: string;
	name: string;
	country: string;
}

/**
 * The partner a case is routed to: a forced `collectionPartnerId` wins when it names a known
 * partner (an unknown id falls back to normal routing), otherwise the country's partner.
 */
export function routedPartner(
	countryAlpha2: string,
	forcedPartnerId: string | null = null,
): RoutedPartner | null {
	if (!hasPartnerFor(countryAlpha2)) return null;
	const forced =
		forcedPartnerId === null
			? undefined
			: PARTNERS.find((p) => p.id === forcedPartnerId.toLowerCase());
	const chosen =
		forced ??
		PARTNERS.find((p) => p.countries.includes(countryAlpha2)) ??
		PARTNERS.find((p) => p.countries.length === 0)!;
	return { id: chosen.id, name: chosen.name!, country: chosen.countries[0] ?? 'NL' };
}

export function partnerFor(
	countryAlpha2: string,
	forcedPartnerId: string | null,
): CollectionPartnerDto | null {
	const routed = routedPartner(countryAlpha2, forcedPartnerId);
	const chosen = routed && PARTNERS.find((p) => p.id === routed.id)!;
	if (!chosen) return null;
	const { name, officeEmail, officePhone, publicSite, surveyCadenceMode } = chosen;
	return { name, officeEmail, officePhone, publicSite, surveyCadenceMode };
}
