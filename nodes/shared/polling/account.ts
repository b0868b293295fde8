import type { IPollFunctions } from 'n8n-workflow';

import { debituraRequest } from '../transport';
import { identityHash } from './cursor';

/**
 * Which Debitura account a credential reaches: the base URL and the creditor `GET /me` names,
 * hashed. The cursor records it and starts afresh when it changes, so switching a workflow from
 * the sandbox to production (or to another account) never replays that account's history.
 */
export async function accountIdentity(context: IPollFunctions, baseURL: string): Promise<string> {
	const me = await debituraRequest<{ id?: string; companyName?: string | null }>(
		context,
		{ method: 'GET', baseURL, url: '/me' },
		{ action: 'check which Debitura account the credential belongs to' },
	);
	return identityHash(`${baseURL}\n${me.id ?? me.companyName ?? ''}`);
}

/**
 * A short hash of what the credential holds now (base URL and key; never the key itself). While
 * it is unchanged the account cannot have changed, so `GET /me` is only asked when it does:
 * ordinary polls cost no extra request.
 */
export function credentialFingerprint(baseURL: string, apiKey: unknown): string {
	return identityHash(`${baseURL}\n${String(apiKey ?? '')}`).slice(0, 8);
}
