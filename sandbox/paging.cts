import { firstQueryValue, type ApiRequest } from './api-request.cjs';
import type { ApiResponse } from './api-response.cjs';
import { badRequest } from './errors.cjs';
import type { PageData } from './types.cjs';

export interface Paging {
	page: number;
	pageSize: number;
}

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/**
 * Page (1-based, default 1) and PageSize (1..100, default 10 unless the endpoint says otherwise). Out-of-range values are a 400
 * rather than being clamped: a client that asks for 500 should find out it gets at most 100.
 */
export function parsePaging(
	request: ApiRequest,
	defaultPageSize = DEFAULT_PAGE_SIZE,
): Paging | ApiResponse {
	const page = parsePositiveInteger(firstQueryValue(request, 'Page'), 1);
	if (page === undefined)
		return badRequest('Page must be a whole number of 1 or more.', 'InvalidPagination');
	const pageSize = parsePositiveInteger(firstQueryValue(request, 'PageSize'), defaultPageSize);
	if (pageSize === undefined || pageSize > MAX_PAGE_SIZE) {
		return badRequest(
			`PageSize must be a whole number between 1 and ${MAX_PAGE_SIZE}.`,
			'InvalidPagination',
		);
	}
	return { page, pageSize };
}

export function isPaging(value: Paging | ApiResponse): value is Paging {
	return 'pageSize' in value;
}

function parsePositiveInteger(raw: string | undefined, fallback: number): number | undefined {
	if (raw === undefined || raw.trim() === '') return fallback;
	if (!/^\d+$/.test(raw.trim())) return undefined;
	const value = Number(raw.trim());
	return value >= 1 && value <= 2_147_483_647 ? value : undefined;
}

/** A page past the end is an empty page, not an error. */
export function slicePage<T>(items: T[], paging: Paging): { page: PageData; items: T[] } {
	const start = (paging.page - 1) * paging.pageSize;
	const pageItems = items.slice(start, start + paging.pageSize);
	return {
		page: {
			totalResults: items.length,
			pageSize: paging.pageSize,
			currentPage: paging.page,
			responseCount: pageItems.length,
			totalPages: Math.ceil(items.length / paging.pageSize),
		},
		items: pageItems,
	};
}
