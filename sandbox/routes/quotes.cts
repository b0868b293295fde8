import { jsonResponse, type ApiResponse } from '../api-response.cjs';
import { badRequest, notFound } from '../errors.cjs';
import { isUuid } from '../ids.cjs';
import type { CaseRecord } from '../records.cjs';
import { formatTimestamp } from '../time.cjs';
import type { Route, RouteContext } from './route.cjs';

/**
 * Quote requests (leads) and partner quotes. A case collecting quotes (lifecycle Leads) has one
 * open quote request without quotes; a case pending quote selection (LeadsQuoteGiven) has one
 * with two quotes. IDs derive from the case ID, so they are stable across reads.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function derivedId(caseId: string, kind: number): string {
	const hex = caseId.replace(/-/g, '');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-b${kind.toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

const PARTNERS = [
	{
		kind: 1,
		name: 'Nordic Collect A/S',
		agreementType: 'NoCureNoPay',
		successFee: 12.5,
		hourlyRate: 0,
		flatFeeEstimate: 0,
	},
	{
		kind: 2,
		name: 'Lex Inkasso GmbH',
		agreementType: 'Hybrid',
		successFee: 8,
		hourlyRate: 150,
		flatFeeEstimate: 250,
	},
];

function quoteRequestOf(record: CaseRecord) {
	if (record.lifecycle !== 'Leads' && record.lifecycle !== 'LeadsQuoteGiven') return undefined;
	const quotes = record.lifecycle === 'LeadsQuoteGiven' ? PARTNERS : [];
	const created = record.dateUpdated ?? record.dateCreated;
	return {
		quoteRequestId: derivedId(record.id, 0),
		caseId: record.id,
		status: 'Open',
		leadFlowStatus: quotes.length > 0 ? 'QuotesReceived' : 'CollectingQuotes',
		quoteType: 'Legal',
		maxQuotes: 3,
		currentQuotesCount: quotes.length,
		outcome: null,
		dateCreated: formatTimestamp(created, 'naive'),
		dateQualified: formatTimestamp(created, 'naive'),
		leadsDoneOffered: null,
		dateReminderSent: null,
		dateReminderTwoSent: null,
		dateOutcomeSelected: null,
		quotes: quotes.map((partner, index) => ({
			quoteId: derivedId(record.id, partner.kind),
			quoteRequestId: derivedId(record.id, 0),
			partnerId: derivedId(record.id, partner.kind + 8),
			partnerName: partner.name,
			status: 'Submitted',
			agreementType: partner.agreementType,
			currency: record.currency,
			proposedSolution: 'Court proceedings after a final demand letter.',
			partnerWhyUsSection: 'Local courts, local language, 20 years of cross-border claims.',
			pricing: {
				hourlyRate: partner.hourlyRate,
				hourlyEstimated: partner.hourlyRate ? 4 : 0,
				flatFeeEstimate: partner.flatFeeEstimate,
				successFeeFee: partner.successFee,
				hybridEstimate: partner.flatFeeEstimate,
				costProcessMisc: 0,
			},
			dateCreated: formatTimestamp(created + (index + 1) * DAY_MS, 'naive'),
		})),
	};
}

type QuoteRequest = NonNullable<ReturnType<typeof quoteRequestOf>>;

function leadDto(request: QuoteRequest, detail: boolean) {
	const { quotes, ...lead } = request;
	return detail
		? {
				...lead,
				isMaxBidCountReached: quotes.length >= lead.maxQuotes,
				request: 'Legal action against the debtor',
				existingFees: null,
			}
		: { ...lead, purpose: 'Legal action against the debtor' };
}

function quoteDto(quote: QuoteRequest['quotes'][number], detail: boolean) {
	const { pricing, ...rest } = quote;
	if (detail)
		return {
			...rest,
			pricing,
			feeComments: null,
			fullQuoteLink: `https://app.debitura.com/quotes/${quote.quoteId}`,
			dateUpdated: null,
		};
	return {
		...rest,
		hourlyRate: pricing.hourlyRate,
		hourlyEstimated: pricing.hourlyEstimated,
		flatFeeEstimate: pricing.flatFeeEstimate,
		successFee: pricing.successFeeFee,
		hybridEstimate: pricing.hybridEstimate,
		phase: 'Legal',
		offerNature: 'Binding',
	};
}

function withQuoteRequest(
	params: Record<string, string>,
	context: RouteContext,
	answer: (request: QuoteRequest | undefined) => ApiResponse,
): ApiResponse {
	for (const name of ['id', 'quoteRequestId', 'quoteId']) {
		if (params[name] !== undefined && !isUuid(params[name]))
			return badRequest(`The ${name === 'id' ? 'case ID' : name} must be a GUID.`, 'InvalidId');
	}
	const record = context.store.findCase(params.id);
	if (!record) return notFound('Case not found.');
	return answer(quoteRequestOf(record));
}

function findRequest(request: QuoteRequest | undefined, id: string): QuoteRequest | undefined {
	return request && request.quoteRequestId === id.toLowerCase() ? request : undefined;
}

export const quoteRoutes: Route[] = [
	{
		method: 'GET',
		path: '/cases/:id/quote-requests',
		handle: (_r, params, context) =>
			withQuoteRequest(params, context, (request) =>
				jsonResponse(200, { quoteRequests: request ? [leadDto(request, false)] : [] }),
			),
	},
	{
		method: 'GET',
		path: '/cases/:id/quote-requests/:quoteRequestId',
		handle: (_r, params, context) =>
			withQuoteRequest(params, context, (request) => {
				const found = findRequest(request, params.quoteRequestId);
				return found
					? jsonResponse(200, leadDto(found, true))
					: notFound('Quote request not found.');
			}),
	},
	{
		method: 'GET',
		path: '/cases/:id/quote-requests/:quoteRequestId/quotes',
		handle: (_r, params, context) =>
			withQuoteRequest(params, context, (request) => {
				const found = findRequest(request, params.quoteRequestId);
				return found
					? jsonResponse(200, { quotes: found.quotes.map((quote) => quoteDto(quote, false)) })
					: notFound('Quote request not found.');
			}),
	},
	{
		method: 'GET',
		path: '/cases/:id/quote-requests/:quoteRequestId/quotes/:quoteId',
		handle: (_r, params, context) =>
			withQuoteRequest(params, context, (request) => {
				const found = findRequest(request, params.quoteRequestId);
				if (!found) return notFound('Quote request not found.');
				const quote = found.quotes.find((q) => q.quoteId === params.quoteId.toLowerCase());
				return quote ? jsonResponse(200, quoteDto(quote, true)) : notFound('Quote not found.');
			}),
	},
];
