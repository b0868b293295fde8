import type { ApiRequest } from '../api-request.cjs';
import type { ApiResponse } from '../api-response.cjs';
import type { IdempotencyRecords } from '../idempotency.cjs';
import type { SandboxStore } from '../store.cjs';
import type { RoutePattern } from '../router.cjs';
import type { CaseSortMode, PaymentOrder } from '../types.cjs';
import type { WebhookHub } from '../webhooks.cjs';

/** Everything a handler may use besides the request itself. */
export interface RouteContext {
	store: SandboxStore;
	idempotency: IdempotencyRecords;
	apiKey: string;
	baseUrl: string;
	/** Origin of signed file download links: a different loopback port than the API. */
	fileBaseUrl: string;
	paymentOrder: PaymentOrder;
	caseSort: CaseSortMode;
	/** Uploads that would take the stored files past this are refused. */
	fileStorageLimitBytes: number;
	webhooks: WebhookHub;
	now(): number;
}

export interface Route extends RoutePattern {
	/** A promise only where Debitura answers after calling out (a webhook test delivery). */
	handle(
		request: ApiRequest,
		params: Record<string, string>,
		context: RouteContext,
	): ApiResponse | Promise<ApiResponse>;
}
