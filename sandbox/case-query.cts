import { lifecycleFromText, lifecycleLabel, type LifecycleName } from './lifecycle.cjs';
import type { CaseRecord } from './records.cjs';
import type { SandboxStore } from './store.cjs';

/** Filtering and sorting for GET /cases. */

export interface CaseFilter {
	lifecycles: LifecycleName[];
	ids: string[];
	divisionIds: string[];
	debtorIds: string[];
}

export function filterCases(cases: CaseRecord[], filter: CaseFilter): CaseRecord[] {
	const ids = new Set(filter.ids.map((id) => id.toLowerCase()));
	const divisionIds = new Set(filter.divisionIds.map((id) => id.toLowerCase()));
	const debtorIds = new Set(filter.debtorIds.map((id) => id.toLowerCase()));
	// No filter: the list itself (a page of a long list is asked for often, and filtering allocates a copy).
	if (
		filter.lifecycles.length === 0 &&
		ids.size === 0 &&
		divisionIds.size === 0 &&
		debtorIds.size === 0
	)
		return cases;
	return cases.filter(
		(c) =>
			(filter.lifecycles.length === 0 || filter.lifecycles.includes(c.lifecycle)) &&
			(ids.size === 0 || ids.has(c.id)) &&
			(divisionIds.size === 0 ||
				(c.creditorDivisionId !== null && divisionIds.has(c.creditorDivisionId))) &&
			(debtorIds.size === 0 || debtorIds.has(c.debtorId)),
	);
}

/** Returns the names that are not lifecycles, so the caller can report them. */
export function parseLifecycles(values: string[]): {
	lifecycles: LifecycleName[];
	unknown: string[];
} {
	const lifecycles: LifecycleName[] = [];
	const unknown: string[] = [];
	for (const value of values) {
		const name = lifecycleFromText(value);
		if (name === undefined) unknown.push(value);
		else lifecycles.push(name);
	}
	return { lifecycles, unknown };
}

type SortValue = number | string | null;

const SORT_FIELDS: Record<string, (c: CaseRecord, store: SandboxStore) => SortValue> = {
	datecreated: (c) => c.dateCreated,
	dateupdated: (c) => c.dateUpdated,
	datefinished: (c) => c.dateFinished,
	datecollectionstarted: (c) => c.dateCollectionStarted,
	duedate: (c) => c.dueDate,
	date: (c) => c.date,
	grossamount: (c) => c.grossAmount,
	remainder: (c, store) => store.remainderOf(c),
	// The sandbox never adds fees, so these sort as equal and fall through to the next key.
	interestfees: () => 0,
	collectionfees: () => 0,
	reminderfees: () => 0,
	lifecycle: (c) => lifecycleLabel(c.lifecycle).toLowerCase(),
	closecode: (c) => (c.lifecycle === 'Closed' ? (c.closeCode?.toLowerCase() ?? null) : null),
};

interface SortKey {
	value: (c: CaseRecord, store: SandboxStore) => SortValue;
	descending: boolean;
}

/**
 * Parses `Field[:asc|desc],…`. Unknown fields are dropped silently, as the API documents; an
 * unrecognised direction counts as ascending.
 */
export function parseSort(sort: string | undefined): SortKey[] {
	if (sort === undefined) return [];
	return sort.split(',').flatMap((part) => {
		const [field, direction = 'asc'] = part.split(':').map((s) => s.trim().toLowerCase());
		if (!Object.prototype.hasOwnProperty.call(SORT_FIELDS, field)) return [];
		return [{ value: SORT_FIELDS[field], descending: direction === 'desc' }];
	});
}

/** After the requested keys: creation, the default order (oldest first), then insertion. */
const TIE_BREAKERS: SortKey[] = [
	{ value: (c) => c.dateCreated, descending: false },
	{ value: (c) => c.sequence, descending: false },
];

interface LastSort {
	keys: SortKey[];
	nullsHighest: boolean;
	cases: CaseRecord[];
	values: SortValue[];
	sorted: CaseRecord[];
}

/**
 * Each store's last sort. A client reading a long list asks for the same sort once per page, and
 * sorting 100 000 cases for each of 1 000 pages made a Case Trigger activation take more than a
 * minute. Records change in place all over the sandbox, so the last sort is reused only when the
 * same records come in, in the same order, with the same keys and every key value as it was: then
 * sorting again would give the same order. Checking that is a pass over the list, not a sort.
 */
const lastSorts = new WeakMap<SandboxStore, LastSort>();

/**
 * Sorts by the requested keys, then by creation (the default order: oldest first). Nulls sort
 * as the lowest value, SQL Server style: first when ascending, last when descending; with
 * `nullsHighest`, PostgreSQL style: last when ascending, first when descending.
 */
export function sortCases(
	cases: CaseRecord[],
	keys: SortKey[],
	store: SandboxStore,
	nullsHighest = false,
): CaseRecord[] {
	const allKeys = [...keys, ...TIE_BREAKERS];
	const last = lastSorts.get(store);
	if (
		last &&
		last.nullsHighest === nullsHighest &&
		sameKeys(last.keys, allKeys) &&
		unchanged(last, cases, store)
	)
		return [...last.sorted];
	const sorted = [...cases].sort((a, b) => {
		for (const key of allKeys) {
			const order =
				compareValues(key.value(a, store), key.value(b, store)) *
				(nullsHighest && (key.value(a, store) === null || key.value(b, store) === null) ? -1 : 1);
			if (order !== 0) return key.descending ? -order : order;
		}
		return 0;
	});
	const values: SortValue[] = [];
	for (const record of cases) for (const key of allKeys) values.push(key.value(record, store));
	lastSorts.set(store, {
		keys: allKeys,
		nullsHighest,
		cases: [...cases],
		values,
		sorted: [...sorted],
	});
	return sorted;
}

/** Whether `cases` are the records of the last sort, in the same order, each with the key values it had then. */
function unchanged(last: LastSort, cases: CaseRecord[], store: SandboxStore): boolean {
	if (last.cases.length !== cases.length) return false;
	const width = last.keys.length;
	for (let index = 0; index < cases.length; index++) {
		if (last.cases[index] !== cases[index]) return false;
		for (let key = 0; key < width; key++) {
			if (!Object.is(last.keys[key].value(cases[index], store), last.values[index * width + key]))
				return false;
		}
	}
	return true;
}

/** The same keys: the same value functions (parseSort hands out the table's own), the same directions. */
function sameKeys(a: SortKey[], b: SortKey[]): boolean {
	return (
		a.length === b.length &&
		a.every((key, index) => key.value === b[index].value && key.descending === b[index].descending)
	);
}

function compareValues(a: SortValue, b: SortValue): number {
	if (a === b) return 0;
	if (a === null) return -1;
	if (b === null) return 1;
	return a < b ? -1 : 1;
}
