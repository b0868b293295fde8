import type { CaseRecord } from './records.cjs';
import { DAY_MS } from './time.cjs';

/** The sandbox's made-up base success fee; only the age uplift rules are documented. */
const BASE_SUCCESS_FEE_PERCENT = 15;

/**
 * Age uplift in percentage points from the optional age buckets: principal older than 12 months
 * adds 10 points, older than 24 months adds 20, weighted by share of the total. Null when the
 * case was not split into buckets.
 */
export function blendedAgeUpliftPoints(record: CaseRecord): number | null {
	const { over12Months, over24Months } = record.ageBuckets;
	if (over12Months === null || over24Months === null || record.grossAmount <= 0) return null;
	const points = ((over12Months - over24Months) * 10 + over24Months * 20) / record.grossAmount;
	return Math.round(points * 100) / 100;
}

/** Single-invoice cases take their uplift from the age of the due date instead. */
function dueDateUpliftPoints(record: CaseRecord): number {
	const ageDays = (record.dateCreated - record.dueDate) / DAY_MS;
	if (ageDays > 730) return 20;
	if (ageDays > 365) return 10;
	return 0;
}

/** Null until a partner is on the case: without one there is no pre-legal price. */
export function preLegalSuccessFee(record: CaseRecord): number | null {
	if (record.collectionPartner === null) return null;
	return BASE_SUCCESS_FEE_PERCENT + (blendedAgeUpliftPoints(record) ?? dueDateUpliftPoints(record));
}
