import { createHmac, randomBytes } from 'node:crypto';
import type { IPollFunctions } from 'n8n-workflow';

import { debituraRequest } from '../transport';
import { identityHash } from './cursor';

/**
 * Which Debitura account a credential reaches: the base URL and the creditor `GET /me` names,
 * hashed. The cursor records it and starts afresh when it changes, so switching a workflow from
 * the sandbox to production (or to another account) never replays that account's history.
 */
async function accountIdentity(context: IPollFunctions, baseURL: string): Promise<string> {
	const me = await debituraRequest<{ id?: string; companyName?: string | null }>(
		context,
		{ method: 'GET', baseURL, url: '/me' },
		{ action: 'check which Debitura account the credential belongs to' },
	);
	return identityHash(`${baseURL}\n${me.id ?? me.companyName ?? ''}`);
}

/**
 * What this process remembers of the credentials it has checked: a fingerprint → the account.
 *
 * Nothing derived from a key is stored with the workflow: whoever can read a workflow's static data
 * could otherwise confirm a guessed key against it, and a salt stored beside a hash would not stop
 * that. The memory lives only as long as the process, and its fingerprints are keyed with a secret
 * of the process, so they say nothing outside it. Polling triggers run in n8n's main process (the
 * leader, with several), so after a start, or a change of leader, each credential costs one
 * `GET /me`; from then on an unchanged credential costs none.
 */
const processSecret = randomBytes(32);
const checked = new Map<string, string>();
/** Far more credentials than one n8n polls with; past it the memory starts over. */
const MAX_REMEMBERED = 1000;

function credentialFingerprint(baseURL: string, apiKey: unknown): string {
	return createHmac('sha256', processSecret)
		.update(`${baseURL}\n${String(apiKey ?? '')}`)
		.digest('base64url');
}

/** The account the credential reaches: remembered by this process, or asked of `GET /me` once. */
export async function accountOf(
	context: IPollFunctions,
	baseURL: string,
	apiKey: unknown,
): Promise<string> {
	const fingerprint = credentialFingerprint(baseURL, apiKey);
	const known = checked.get(fingerprint);
	if (known !== undefined) return known;
	const account = await accountIdentity(context, baseURL);
	if (checked.size >= MAX_REMEMBERED) checked.clear();
	checked.set(fingerprint, account);
	return account;
}
