import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ErrorBody } from './types';

/**
 * The errors the nodes share, each with the two halves n8n shows: a message (what happened) and a
 * description (what to do). Debitura's error answers, input refused before anything is sent, and
 * things Debitura does not have are worded here; an error only one operation can raise stays with
 * that operation.
 *
 * Debitura answers errors in four shapes — the `businessErrors[]` array, legacy
 * `error`/`message`, a bare field → messages map, and ASP.NET ProblemDetails — so all four are
 * read. The API key never appears here: bodies are Debitura's answers, and nothing from the
 * request is echoed.
 */

/**
 * What sending the same request again does, so a server error says only what is true of a retry:
 * `read` (changes nothing), `idempotent` (Create Case, Division Create: the idempotency key makes
 * Debitura answer a repeat with what the first request created), `skipsExisting` (Upload with "Skip
 * If Already on Case": a file the case holds is not sent again), `duplicates` (anything else that
 * writes: sent again, it may be carried out twice).
 */
export type RetryEffect = 'idempotent' | 'duplicates' | 'skipsExisting' | 'read';

export interface ErrorContext {
	/** What the node was doing, in words: "create the case", "upload the document". */
	action: string;
	/** How the case was identified, for 404s: `case ID "…"`, `creditor reference "…"`. Only ever in a description. */
	lookup?: string;
	/** A case found by an earlier look-up (Upload by reference): a 404 then does not mean the reference is unknown. */
	foundCase?: string;
	/** What a retry does; `read` unless said otherwise. */
	retry?: RetryEffect;
	/** Retry advice for a server error, where the operation's own words fit better than the `retry` effect's. */
	retryAdvice?: string;
	/** Debitura field path → the n8n parameter a user edits, so a 400 names what to fix. */
	fieldLabels?: Record<string, string>;
	/** How many times a 429 was already waited out before giving up. */
	rateLimitRetries?: number;
	/** How many times the node sent a write itself, checking in between, before giving up on a transient failure. */
	transientTries?: number;
}

interface DescribedError {
	message: string;
	description: string;
}

const SUPPORT =
	'If it keeps happening, contact Debitura support (contact@debitura.com) with the time of the request.';
const SUPPORT_LOWER =
	'contact Debitura support (contact@debitura.com) with the time of the request.';

const RETRY_ADVICE: Record<RetryEffect, string> = {
	idempotent:
		'Retrying is safe: the request carries an idempotency key, so Debitura answers a repeat with what the first request created instead of creating it again. Turn on "Retry On Fail" in the node settings, or run the workflow again.',
	skipsExisting:
		'No file was stored twice: before every new try the node looked at the case\'s files. "Skip If Already on Case" is on, so running the node again later skips the files that did go through and uploads only the missing ones.',
	duplicates:
		'Debitura may have carried out the request before the error, and this request carries no idempotency key, so sending it again can carry it out twice. Check in Debitura whether it took effect before sending it again.',
	read: 'Retrying is safe: reading changes nothing on Debitura. Turn on "Retry On Fail" in the node settings, or run the workflow again.',
};

/** The retry advice for a context: the operation's own words, else what its `retry` effect makes true. */
export function retryAdviceFor(context: ErrorContext): string {
	return context.retryAdvice ?? RETRY_ADVICE[context.retry ?? 'read'];
}

export function asErrorBody(body: unknown): ErrorBody {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as ErrorBody;
	if (typeof body === 'string' && body.trim().startsWith('{')) {
		try {
			return JSON.parse(body) as ErrorBody;
		} catch {
			return {};
		}
	}
	return {};
}

const LEGACY_OR_META_KEYS = new Set([
	'error',
	'message',
	'businessErrors',
	'signingHandoff',
	'retryAfter',
	'type',
	'title',
	'status',
	'detail',
	'instance',
	'traceId',
	'errors',
]);

/** Field-level validation problems, from a bare field map or a ValidationProblemDetails `errors`. */
function fieldProblems(body: ErrorBody): Array<{ field: string; messages: string[] }> {
	const source: Record<string, unknown> =
		body.errors && typeof body.errors === 'object' ? body.errors : body;
	return Object.entries(source)
		.filter(
			([key, value]) => !(source === body && LEGACY_OR_META_KEYS.has(key)) && Array.isArray(value),
		)
		.map(([field, value]) => ({ field, messages: (value as unknown[]).map(String) }));
}

function businessErrorLines(body: ErrorBody): string[] {
	return (body.businessErrors ?? [])
		.filter((error) => error?.message || error?.type)
		.map((error) => {
			const text = error.message ?? error.type ?? '';
			return error.solutionUrl ? `${text} Resolve it here: ${error.solutionUrl}` : text;
		});
}

/** The most specific human sentence in a body, whatever its shape. */
function bodyText(body: ErrorBody): string | undefined {
	const business = body.businessErrors?.find((error) => error?.message)?.message;
	return business ?? body.message ?? body.detail ?? body.title ?? body.error ?? undefined;
}

function labelFor(field: string, context: ErrorContext): string {
	const labels = context.fieldLabels ?? {};
	const exact = labels[field] ?? labels[field.toLowerCase()];
	if (exact) return `"${exact}"`;
	// ASP.NET sometimes reports PascalCase paths ("Debtor.CountryAlpha2") or a `$.` prefix.
	const normalised = field
		.replace(/^\$\./, '')
		.split('.')
		.map((part) => part.charAt(0).toLowerCase() + part.slice(1))
		.join('.');
	return labels[normalised] ? `"${labels[normalised]}"` : `"${field}"`;
}

export function describeApiError(
	status: number,
	rawBody: unknown,
	context: ErrorContext,
	headers?: Record<string, unknown>,
): DescribedError {
	return keepReadable(describeStatus(status, rawBody, context, headers), status, context);
}

function describeStatus(
	status: number,
	rawBody: unknown,
	context: ErrorContext,
	headers?: Record<string, unknown>,
): DescribedError {
	const body = asErrorBody(rawBody);
	const detail = bodyText(body);

	switch (true) {
		case status === 400: {
			const problems = fieldProblems(body);
			if (problems.length) {
				const list = problems.map(
					({ field, messages }) => `${labelFor(field, context)}: ${messages.join(' ')}`,
				);
				return {
					message: `Debitura could not ${context.action}: ${list.join('; ')}`,
					description: `Correct ${problems.length === 1 ? 'this field' : 'these fields'} in the node and run it again. Nothing was created.`,
				};
			}
			return {
				message: `Debitura could not ${context.action}: ${detail ?? 'the request was not valid'}`,
				description: 'Check the values sent for this item and run it again. Nothing was created.',
			};
		}
		case status === 401:
			return {
				message: 'Debitura rejected the API key',
				description:
					'Open the "Debitura API" credential and check the API key and environment. Keys are created in the Debitura app under Settings → API keys.',
			};
		case status === 403:
			return {
				message: `Debitura refused to ${context.action}: ${detail ?? 'access denied'}`,
				description:
					'The API key has no access to this resource. Check that the credential belongs to the right Debitura account.',
			};
		case status === 404:
			if (context.foundCase) {
				return {
					message: `Debitura found the case but answered "not found" when trying to ${context.action}`,
					description: `The look-up found ${context.foundCase}; the next request for it was answered 404${detail ? ` ("${detail}")` : ''}. The case may have been deleted in between (test cases can be), or the Base URL leads to a proxy that does not pass this request on. Run the node again; if it repeats, ${SUPPORT_LOWER}`,
				};
			}
			if (context.lookup) {
				return {
					message: 'Debitura has no case matching the "Case" parameter',
					description: `No case has ${context.lookup}. Check the identifier. Cases belong to one Debitura account: a key for another account cannot see them, and deleted test cases are gone.`,
				};
			}
			return {
				message: `Debitura answered "not found" (HTTP 404) when trying to ${context.action}`,
				description: `${detail ? `Debitura said: "${detail}". ` : ''}The address the request went to does not exist. Check the "Debitura API" credential's Base URL: it is the root of Debitura's Customer API (production: https://customer-api.debitura.com), without a path such as /api or /v1.`,
			};
		case status === 413:
			return {
				message: `The file is too large for Debitura: ${detail ?? 'the limit is 25 MB'}`,
				description:
					'Debitura accepts files up to 25 MB. Compress or split the document and upload the parts.',
			};
		case status === 415:
			return {
				message: `Debitura does not accept this file type: ${detail ?? 'unsupported type'}`,
				description: 'Upload PDF, XLS, XLSX, CSV, TXT, JPG, JPEG, PNG or GIF files.',
			};
		case status === 422: {
			const types = (body.businessErrors ?? []).map((error) => error?.type);
			if (types.includes('IdempotencyConflict')) {
				return {
					message: `Debitura could not ${context.action}: this idempotency key was already used for a different request`,
					description:
						'The same Idempotency Key was sent before with other case data. Leave "Idempotency Key" empty to derive one from the case data, or give each distinct case its own key.',
				};
			}
			const lines = businessErrorLines(body);
			const signing = body.signingHandoff?.combinedSigningUrl;
			const steps = [...lines];
			if (signing) steps.unshift(`Sign the missing documents in one go: ${signing}`);
			if (
				types.some(
					(type) => type === 'MissingDebtCollectionContract' || type === 'MissingPowerOfAttorney',
				)
			) {
				steps.push(
					'Or turn on Additional Fields → "Allow Pending Contracts": the case is then opened now and waits in "Pending contract signing" until the documents are signed.',
				);
			}
			return {
				message: `Debitura could not ${context.action}: ${lines.length ? (body.businessErrors ?? []).map((e) => e?.message ?? e?.type).join(' ') : (detail ?? 'a business rule was not met')}`,
				description: steps.length
					? steps.join('\n')
					: 'Resolve the issue in the Debitura app, then run the node again.',
			};
		}
		case status === 429: {
			// A wait longer than the node's own (a minute at most) is what the person must know.
			const waitMs = retryAfterMs(rawBody, headers);
			const longWait = waitMs !== undefined && waitMs > 60_000;
			const retried = context.rateLimitRetries
				? ` (waited and retried ${context.rateLimitRetries} times)`
				: '';
			return {
				message: `Debitura's rate limit was reached${retried}${longWait ? `; Debitura asks to wait ${describeWait(waitMs)}` : ''}`,
				description: `Debitura allows 2,000 requests a minute, 20,000 an hour and 100,000 a day per API key. ${
					longWait
						? 'A wait this long means an hourly or daily quota is used up, and the node waits at most a minute by itself: run the workflow again after that time.'
						: "Spread the work out with the node's Batching option, or run the workflow later."
				}`,
			};
		}
		case status >= 500:
			return {
				message: `Debitura had a server error while trying to ${context.action} (HTTP ${status})${detail ? `: ${detail}` : ''}`,
				description: `This is usually temporary${
					context.transientTries
						? `, but it lasted: the node tried ${context.transientTries} times, waiting in between`
						: ''
				}. ${retryAdviceFor(context)} ${SUPPORT}`,
			};
		case status >= 300 && status < 400:
			return describeRedirect(status, headers);
		default:
			return {
				message: `Debitura answered HTTP ${status} while trying to ${context.action}${detail ? `: ${detail}` : ''}`,
				description: SUPPORT,
			};
	}
}

/**
 * How long Debitura asks a client to wait after a 429: the body's `retryAfter` seconds, else the
 * `Retry-After` header (seconds or an HTTP date); undefined when neither says.
 */
export function retryAfterMs(
	body: unknown,
	headers: Record<string, unknown> | undefined,
	now = Date.now(),
): number | undefined {
	const fromBody = Number(asErrorBody(body).retryAfter);
	if (asErrorBody(body).retryAfter !== undefined && Number.isFinite(fromBody) && fromBody >= 0)
		return fromBody * 1000;
	const header = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (typeof header !== 'string' && typeof header !== 'number') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const at = Date.parse(text);
	return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** A wait in the unit a person reads it in: "45 seconds", "30 minutes", "2 hours". */
export function describeWait(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
	if (seconds < 120) return plural(seconds, 'second');
	if (seconds < 2 * 3600) return plural(Math.round(seconds / 60), 'minute');
	return plural(Math.round(seconds / 3600), 'hour');
}

/** A 3xx: the node never follows it, since n8n's HTTP client would carry the key along. */
function describeRedirect(status: number, headers?: Record<string, unknown>): DescribedError {
	const location = headers?.location ?? headers?.Location;
	return {
		message: `The Base URL answered with a redirect (HTTP ${status})${typeof location === 'string' && location ? ` to ${location}` : ''} instead of Debitura's API`,
		description:
			'Redirects are never followed: the API key would travel with the request. Set the "Debitura API" credential\'s Base URL to the API\'s own address (the one the redirect points to, if you trust it); production is https://customer-api.debitura.com.',
	};
}

/** A 2xx that is not JSON: a proxy's or captive portal's page, or another service. */
function describeNotDebitura(action: string, contentType: unknown): DescribedError {
	return {
		message: `The Base URL did not answer like Debitura's API while trying to ${action}`,
		description: `JSON was expected, but the answer was ${typeof contentType === 'string' && contentType ? `"${contentType.split(';')[0]}"` : 'something else'} — probably a web page from a proxy, a login portal or another service. Check the "Debitura API" credential's Base URL; production is https://customer-api.debitura.com.`,
	};
}

/**
 * n8n replaces any error message that contains a Node.js error code (ENOENT, EEXIST, EPERM …,
 * anywhere, in any case) with a sentence about files or connections. Text from Debitura or from
 * the user (a reference such as "PREEXISTING-42") could contain one, so such a message is
 * replaced by a plain one and the original moves to the description, which n8n leaves alone.
 */
const CODES_N8N_REWRITES = [
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'ETIMEDOUT',
	'ERRADDRINUSE',
	'EADDRNOTAVAIL',
	'ECONNABORTED',
	'EHOSTUNREACH',
	'EAI_AGAIN',
	'ENOENT',
	'EISDIR',
	'ENOTDIR',
	'EACCES',
	'EEXIST',
	'EPERM',
	'GETADDRINFO',
];

export function wouldBeRewritten(message: string): boolean {
	const upper = message.toUpperCase();
	return CODES_N8N_REWRITES.some((code) => upper.includes(code));
}

function keepReadable(
	described: DescribedError,
	status: number,
	context: ErrorContext,
): DescribedError {
	if (!wouldBeRewritten(described.message)) return described;
	return {
		message: `Debitura answered HTTP ${status} while trying to ${context.action}`,
		description: `${described.message}\n${described.description}`,
	};
}

/** The error a failed answer becomes: Debitura's body for the details, our words for the message. */
export function apiError(
	context: { getNode(): INode },
	response: IN8nHttpFullResponse,
	errorContext: ErrorContext,
	itemIndex?: number,
): NodeApiError {
	const { message, description } =
		response.statusCode < 300
			? describeNotDebitura(errorContext.action, response.headers?.['content-type'])
			: describeApiError(response.statusCode, response.body, errorContext, response.headers);
	const body =
		response.body && typeof response.body === 'object' ? (response.body as JsonObject) : {};
	return new NodeApiError(context.getNode(), body, {
		message,
		description,
		httpCode: String(response.statusCode),
		itemIndex,
	});
}

/**
 * postReceive, before the transport's error handling: one status an operation explains in its own
 * words. The message keeps Debitura's reason (worded by describeApiError); the description says
 * what the operation's rule is and what to do, where the generic wording would mislead (a 400 on a
 * delete did not "fail to create" anything; a 404 on a webhook ID is not a wrong Base URL).
 */
export function explainStatus(
	status: number,
	action: string,
	description: (this: IExecuteSingleFunctions) => string,
) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	) {
		if (response.statusCode !== status) return items;
		const { message } = describeApiError(status, response.body, { action });
		const body =
			response.body && typeof response.body === 'object' ? (response.body as JsonObject) : {};
		throw new NodeApiError(this.getNode(), body, {
			message: status === 404 ? `Debitura answered "not found" when trying to ${action}` : message,
			description: description.call(this),
			httpCode: String(status),
			itemIndex: this.getItemIndex(),
		});
	};
}

/**
 * An error the node raises about one item, where no more specific builder here fits: the message
 * names the item (`[item N]`) and the description says what to do. `context` is any n8n context
 * (an operation's, a custom operation looping over items, a trigger's).
 */
export function itemError(
	context: { getNode(): INode },
	itemIndex: number,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

/** Whatever a step of one item threw (a network failure, a broken stream), as n8n's error for that item. */
export function itemFailure(
	context: { getNode(): INode },
	itemIndex: number,
	error: unknown,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		error instanceof Error ? error : new Error(String(error)),
		{ itemIndex },
	);
}

/** An error about the node as a whole, where there is no item to name (a trigger, a list search, the credential). */
export function nodeError(
	context: { getNode(): INode },
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description });
}

/**
 * An answer the node words as an error itself (Debitura's, or its storage's), keeping the answer's
 * HTTP status; the message is used as given, like the messages `apiError` words.
 */
export function answerError(
	context: { getNode(): INode },
	answer: { message: string; description: string; httpCode: string; itemIndex?: number },
	body: JsonObject = {},
): NodeApiError {
	return new NodeApiError(context.getNode(), body, answer);
}

/**
 * Debitura's 404 for a path that names one thing (a division, a payment, a quote in a case): that
 * thing does not exist, and the error names the parameter rather than suspect the Base URL.
 */
export function notFoundError(
	context: IExecuteSingleFunctions,
	noun: string,
	label: string,
	description: string,
): NodeApiError {
	return answerError(context, {
		message: `Debitura has no ${noun} matching the "${label}" parameter`,
		description,
		httpCode: '404',
		itemIndex: context.getItemIndex(),
	});
}

/**
 * postReceive before the transport's: a 404 from `/divisions/{id}`, `/coverage/{id}`, `/Payments/{id}`
 * names the ID (the transport's generic 404 would blame the Base URL). `whyMissing` replaces the
 * usual advice where a resource has its own ways of going missing.
 */
export function explainNotFound(
	noun: string,
	label: string,
	idOf: (context: IExecuteSingleFunctions) => string,
	whyMissing = ' in this Debitura account. Pick one from the list, or take the ID from the Get Many operation.',
) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	) {
		if (response.statusCode !== 404) return items;
		throw notFoundError(this, noun, label, `No ${noun} has ID "${idOf(this)}"${whyMissing}`);
	};
}

/**
 * A value the node refuses, naming the field by its label in the node; the caller (or
 * `refusedInput`) adds the item.
 */
export class InvalidValue extends Error {}

/** What to do about a refused value, unless an operation knows better. */
const FIX_THE_VALUE =
	"Fix the value (in the node, in the field its expression reads, or in the AI tool's argument) and run it again.";

/**
 * The error to throw for what a check of the user's input refused. A refused value (an
 * `InvalidValue`, which names the field) becomes n8n's error for this item, with `[item N]` and
 * how to fix it; anything else is reported as it is. Nothing has been sent to Debitura yet, and
 * the error says so.
 */
export function refusedInput(
	context: IExecuteSingleFunctions,
	error: unknown,
	howToFix = FIX_THE_VALUE,
): NodeOperationError {
	return refusedInputOf(context.getNode(), context.getItemIndex(), error, howToFix);
}

/** A check of this item's input that failed here, in the node: the same error as a refused value. */
export function refuseItem(
	context: IExecuteSingleFunctions,
	message: string,
	howToFix: string,
): NodeOperationError {
	return refusedInput(context, new InvalidValue(message), howToFix);
}

/** An ID parameter whose value is no ID: `"Label" is not a valid ID: "<value>"`, quoting at most 60 characters. */
export function invalidId(
	context: IExecuteSingleFunctions,
	label: string,
	value: string,
	howToFix: string,
	noun = '',
): NodeOperationError {
	return refuseItem(
		context,
		`"${label}" is not a valid ${noun ? `${noun} ` : ''}ID: "${value.slice(0, 60)}"`,
		howToFix,
	);
}

/** `refusedInput` for code that handles all items itself (a custom operation), and so names the item. */
export function refusedInputOf(
	node: INode,
	itemIndex: number,
	error: unknown,
	howToFix = FIX_THE_VALUE,
): NodeOperationError {
	if (!(error instanceof InvalidValue))
		return new NodeOperationError(node, error as Error, { itemIndex });
	return new NodeOperationError(node, `${error.message} [item ${itemIndex}]`, {
		itemIndex,
		description: `${howToFix} Nothing was sent to Debitura.`,
	});
}

/** Anything a request can throw, as the error n8n shows for that item. */
export function asItemError(
	context: { getNode(): INode },
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const { message, description } = error as Error & { description?: string };
	return new NodeApiError(context.getNode(), error as JsonObject, {
		itemIndex,
		message,
		description: description ?? undefined,
	});
}
