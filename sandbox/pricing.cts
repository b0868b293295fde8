import type { CaseRecord } from './records.cjs';
import { DAY_MS } from './time.cjs';

/** The sandbox's made-up base success fee; only the age uplift rules are documented. */
const BASE_SUCCESS_FEE_PERCENT = 15;

/** What the price depends on: the same for a stored case and for a preview of one (POST /cases/preview). */
export interface PricedClaim {
	grossAmount: number;
	ageBuckets: CaseRecord['ageBuckets'];
	/** Null when the claim has no due date (a preview without one). */
	dueDate: number | null;
	/** When the claim is priced: the case's creation, or now for a preview. */
	pricedAt: number;
}

/**
 * Age uplift in percentage points from the optional age buckets: principal older than 12 months
 * adds 10 points, older than 24 months adds 20, weighted by share of the total. Null when the
 * case was not split into buckets.
 */
export function blendedAgeUpliftPoints(
	claim: Pick<PricedClaim, 'grossAmount' | 'ageBuckets'>,
): number | null {
	const { over12Months, over24Months } = claim.ageBuckets;
	if (over12Months === null || over24Months === null || claim.grossAmount <= 0) return null;
	const points = ((over12Months - over24Months) * 10 + over24Months * 20) / claim.grossAmount;
	return Math.round(points * 100) / 100;
}

/** Single-invoice cases take their uplift from the age of the due date instead. */
function dueDateUpliftPoints(claim: PricedClaim): number {
	if (claim.dueDate === null) return 0;
	const ageDays = (claim.pricedAt - claim.dueDate) / DAY_MS;
	if (ageDays > 730) return 20;
	if (ageDays > 365) return 10;
	return 0;
}

/** The success fee's parts in percent: the base rate and the age surcharge. */
export function successFee(claim: PricedClaim): {
	base: number;
	ageSurcharge: number;
	total: number;
} {
	const ageSurcharge = blendedAgeUpliftPoints(claim) ?? dueDateUpliftPoints(claim);
	return {
		base: BASE_SUCCESS_FEE_PERCENT,
		ageSurcharge,
		total: BASE_SUCCESS_FEE_PERCENT + ageSurcharge,
	};
}

/** Null until a partner is on the case: without one there is no pre-legal price. */
export function preLegalSuccessFee(record: CaseRecord): number | null {
	if (record.collectionPartner === null) return null;
	return successFee({ ...record, pricedAt: record.dateCreated }).total;
}
