import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { debituraBaseUrlFor, debituraRequest } from '../../common/transport';

interface CoverageItem {
	jurisdiction?: string | null;
	partners?: Array<{ partnerId?: string; partnerName?: string | null }> | null;
}

/**
 * "From List" for a collection partner. Debitura has no partner list of its own; the partners
 * come from its coverage (`GET /coverage`), each once, with the jurisdictions it covers, so the
 * filter also finds a partner by country ("Denmark"). The first three jurisdictions, alphabetically, go in the label.
 */
export async function searchCollectionPartners(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const coverage = await debituraRequest<CoverageItem[]>(
		this,
		{ method: 'GET', baseURL: await debituraBaseUrlFor(this), url: '/coverage' },
		{ action: 'list the collection partners' },
	);
	const partners = new Map<string, { name: string; jurisdictions: string[] }>();
	for (const item of Array.isArray(coverage) ? coverage : []) {
		for (const partner of item.partners ?? []) {
			if (!partner.partnerId) continue;
			const entry = partners.get(partner.partnerId) ?? {
				name: partner.partnerName ?? partner.partnerId,
				jurisdictions: [],
			};
			if (item.jurisdiction) entry.jurisdictions.push(item.jurisdiction);
			partners.set(partner.partnerId, entry);
		}
	}
	const needle = filter?.trim().toLowerCase();
	const results = [...partners]
		.filter(
			([, partner]) =>
				!needle ||
				[partner.name, ...partner.jurisdictions].some((value) =>
					value.toLowerCase().includes(needle),
				),
		)
		.map(([id, partner]) => {
			const shown = [...partner.jurisdictions].sort().slice(0, 3).join(', ');
			const more = partner.jurisdictions.length > 3 ? ` +${partner.jurisdictions.length - 3}` : '';
			return { name: shown ? `${partner.name} (${shown}${more})` : partner.name, value: id };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
