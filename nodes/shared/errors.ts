import type { ErrorBody } from './types';

/**
 * Turns a failed Debitura response into a message (what happened) and a description (what to do),
 * the two halves n8n shows for a node error. Debitura answers errors in four shapes — the
 * `businessErrors[]` array, legacy `error`/`message`, a bare field → messages map, and ASP.NET
 * ProblemDetails — so all four are read. The API key never appears here: bodies are Debitura's
 * answers, and nothing from the request is echoed.
 */

export interface ErrorContext {
	/** What the node was doing, in words: "create the case", "upload the document". */
	action: string;
	/** How the case was identified, for 404s: `case ID "…"`, `creditor reference "…"`. */
	lookup?: string;
	/** Debitura field path → the n8n parameter a user edits, so a 400 names what to fix. */
	fieldLabels?: Record<string, string>;
	/** How many times a 429 was already waited out before giving up. */
	rateLimitRetries?: number;
}

export interface DescribedError {
	message: string;
	description: string;
}

const SUPPORT = 'If it keeps happening, contact Debitura support (contact@debitura.com) with the time of the request.';

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
export function fieldProblems(body: ErrorBody): Array<{ field: string; messages: string[] }> {
	const source: Record<string, unknown> =
		body.errors && typeof body.errors === 'object' ? body.errors : body;
	return Object.entries(source)
		.filter(([key, value]) => !(source === body && LEGACY_OR_META_KEYS.has(key)) && Array.isArray(value))
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
	const normalised = field.replace(/^\$\./, '').split('.').map((part) => part.charAt(0).toLowerCase() + part.slice(1)).join('.');
	return labels[normalised] ? `"${labels[normalised]}"` : `"${field}"`;
}

export function describeApiError(status: number, rawBody: unknown, context: ErrorContext): DescribedError {
	const body = asErrorBody(rawBody);
	const detail = bodyText(body);

	switch (true) {
		case status === 400: {
			const problems = fieldProblems(body);
			if (problems.length) {
				const list = problems.map(({ field, messages }) => `${labelFor(field, context)}: ${messages.join(' ')}`);
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
				description: 'The API key has no access to this resource. Check that the credential belongs to the right Debitura account.',
			};
		case status === 404:
			return {
				message: context.lookup
					? `Debitura has no case with ${context.lookup}`
					: `Debitura could not ${context.action}: ${detail ?? 'not found'}`,
				description:
					'Check the case identifier. Cases belong to one Debitura account: a key for another account cannot see them, and deleted test cases are gone.',
			};
		case status === 413:
			return {
				message: `The file is too large for Debitura: ${detail ?? 'the limit is 25 MB'}`,
				description: 'Debitura accepts files up to 25 MB. Compress or split the document and upload the parts.',
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
			return {
				message: `Debitura could not ${context.action}: ${lines.length ? (body.businessErrors ?? []).map((e) => e?.message ?? e?.type).join(' ') : detail ?? 'a business rule was not met'}`,
				description: steps.length ? steps.join('\n') : 'Resolve the issue in the Debitura app, then run the node again.',
			};
		}
		case status === 429:
			return {
				message: `Debitura's rate limit was reached${context.rateLimitRetries ? ` (waited and retried ${context.rateLimitRetries} times)` : ''}`,
				description:
					'Debitura allows 2,000 requests a minute, 20,000 an hour and 100,000 a day per API key. Spread the work out with the node\'s Batching option, or run the workflow later.',
			};
		case status >= 500:
			return {
				message: `Debitura had a server error while trying to ${context.action} (HTTP ${status})${detail ? `: ${detail}` : ''}`,
				description: `This is usually temporary. Turn on "Retry On Fail" in the node settings to retry automatically; creating a case is safe to retry because every create carries an idempotency key. ${SUPPORT}`,
			};
		default:
			return {
				message: `Debitura answered HTTP ${status} while trying to ${context.action}${detail ? `: ${detail}` : ''}`,
				description: SUPPORT,
			};
	}
}

/** How long Debitura asks a client to wait after a 429: the body's `retryAfter` seconds, else the header, else a default. */
export function retryAfterMs(body: unknown, headers: Record<string, unknown> | undefined, fallbackMs: number): number {
	const fromBody = Number(asErrorBody(body).retryAfter);
	if (Number.isFinite(fromBody) && fromBody >= 0) return fromBody * 1000;
	const header = headers?.['retry-after'] ?? headers?.['Retry-After'];
	const fromHeader = Number(header);
	if (Number.isFinite(fromHeader) && fromHeader >= 0) return fromHeader * 1000;
	return fallbackMs;
}
