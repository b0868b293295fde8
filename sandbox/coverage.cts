import { SANDBOX_CREDITOR } from './creditor.cjs';
import { routedPartner, type RoutedPartner } from './partners.cjs';
import { COUNTRY_NAMES, US_STATE_NAMES } from './reference-data.cjs';
import type { SandboxStore } from './store.cjs';

/**
 * Jurisdictions and what the creditor has signed for them: one jurisdiction per country, and per
 * state in the US (where partner coverage is per state). Ids are stable: countries count from 1
 * in code-list order, US states from 1001.
 */

export interface Jurisdiction {
	id: number;
	name: string;
	countryAlpha2: string;
	countryName: string;
	usStateAlpha2: string | null;
}

const US_STATE_JURISDICTION_BASE = 1000;

export const JURISDICTIONS: readonly Jurisdiction[] = [
	...[...COUNTRY_NAMES]
		.filter(([code]) => code !== 'US')
		.map(([code, name], index) => ({
			id: index + 1,
			name,
			countryAlpha2: code,
			countryName: name,
			usStateAlpha2: null,
		})),
	...[...US_STATE_NAMES].map(([code, name], index) => ({
		id: US_STATE_JURISDICTION_BASE + index + 1,
		name: `United States - ${name}`,
		countryAlpha2: 'US',
		countryName: 'United States',
		usStateAlpha2: code,
	})),
];

export function jurisdictionFor(
	countryAlpha2: string,
	usStateAlpha2: string | null,
): Jurisdiction | undefined {
	return JURISDICTIONS.find(
		(j) =>
			j.countryAlpha2 === countryAlpha2 &&
			(countryAlpha2 !== 'US' || j.usStateAlpha2 === usStateAlpha2),
	);
}

/** The sandbox's signing and terms pages; its creditor signs everything at once (`POST /__sandbox/contracts`). */
export function signingLinks(
	store: SandboxStore,
	baseUrl: string,
	document: string,
): { termsUrl: string | null; solutionUrl: string | null } {
	const query = new URLSearchParams({ creditorId: SANDBOX_CREDITOR.id, document });
	return store.contractsSigned
		? { termsUrl: `${baseUrl}/__sandbox/signing?${query.toString()}&view=terms`, solutionUrl: null }
		: { termsUrl: null, solutionUrl: `${baseUrl}/__sandbox/signing?${query.toString()}` };
}

/** Power of attorney status for one partner (PowerOfAttorneyStatusApiDTO). */
export function powerOfAttorneyStatus(
	store: SandboxStore,
	baseUrl: string,
	partner: RoutedPartner,
) {
	return {
		signed: store.contractsSigned,
		requiresResigning: false,
		invalidationReason: store.contractsSigned ? 'None' : null,
		...signingLinks(store, baseUrl, `poa-${partner.id}`),
	};
}

/** CoverageItemApiDTO. */
export function coverageItem(store: SandboxStore, baseUrl: string, jurisdiction: Jurisdiction) {
	const partner = routedPartner(jurisdiction.countryAlpha2);
	return {
		jurisdiction: jurisdiction.name,
		jurisdictionId: jurisdiction.id,
		country: jurisdiction.countryName,
		countryId: jurisdiction.countryAlpha2 === 'US' ? 0 : jurisdiction.id,
		countryAlpha2: jurisdiction.countryAlpha2,
		usStateAlpha2: jurisdiction.usStateAlpha2,
		partners:
			partner === null
				? []
				: [
						{
							partnerId: partner.id,
							partnerName: partner.name,
							conditions: 'All cases',
							...powerOfAttorneyStatus(store, baseUrl, partner),
						},
					],
	};
}
