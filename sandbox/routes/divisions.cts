import { firstQueryValue, type ApiRequest } from '../api-request.cjs';
import { emptyResponse, jsonResponse, type ApiResponse } from '../api-response.cjs';
import { CREDITOR_DIVISIONS, SANDBOX_CREDITOR } from '../creditor.cjs';
import { apiError, notFound } from '../errors.cjs';
import { canonicalJson, MAX_IDEMPOTENCY_KEY_LENGTH } from '../idempotency.cjs';
import { isUuid, newId } from '../ids.cjs';
import { parseJsonBody } from '../json-body.cjs';
import { isOpenLifecycle } from '../lifecycle.cjs';
import { isPaging, parsePaging, slicePage } from '../paging.cjs';
import { COUNTRY_NAMES, normaliseCountryCode } from '../reference-data.cjs';
import type { DivisionRecord } from '../records.cjs';
import type { SandboxStore } from '../store.cjs';
import { formatTimestamp } from '../time.cjs';
import { isPlainObject } from '../validation.cjs';
import type { Route, RouteContext } from './route.cjs';

/**
 * The creditor's divisions (spec rules): create answers 201, update replaces every field, archive
 * is one-way (a second archive is a 422), and delete is refused with a 422 while an open case
 * belongs to the division. Archived divisions are left out of the list unless `includeArchived`.
 */

const COUNTRY_IDS = new Map([...COUNTRY_NAMES.keys()].map((code, index) => [code, index + 1]));

/** The store's divisions, seeded after each reset with the two the sandbox creditor starts with. */
function divisionsOf(store: SandboxStore): Map<string, DivisionRecord> {
	if (store.divisions === undefined) {
		const created = Date.parse('2025-01-15T09:00:00Z');
		store.divisions = new Map(
			CREDITOR_DIVISIONS.map((division, index) => [
				division.id,
				{
					id: division.id,
					companyName: division.name ?? SANDBOX_CREDITOR.companyName,
					registrationNumber: null,
					address: index === 0 ? SANDBOX_CREDITOR.address : null,
					zipCode: index === 0 ? SANDBOX_CREDITOR.zipCode : null,
					state: null,
					city: index === 0 ? SANDBOX_CREDITOR.city! : 'Hamburg',
					countryCode: index === 0 ? 'DK' : 'DE',
					officeEmail: null,
					officePhone: null,
					isArchived: false,
					createdUtc: created,
					updatedUtc: null,
				},
			]),
		);
	}
	return store.divisions;
}

function divisionDto(record: DivisionRecord) {
	const { countryCode, createdUtc, updatedUtc, ...rest } = record;
	return {
		...rest,
		country: {
			id: COUNTRY_IDS.get(countryCode) ?? 0,
			name: COUNTRY_NAMES.get(countryCode) ?? null,
			alpha2: countryCode,
		},
		createdUtc: formatTimestamp(createdUtc, 'naive'),
		updatedUtc: updatedUtc === null ? null : formatTimestamp(updatedUtc, 'naive'),
	};
}

const LIMITS: Record<string, number | undefined> = {
	companyName: 200,
	registrationNumber: 50,
	address: undefined,
	zipCode: 50,
	state: undefined,
	city: undefined,
	countryCode: 2,
	officeEmail: 250,
	officePhone: 50,
};

type DivisionFields = Omit<DivisionRecord, 'id' | 'isArchived' | 'createdUtc' | 'updatedUtc'>;

/** CreateDivisionRequestDto / UpdateDivisionRequestDto (the same shape); a 400 names each bad field. */
function readDivision(
	request: ApiRequest,
): { ok: true; value: DivisionFields } | { ok: false; response: ApiResponse } {
	const parsed = parseJsonBody(request);
	if (!parsed.ok) return parsed;
	if (!isPlainObject(parsed.value))
		return {
			ok: false,
			response: apiError(400, 'ValidationError', 'The request body must be a JSON object.'),
		};
	const problems: string[] = [];
	const fields: Record<string, string | null> = {};
	for (const [sent, value] of Object.entries(parsed.value)) {
		const name = Object.keys(LIMITS).find((known) => known.toLowerCase() === sent.toLowerCase());
		if (name === undefined) {
			problems.push(`${sent} is not a known field`);
		} else if (value !== null && typeof value !== 'string') {
			problems.push(`${name} must be a string`);
		} else {
			const limit = LIMITS[name];
			if (typeof value === 'string' && limit !== undefined && value.length > limit)
				problems.push(`${name} must be at most ${limit} characters`);
			fields[name] = typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
		}
	}
	for (const required of ['companyName', 'city', 'countryCode']) {
		if (!fields[required]) problems.push(`${required} is required`);
	}
	const countryCode = fields.countryCode ? normaliseCountryCode(fields.countryCode) : undefined;
	if (fields.countryCode && (fields.countryCode.length !== 2 || countryCode === undefined))
		problems.push(`Invalid country code: ${fields.countryCode}`);
	if (fields.officeEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.officeEmail))
		problems.push('officeEmail is not a valid email address');
	if (problems.length > 0) {
		return {
			ok: false,
			response: {
				status: 400,
				json: {
					error: 'ValidationError',
					message: problems.join(' '),
					businessErrors: problems.map((message) => ({
						type: 'ValidationError',
						message,
						solutionUrl: null,
					})),
				},
			},
		};
	}
	return {
		ok: true,
		value: {
			companyName: fields.companyName!,
			registrationNumber: fields.registrationNumber ?? null,
			address: fields.address ?? null,
			zipCode: fields.zipCode ?? null,
			state: fields.state ?? null,
			city: fields.city!,
			countryCode: countryCode!,
			officeEmail: fields.officeEmail ?? null,
			officePhone: fields.officePhone ?? null,
		},
	};
}

function findDivision(context: RouteContext, id: string): DivisionRecord | ApiResponse {
	const found = isUuid(id) ? divisionsOf(context.store).get(id.toLowerCase()) : undefined;
	return found ?? notFound(`Division ${id} was not found.`);
}

const isRecord = (value: DivisionRecord | ApiResponse): value is DivisionRecord =>
	'companyName' in value;

function listDivisions(request: ApiRequest, context: RouteContext): ApiResponse {
	const paging = parsePaging(request);
	if (!isPaging(paging)) return paging;
	const includeArchived = firstQueryValue(request, 'includeArchived')?.trim().toLowerCase();
	if (includeArchived !== undefined && includeArchived !== 'true' && includeArchived !== 'false') {
		return apiError(
			400,
			'ValidationError',
			`The value '${includeArchived}' is not valid for includeArchived.`,
		);
	}
	const all = [...divisionsOf(context.store).values()].filter(
		(division) => includeArchived === 'true' || !division.isArchived,
	);
	const { page, items } = slicePage(all, paging);
	return jsonResponse(200, { page, divisions: items.map(divisionDto) });
}

function archive(params: Record<string, string>, context: RouteContext): ApiResponse {
	const division = findDivision(context, params.id);
	if (!isRecord(division)) return division;
	if (division.isArchived)
		return apiError(422, 'DivisionAlreadyArchived', 'The division is already archived.');
	division.isArchived = true;
	division.updatedUtc = context.now();
	return jsonResponse(200, divisionDto(division));
}

/**
 * POST /divisions, with the spec's optional `Idempotency-Key`: a key seen before with the same body
 * replays the first answer, with another body it is a 422 IdempotencyConflict; 400s are not kept.
 */
function createDivision(request: ApiRequest, context: RouteContext): ApiResponse {
	const endpoint = 'POST /divisions';
	const idempotencyKey = request.headers['idempotency-key'];
	if (idempotencyKey !== undefined && idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
		return apiError(
			400,
			'ValidationError',
			`Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
		);
	}
	const usesKey = idempotencyKey !== undefined && idempotencyKey !== '';
	const parsed = usesKey ? parseJsonBody(request) : undefined;
	if (usesKey && parsed?.ok) {
		const previous = context.idempotency.find(context.apiKey, idempotencyKey, endpoint);
		if (previous) {
			if (previous.bodyFingerprint === canonicalJson(parsed.value)) {
				return {
					status: previous.answer.status,
					bytes: previous.answer.bodyBytes,
					contentType: 'application/json; charset=utf-8',
				};
			}
			return apiError(
				422,
				'IdempotencyConflict',
				'This Idempotency-Key was already used with a different request body.',
			);
		}
	}
	const read = readDivision(request);
	if (!read.ok) return read.response;
	const record: DivisionRecord = {
		id: newId(),
		...read.value,
		isArchived: false,
		createdUtc: context.now(),
		updatedUtc: null,
	};
	divisionsOf(context.store).set(record.id, record);
	const bodyBytes = Buffer.from(JSON.stringify(divisionDto(record)));
	if (usesKey && parsed?.ok)
		context.idempotency.remember(
			context.apiKey,
			idempotencyKey,
			parsed.value,
			{ status: 201, bodyBytes },
			endpoint,
		);
	return { status: 201, bytes: bodyBytes, contentType: 'application/json; charset=utf-8' };
}

export const divisionRoutes: Route[] = [
	{
		method: 'POST',
		path: '/divisions',
		handle: (request, _params, context) => createDivision(request, context),
	},
	{
		method: 'GET',
		path: '/divisions',
		handle: (request, _params, context) => listDivisions(request, context),
	},
	{
		method: 'POST',
		path: '/divisions/:id/archive',
		handle: (_request, params, context) => archive(params, context),
	},
	{
		// The spec's alias `/divisions/{id}:archive` arrives as one segment.
		method: 'POST',
		path: '/divisions/:idAndAction',
		handle: (_request, params, context) => {
			const [id, action] = params.idAndAction.split(':');
			return action === 'archive'
				? archive({ id }, context)
				: notFound(`No endpoint POST /divisions/${params.idAndAction}`);
		},
	},
	{
		method: 'GET',
		path: '/divisions/:id',
		handle: (_request, params, context) => {
			const division = findDivision(context, params.id);
			return isRecord(division) ? jsonResponse(200, divisionDto(division)) : division;
		},
	},
	{
		method: 'PUT',
		path: '/divisions/:id',
		handle: (request, params, context) => {
			const division = findDivision(context, params.id);
			if (!isRecord(division)) return division;
			const read = readDivision(request);
			if (!read.ok) return read.response;
			Object.assign(division, read.value, { updatedUtc: context.now() });
			return jsonResponse(200, divisionDto(division));
		},
	},
	{
		method: 'DELETE',
		path: '/divisions/:id',
		handle: (_request, params, context) => {
			const division = findDivision(context, params.id);
			if (!isRecord(division)) return division;
			const inUse = context.store
				.allCases()
				.some((c) => c.creditorDivisionId === division.id && isOpenLifecycle(c.lifecycle));
			if (inUse) {
				return apiError(
					422,
					'DivisionHasActiveCases',
					'The division cannot be deleted because it has active cases. Archive it instead.',
				);
			}
			divisionsOf(context.store).delete(division.id);
			return emptyResponse(204);
		},
	},
];
