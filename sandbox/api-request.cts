import type { IncomingHttpHeaders } from 'node:http';

/** An API request after the body has been read; what route handlers work from. */
export interface ApiRequest {
	method: string;
	/** Without the query string, as sent (not case-folded). */
	path: string;
	query: Record<string, string[]>;
	/** Lower-cased names; repeated headers joined with ', '. */
	headers: Record<string, string>;
	rawBody: Buffer;
}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined)
			flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return flat;
}

export function parseQuery(searchParams: URLSearchParams): Record<string, string[]> {
	const query: Record<string, string[]> = {};
	for (const [name, value] of searchParams) (query[name] ??= []).push(value);
	return query;
}

/** ASP.NET binds query names case-insensitively, so `pagesize` finds `PageSize`. */
export function queryValues(request: ApiRequest, name: string): string[] {
	const wanted = name.toLowerCase();
	return Object.entries(request.query)
		.filter(([sentName]) => sentName.toLowerCase() === wanted)
		.flatMap(([, values]) => values);
}

export function firstQueryValue(request: ApiRequest, name: string): string | undefined {
	return queryValues(request, name)[0];
}

/** Array parameters arrive repeated (`Ids=a&Ids=b`) or comma-separated (`Ids=a,b`); take both. */
export function queryList(request: ApiRequest, name: string): string[] {
	return queryValues(request, name)
		.flatMap((value) => value.split(','))
		.map((value) => value.trim())
		.filter((value) => value !== '');
}

export function mediaType(request: ApiRequest): string {
	return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}
