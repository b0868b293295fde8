import type { ApiRequest } from '../api-request.cjs';
import { jsonResponse, type ApiResponse } from '../api-response.cjs';
import { combinedSigningUrl } from '../case-creation.cjs';
import {
	coverageItem,
	JURISDICTIONS,
	jurisdictionFor,
	powerOfAttorneyStatus,
} from '../coverage.cjs';
import { apiError, notFound } from '../errors.cjs';
import { parseJsonBody } from '../json-body.cjs';
import { routedPartner } from '../partners.cjs';
import { successFee } from '../pricing.cjs';
import { isCurrencyCode, normaliseCountryCode, normaliseUsState } from '../reference-data.cjs';
import { isPlainObject, validatePreviewCase, type FieldErrors } from '../validation.cjs';
import type { Route, RouteContext } from './route.cjs';

/**
 * Where Debitura collects and what a case would take: coverage per jurisdiction, the eligibility
 * check, and the case preview. The preview routes and prices exactly as POST /cases would
 * (partners.cts, pricing.cts) and stores nothing.
 */

/** A 400 as ApiErrorResponseDto: one business error per field message. */
function validationError(errors: FieldErrors): ApiResponse {
	const messages = Object.values(errors).flat();
	return {
		status: 400,
		json: {
			error: 'ValidationError',
			message: messages.join(' '),
			businessErrors: messages.map((message) => ({
				type: 'ValidationError',
				message,
				solutionUrl: null,
			})),
		},
	};
}

function readObject(
	request: ApiRequest,
): { ok: true; body: Record<string, unknown> } | { ok: false; response: ApiResponse } {
	const parsed = parseJsonBody(request);
	if (!parsed.ok) return parsed;
	if (!isPlainObject(parsed.value))
		return {
			ok: false,
			response: validationError({ $: ['The request body must be a JSON object.'] }),
		};
	return { ok: true, body: parsed.value };
}

const ELIGIBILITY_FIELDS = ['countryAlpha2', 'stateAlpha2', 'debtorType', 'amount', 'currencyCode'];

function checkEligibility(request: ApiRequest, context: RouteContext): ApiResponse {
	const read = readObject(request);
	if (!read.ok) return read.response;
	const body = read.body;
	const errors: FieldErrors = {};
	const add = (field: string, message: string) => (errors[field] ??= []).push(message);
	for (const name of Object.keys(body)) {
		if (!ELIGIBILITY_FIELDS.some((known) => known.toLowerCase() === name.toLowerCase()))
			add(name, `${name} is not a known field`);
	}
	const field = (name: string) =>
		Object.entries(body).find(([sent]) => sent.toLowerCase() === name.toLowerCase())?.[1];
	const country =
		typeof field('countryAlpha2') === 'string'
			? normaliseCountryCode(field('countryAlpha2') as string)
			: undefined;
	if (country === undefined)
		add('countryAlpha2', 'countryAlpha2 must be an ISO 3166-1 alpha-2 country code');
	const state = field('stateAlpha2');
	let stateAlpha2: string | null = null;
	if (country === 'US') {
		stateAlpha2 = typeof state === 'string' ? (normaliseUsState(state) ?? null) : null;
		if (stateAlpha2 === null)
			add('stateAlpha2', 'stateAlpha2 is required for US debtors and must be a US state code');
	}
	const debtorType = field('debtorType');
	if (typeof debtorType !== 'string' || !/^(company|private)$/i.test(debtorType))
		add('debtorType', 'debtorType must be Company or Private');
	const amount = field('amount');
	if (typeof amount !== 'number' || !(amount >= 0.01))
		add('amount', 'amount must be at least 0.01');
	const currency = field('currencyCode');
	if (typeof currency !== 'string' || !isCurrencyCode(currency))
		add('currencyCode', 'currencyCode must be an ISO 4217 currency code');
	if (Object.keys(errors).length > 0) return validationError(errors);

	const jurisdiction = jurisdictionFor(country!, stateAlpha2)!;
	const partner = routedPartner(country!);
	return jsonResponse(200, {
		isEligible: partner !== null,
		jurisdiction: {
			id: jurisdiction.id,
			name: jurisdiction.name,
			country: jurisdiction.countryName,
			countryAlpha2: jurisdiction.countryAlpha2,
			usStateAlpha2: jurisdiction.usStateAlpha2,
		},
		partner: partner === null ? null : { id: partner.id, name: partner.name },
		powerOfAttorneyStatus:
			partner === null ? null : powerOfAttorneyStatus(context.store, context.baseUrl, partner),
		errorMessage:
			partner === null
				? "We don't have an exclusive pre-legal partner in the provided jurisdiction."
				: null,
	});
}

function previewCase(request: ApiRequest, context: RouteContext): ApiResponse {
	const read = readObject(request);
	if (!read.ok) return read.response;
	const validation = validatePreviewCase(read.body, context.now());
	if (!validation.ok) return validationError(validation.errors);
	const input = validation.value;

	const jurisdiction = jurisdictionFor(input.countryAlpha2, input.stateAlpha2)!;
	const partner = routedPartner(input.countryAlpha2);
	const signingUrl = context.store.contractsSigned
		? null
		: combinedSigningUrl(context.baseUrl, input.returnUrl);
	const requiredActions =
		signingUrl === null || partner === null
			? []
			: [
					{
						type: 'MissingDebtCollectionContract',
						message: 'The debt collection agreement has not been signed.',
						solutionUrl: signingUrl,
						isBlocking: true,
					},
					{
						type: 'MissingPowerOfAttorney',
						message: `The power of attorney for ${partner.name} has not been signed.`,
						solutionUrl: signingUrl,
						isBlocking: true,
					},
				];
	const fee = successFee({
		grossAmount: input.amountToRecover,
		ageBuckets: input.ageBuckets,
		dueDate: input.dueDate,
		pricedAt: context.now(),
	});
	return jsonResponse(200, {
		result: {
			isEligible: partner !== null,
			ineligibilityReason:
				partner === null
					? "We don't have an exclusive pre-legal partner in the provided jurisdiction."
					: null,
			partnerAssignment:
				partner === null
					? null
					: {
							collectionPartnerId: partner.id,
							partnerName: partner.name,
							partnerCountry: partner.country,
						},
			requiredActions,
			jurisdiction: {
				id: jurisdiction.id,
				name: jurisdiction.name,
				countryAlpha2: jurisdiction.countryAlpha2,
				stateAlpha2: jurisdiction.usStateAlpha2,
			},
			pricingPreview:
				partner === null
					? null
					: {
							baseSuccessFeePercentage: fee.base,
							ageSurchargePercentage: fee.ageSurcharge,
							totalSuccessFeePercentage: fee.total,
							currencyCode: input.currencyCode,
							pricingSource: 'Standard agreement',
							pricingSourceDescription: `${fee.total}% success fee under the standard agreement`,
						},
			requiresKycVerification: false,
			hasKycOnFile: true,
			signingHandoff: { combinedSigningUrl: requiredActions.length > 0 ? signingUrl : null },
		},
	});
}

export const coverageRoutes: Route[] = [
	{
		method: 'POST',
		path: '/cases/preview',
		handle: (request, _params, context) => previewCase(request, context),
	},
	{
		method: 'GET',
		path: '/coverage',
		handle: (_request, _params, context) =>
			jsonResponse(
				200,
				JURISDICTIONS.map((j) => coverageItem(context.store, context.baseUrl, j)),
			),
	},
	{
		method: 'POST',
		path: '/coverage/check-eligibility',
		handle: (request, _params, context) => checkEligibility(request, context),
	},
	{
		method: 'GET',
		path: '/coverage/:id',
		handle: (_request, params, context) => {
			const jurisdiction = /^\d+$/.test(params.id)
				? JURISDICTIONS.find((j) => j.id === Number(params.id))
				: undefined;
			if (/^\d+$/.test(params.id) === false)
				return apiError(
					400,
					'ValidationError',
					`The value '${params.id}' is not a valid jurisdiction id.`,
				);
			return jurisdiction
				? jsonResponse(200, coverageItem(context.store, context.baseUrl, jurisdiction))
				: notFound(`Jurisdiction ${params.id} was not found.`);
		},
	},
];
