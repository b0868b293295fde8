import type { IPollFunctions } from 'n8n-workflow';

import { debituraRequest } from '../common/transport';
import { parseDebituraTime } from '../common/timestamps';
import type { Case, CaseList } from '../common/types';
import { toFeedPage, type Feed } from '../common/polling/feed';

export type CaseEvent = 'created' | 'updated' | 'closed';

/** Debitura's largest page. */
const PAGE_SIZE = 100;

/** The `Sort` each event reads by: the newest creations, or the newest changes, first. */
const SORT_FOR: Record<CaseEvent, string> = {
	created: 'DateCreated:desc',
	updated: 'DateUpdated:desc',
	closed: 'DateUpdated:desc',
};

const isClosed = (item: Case) =>
	String(item.lifecycle ?? '')
		.trim()
		.toLowerCase() === 'closed';

/**
 * When the event happened, epoch ms; NaN when the case is no such event (yet).
 * - New Case: its creation.
 * - Case Updated: its last recorded change. `dateUpdated` is null on a case never changed, and a
 *   value at (or before) its creation is no change either: neither is an event.
 * - Case Closed: when it was closed (`dateFinished`; `dateUpdated` where Debitura left that empty),
 *   only while its lifecycle is Closed.
 */
export function eventTime(item: Case, event: CaseEvent): number {
	if (event === 'created') return parseDebituraTime(item.dateCreated);
	if (event === 'updated') {
		const updated = parseDebituraTime(item.dateUpdated);
		return updated > parseDebituraTime(item.dateCreated) ? updated : Number.NaN;
	}
	if (!isClosed(item)) return Number.NaN;
	const finished = parseDebituraTime(item.dateFinished);
	return Number.isFinite(finished) ? finished : parseDebituraTime(item.dateUpdated);
}

/**
 * `GET /cases`, sorted for the event, as a feed of New Case, Case Updated or Case Closed events.
 *
 * Keys: New Case is the case; Case Updated is the case at one change time, so two changes between
 * polls are one event (only the latest is visible) and a later change is another; Case Closed is
 * the case in its closed state, so it fires once however often the closed case changes afterwards.
 *
 * The `Sort` is asked for but not trusted: the engine reads whole lists until a full read shows the
 * rows in order by the sort date and not by the other date. A case with no `dateUpdated` has no sort time in an update-sorted list (where
 * Debitura puts nulls is undocumented) and is passed over by the order checks. Ordered reads stay
 * sound for Case Closed because closing is a change: the close time is never after `dateUpdated`.
 */
export function caseFeed(context: IPollFunctions, baseURL: string, event: CaseEvent): Feed<Case> {
	const source = { endpoint: 'GET /cases', root: 'cases' };
	return {
		source,
		async readPage(page) {
			const list = await debituraRequest<CaseList>(
				context,
				{
					method: 'GET',
					baseURL,
					url: '/cases',
					qs: { Page: page, PageSize: PAGE_SIZE, Sort: SORT_FOR[event] },
				},
				{ action: 'list cases' },
			);
			return toFeedPage<Case>(context, list, source, page, PAGE_SIZE);
		},
		rowId: (item) => item.id ?? '',
		time: (item) => eventTime(item, event),
		key: (item) =>
			event === 'created'
				? item.id
				: event === 'updated'
					? `${item.id}@${eventTime(item, event)}`
					: `${item.id}:closed`,
		sortTime: (item) =>
			parseDebituraTime(event === 'created' ? item.dateCreated : item.dateUpdated),
		// Should Debitura ignore the Sort, the list is in some other order: most likely by the other
		// date, which in a quiet account rises with this one, and then a case changed (or created)
		// just now would sit where an ordered read never looks.
		otherSortTime: (item) =>
			parseDebituraTime(event === 'created' ? item.dateUpdated : item.dateCreated),
		orderedReads: true,
	};
}
