import type { IPollFunctions } from 'n8n-workflow';

import { debituraRequest } from '../shared/transport';
import { parseDebituraTime } from '../shared/timestamps';
import type { Payment, PaymentList } from '../shared/types';
import { detectOrder, type CursorState, type ResultOrder } from './cursor';

/**
 * Reading `GET /Payments` as cheaply as its (undocumented) order allows, at the largest page size
 * the API serves:
 *
 * - newest-first: from page 1 until a page reaches the floor; everything after it is older.
 * - oldest-first: from the page where the last poll found the tail (stepping back while that page
 *   already starts after the floor), then to the end.
 * - otherwise: every page, continuing next poll where the poll budget cut a read short.
 *
 * An ordered read that meets a row out of order starts over as a full scan in the same poll.
 * Every row read is offered to the caller's `keep`; only the rows it keeps are held in memory; a row seen twice because pages
 * shifted under a running read is kept once.
 */

export const PAGE_SIZE = 100;

export interface ScanResult {
	/** The kept payments, unique by id. */
	kept: Payment[];
	/** Whether everything the cursor needs was read (a full cycle, or an ordered read down to the floor). */
	complete: boolean;
	mode: 'ordered' | 'full';
	/** A full scan from page 1 that finished in one poll: the order it showed. */
	observedOrder?: ResultOrder;
	/** A full scan cut short by the budget: where to continue. */
	resumePage?: number;
	/** Oldest-first: the last page read that starts at or before the floor. */
	tailPage?: number;
}

export interface Reader {
	page(page: number): Promise<{ payments: Payment[]; last: boolean }>;
	outOfBudget(): boolean;
	requests: number;
}

export function createReader(context: IPollFunctions, baseURL: string, startedAt: number): Reader {
	// Newer n8n abandons a poll that runs past its budget; stop paging with room to spare. Older
	// versions have no budget, and a poll there may take as long as it needs.
	const budgetMs =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() * 0.8 : Number.POSITIVE_INFINITY;
	const reader: Reader = {
		requests: 0,
		outOfBudget: () => Date.now() - startedAt > budgetMs,
		async page(page: number) {
			reader.requests++;
			const list = await debituraRequest<PaymentList>(
				context,
				{ method: 'GET', baseURL, url: '/Payments', qs: { Page: page, PageSize: PAGE_SIZE } },
				{ action: 'list payments' },
			);
			const payments = list.payments ?? [];
			return { payments, last: payments.length < PAGE_SIZE || page >= (list.page?.totalPages ?? page) };
		},
	};
	return reader;
}

const created = (payment: Payment) => parseDebituraTime(payment.dateCreated);

class Collector {
	private readonly byId = new Map<string, Payment>();

	constructor(private readonly keep: (payment: Payment) => boolean) {}

	add(payments: Payment[]) {
		for (const payment of payments) {
			if (payment?.id && !this.byId.has(payment.id) && this.keep(payment)) this.byId.set(payment.id, payment);
		}
	}

	result(fields: Omit<ScanResult, 'kept'>): ScanResult {
		return { kept: [...this.byId.values()], ...fields };
	}
}

/** Whether `times` keep to `order` (ties allowed), continuing from `previous`. */
function keepsOrder(times: number[], order: 'newest-first' | 'oldest-first', previous: number | undefined): boolean {
	let last = previous;
	for (const time of times) {
		if (last !== undefined && (order === 'newest-first' ? time > last : time < last)) return false;
		last = time;
	}
	return true;
}

export async function fullScan(reader: Reader, keep: (payment: Payment) => boolean, startPage = 1): Promise<ScanResult> {
	const collector = new Collector(keep);
	const times: number[] = [];
	for (let page = startPage; ; page++) {
		const result = await reader.page(page);
		collector.add(result.payments);
		if (startPage === 1) times.push(...result.payments.map(created));
		if (result.last) {
			return collector.result({
				complete: true,
				mode: 'full',
				observedOrder: startPage === 1 ? detectOrder(times) : undefined,
			});
		}
		if (reader.outOfBudget()) return collector.result({ complete: false, mode: 'full', resumePage: page + 1 });
	}
}

async function newestFirstScan(reader: Reader, keep: (p: Payment) => boolean, floor: number): Promise<ScanResult | undefined> {
	const collector = new Collector(keep);
	let previous: number | undefined;
	for (let page = 1; ; page++) {
		const result = await reader.page(page);
		const times = result.payments.map(created);
		if (!keepsOrder(times, 'newest-first', previous)) return undefined;
		collector.add(result.payments);
		previous = times[times.length - 1] ?? previous;
		if (result.last || times.some((time) => time <= floor)) return collector.result({ complete: true, mode: 'ordered' });
		if (reader.outOfBudget()) return collector.result({ complete: false, mode: 'ordered' });
	}
}

async function oldestFirstScan(
	reader: Reader,
	keep: (p: Payment) => boolean,
	floor: number,
	tailPage: number,
): Promise<ScanResult | undefined> {
	const collector = new Collector(keep);
	// Pages read once per poll, even when stepping back passes over them again.
	const pages = new Map<number, Awaited<ReturnType<Reader['page']>>>();
	const read = async (page: number) => {
		if (!pages.has(page)) pages.set(page, await reader.page(page));
		return pages.get(page) as Awaited<ReturnType<Reader['page']>>;
	};
	// Start at a page that begins at or before the floor: every page before it is older still.
	// Deleted payments can shift the tail to earlier pages, so step back until that holds.
	let page = Math.max(1, tailPage);
	let step = 1;
	let result = await read(page);
	while (page > 1 && (result.payments.length === 0 || created(result.payments[0]) > floor)) {
		page = Math.max(1, page - step);
		step *= 2;
		result = await read(page);
	}
	let previous: number | undefined;
	let newTail = page;
	for (;;) {
		const times = result.payments.map(created);
		if (!keepsOrder(times, 'oldest-first', previous)) return undefined;
		collector.add(result.payments);
		previous = times[times.length - 1] ?? previous;
		if (times.length && times[0] <= floor) newTail = page;
		if (result.last) return collector.result({ complete: true, mode: 'ordered', tailPage: newTail });
		if (reader.outOfBudget()) return collector.result({ complete: false, mode: 'ordered', tailPage: newTail });
		page++;
		result = await read(page);
	}
}

/**
 * Reads what this poll needs. `forceFullScan`: Payment Updated events can hide anywhere in the
 * list, and a daily full scan re-checks the order that ordered reads rely on.
 */
export async function scanPayments(
	reader: Reader,
	state: CursorState,
	keep: (payment: Payment) => boolean,
	forceFullScan: boolean,
): Promise<ScanResult> {
	if (!forceFullScan && !state.resumePage && (state.order === 'newest-first' || state.order === 'oldest-first')) {
		const ordered =
			state.order === 'newest-first'
				? await newestFirstScan(reader, keep, state.floor)
				: await oldestFirstScan(reader, keep, state.floor, state.tailPage ?? 1);
		// A read that broke the order it assumed proves nothing about what it skipped: read everything.
		return ordered ?? (await fullScan(reader, keep, 1));
	}
	return await fullScan(reader, keep, state.resumePage ?? 1);
}
