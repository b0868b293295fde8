import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { nodeError } from '../../common/errors';
import {
	checkListPage,
	MALFORMED_PAGE_HELP,
	MAX_PAGES,
	notPaging,
	type ListSource,
} from '../../common/listPage';

/** Where a "From List" search is: the page to load, and the first record of the page before it. */
export function searchPosition(paginationToken: string | undefined): {
	page: number;
	previousFirst?: string;
} {
	const [page, previousFirst] = String(paginationToken ?? '1').split(':');
	return {
		page: Math.max(1, Math.floor(Number(page)) || 1),
		previousFirst: previousFirst || undefined,
	};
}

/**
 * One page of a "From List" search, checked (listPage.ts). The editor asks for the next page while
 * the user scrolls, so the token carries the first record of this page: a next page that starts
 * with it again means the API ignores `Page`, and the search says so instead of offering the same
 * records for ever. Malformed records cannot be picked and are left out.
 */
export function searchPage<T extends { id: string }>(
	context: ILoadOptionsFunctions,
	body: unknown,
	source: ListSource,
	paginationToken: string | undefined,
): { rows: T[]; paginationToken?: string } {
	const { page, previousFirst } = searchPosition(paginationToken);
	const checked = checkListPage<T>(body, source, page);
	if (typeof checked === 'string') throw nodeError(context, checked, MALFORMED_PAGE_HELP);
	const first = checked.rows[0]?.id;
	if (previousFirst !== undefined && first === previousFirst) {
		throw nodeError(context, notPaging(source, page), MALFORMED_PAGE_HELP);
	}
	const more = page < checked.totalPages && page < MAX_PAGES && checked.count > 0;
	return { rows: checked.rows, paginationToken: more ? `${page + 1}:${first ?? ''}` : undefined };
}
