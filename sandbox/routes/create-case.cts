import type { ApiRequest } from '../api-request.cjs';
import type { ApiResponse } from '../api-response.cjs';
import { checkBusinessRules, createCaseRecord } from '../case-creation.cjs';
import { invoiceDto } from '../dto.cjs';
import { businessErrorResponse, fieldErrorResponse, problemDetails } from '../errors.cjs';
import { canonicalJson, MAX_IDEMPOTENCY_KEY_LENGTH } from '../idempotency.cjs';
import { parseJsonBody } from '../json-body.cjs';
import { isPlainObject, validateCreateCase } from '../validation.cjs';
import type { Route, RouteContext } from './route.cjs';

/**
 * POST /cases. Order matters: a too-long key and malformed JSON fail first; then a known key
 * replays or conflicts before any validation (its stored answer is final); field errors (400)
 * are never remembered so the caller can fix the body and retry with the same key; business
 * errors (422) and successes (200) are remembered.
 */
function createCase(request: ApiRequest, context: RouteContext): ApiResponse {
	const idempotencyKey = request.headers['idempotency-key'];
	if (idempotencyKey !== undefined && idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
		return fieldErrorResponse({
			'Idempotency-Key': [
				`Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
			],
		});
	}
	const parsed = parseJsonBody(request);
	if (!parsed.ok) return parsed.response;
	const body = parsed.value;
	if (!isPlainObject(body)) {
		return problemDetails(400, 'One or more validation errors occurred.', {
			$: ['The request body must be a JSON object.'],
		});
	}

	const usesKey = idempotencyKey !== undefined && idempotencyKey !== '';
	if (usesKey) {
		const previous = context.idempotency.find(context.apiKey, idempotencyKey);
		if (previous) {
			if (previous.bodyFingerprint === canonicalJson(body)) {
				return {
					status: previous.answer.status,
					bytes: previous.answer.bodyBytes,
					contentType: 'application/json; charset=utf-8',
				};
			}
			return businessErrorResponse(
				[
					{
						type: 'IdempotencyConflict',
						message: 'This Idempotency-Key was already used with a different request body.',
						solutionUrl: null,
					},
				],
				null,
			);
		}
	}

	const validation = validateCreateCase(body, context.now());
	if (!validation.ok) return fieldErrorResponse(validation.errors);

	const rules = checkBusinessRules(context.store, validation.value, context.baseUrl);
	const answer =
		rules.errors.length > 0
			? businessErrorResponse(rules.errors, rules.combinedSigningUrl)
			: {
					status: 200,
					json: invoiceDto(
						context.store,
						createCaseRecord(context.store, validation.value, context.baseUrl, context.now()),
						'zulu',
					),
				};

	if (!usesKey) return answer;
	// Stored as bytes so a replay is the very same body, not a re-serialisation.
	const bodyBytes = Buffer.from(JSON.stringify(answer.json));
	context.idempotency.remember(context.apiKey, idempotencyKey, body, {
		status: answer.status,
		bodyBytes,
	});
	return {
		status: answer.status,
		bytes: bodyBytes,
		contentType: 'application/json; charset=utf-8',
	};
}

export const createCaseRoutes: Route[] = [
	{
		method: 'POST',
		path: '/cases',
		handle: (request, _params, context) => createCase(request, context),
	},
];
