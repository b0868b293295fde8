/**
 * Checks on Debitura's paged list answers (`{ page: PageData, <root>: [...] }`), shared by every
 * list read: Get Many, the "From List" searches and the polling triggers' scans. A list read must
 * end, and must not mistake a malformed answer for an empty one:
 *
 * - a page whose records were all on earlier pages of the same read means the API ignores `Page`
 *   (it would serve page 1 forever): the read stops;
 * - a read may go past the page count its first page reported only so far (a list grows while it
 *   is read, but not twice over), and never past `MAX_PAGES`;
 * - a page without a list of records, without its paging information, or with a record that is
 *   not an object with a text `id` is named: endpoint, page and field.
 *
 * The functions here return sentences; each caller throws or logs them with its own context (an
 * action's `[item N]`, a trigger's log).
 */

/** Where a list comes from: `GET /Payments` and the answer's field that holds the records. */
export interface ListSource {
	endpoint: string;
	root: string;
}

/** No Debitura account needs more: two million records at 100 a page. */
export const MAX_PAGES = 20_000;

/** What a description says about an answer that is not a list page. */
export const MALFORMED_PAGE_HELP =
	'The answer did not have the shape of a Debitura list page, so it was not used. Run it again; if it repeats, contact Debitura support (contact@debitura.com) with the endpoint and page named here.';

interface RowProblem {
	/** 0-based position on the page. */
	index: number;
	message: string;
}

interface CheckedPage<T> {
	/** The records that are objects with a text `id`. */
	rows: T[];
	/** Records on the page, malformed ones included: what decides whether the page was full. */
	count: number;
	totalPages: number;
	totalResults?: number;
	/** The records left out of `rows`, with why. */
	problems: RowProblem[];
}

function kindOf(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return typeof value === 'number'
		? 'a number'
		: typeof value === 'string'
			? 'a string'
			: `a ${typeof value}`;
}

function preview(value: unknown): string {
	if (value === undefined) return 'missing';
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One page of a list answer, checked. Returns a sentence when the page as a whole is malformed; a
 * malformed record is left out of `rows` and described in `problems`. A missing or null list is an
 * empty one (the API marks its lists nullable).
 */
export function checkListPage<T>(
	body: unknown,
	source: ListSource,
	page: number,
): CheckedPage<T> | string {
	const where = `${source.endpoint} answered page ${page}`;
	if (!isObject(body)) return `${where} with ${kindOf(body)}, not a list page`;
	const list = body[source.root] ?? [];
	if (!Array.isArray(list))
		return `${where} without a list of records: "${source.root}" is ${kindOf(list)}`;
	const paging = body.page;
	const totalPages = isObject(paging) ? paging.totalPages : undefined;
	if (typeof totalPages !== 'number' || !Number.isFinite(totalPages) || totalPages < 0) {
		return `${where} without its paging information: "page.totalPages" is missing`;
	}
	const totalResults =
		isObject(paging) && typeof paging.totalResults === 'number' ? paging.totalResults : undefined;
	const rows: T[] = [];
	const problems: RowProblem[] = [];
	list.forEach((record: unknown, index) => {
		if (!isObject(record)) {
			problems.push({
				index,
				message: `${where} with a record that is not an object (record ${index + 1}: ${preview(record)})`,
			});
		} else if (typeof record.id !== 'string' || record.id === '') {
			problems.push({
				index,
				message: `${where} with a record whose "id" is not a text ID (record ${index + 1}: ${preview(record.id)})`,
			});
		} else {
			rows.push(record as T);
		}
	});
	return { rows, count: list.length, totalPages, totalResults, problems };
}

/** The sentence for a page that repeats earlier records. */
export function notPaging(source: ListSource, page: number): string {
	return `${source.endpoint} answered page ${page} with the same records as before: the API is not paging`;
}

/**
 * One read of a list, page after page: says when it must stop. `before` is asked before a page is
 * requested, `after` once it arrived; each returns a sentence when the read must stop.
 */
export class ListRead {
	private readonly seen = new Set<string>();

	private cap: number | undefined;

	private pages = 0;

	constructor(readonly source: ListSource) {}

	before(page: number): string | undefined {
		const cap = this.cap ?? MAX_PAGES;
		if (page > cap)
			return `${this.source.endpoint} kept reporting more pages: the node stopped after page ${page - 1}`;
		return undefined;
	}

	after(page: number, ids: string[], totalPages: number): string | undefined {
		// The first page of the read sets the cap: a list may grow while it is read, not double.
		this.cap ??= Math.min(MAX_PAGES, Math.max(totalPages, page) * 2 + 10);
		this.pages++;
		if (this.pages > 1 && ids.length > 0 && ids.every((id) => this.seen.has(id)))
			return notPaging(this.source, page);
		for (const id of ids) this.seen.add(id);
		return undefined;
	}
}
