import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checking `X-Debitura-Signature: t={unix seconds},v1={hex}` the way Debitura documents it:
 * v1 = hex(HMAC-SHA256(key = base64-decoded secret, message = "{t}." + raw body bytes)), compared
 * in constant time, and t recent. Pure, so it is tested on its own.
 */

/**
 * How old a signature may be (Debitura: reject when |now − t| > 300 s), and how far ahead of
 * this clock a sender's clock may run (Debitura's sample code allows 30 s of skew). Both bounds
 * sit inside Debitura's 300 s window.
 */
const MAX_SIGNATURE_AGE_SECONDS = 300;
const MAX_CLOCK_SKEW_SECONDS = 30;

/**
 * `matched` is the index (in the secrets given) of the secret that verified the delivery, so the
 * caller knows which subscription signed it. `reason` is for logs only: a sender is told nothing.
 */
type SignatureVerdict =
	| { ok: true; signedAt: number; matched: number }
	| { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

interface ParsedHeader {
	timestamp: number;
	signatures: Buffer[];
}

/**
 * `t=…,v1=…[,v1=…]`: exactly one t (decimal seconds), at least one v1 (64 hex digits). Other
 * schemes (v0=…) are ignored, as Stripe's scheme does; duplicate t or a bad v1 is malformed.
 */
function parseSignatureHeader(header: string): ParsedHeader | undefined {
	let timestamp: number | undefined;
	const signatures: Buffer[] = [];
	for (const part of header.split(',')) {
		const separator = part.indexOf('=');
		if (separator <= 0) return undefined;
		const key = part.slice(0, separator).trim();
		const value = part.slice(separator + 1).trim();
		if (key === 't') {
			if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
			timestamp = Number(value);
		} else if (key === 'v1') {
			if (!/^[0-9a-fA-F]{64}$/.test(value)) return undefined;
			signatures.push(Buffer.from(value.toLowerCase(), 'hex'));
		}
	}
	if (timestamp === undefined || signatures.length === 0) return undefined;
	return { timestamp, signatures };
}

function computeSignature(secretBase64: string, timestamp: number, rawBody: Buffer): Buffer {
	return createHmac('sha256', Buffer.from(secretBase64, 'base64'))
		.update(`${timestamp}.`)
		.update(rawBody)
		.digest();
}

/**
 * Accepts when any v1 matches any of the secrets (a node with test and live subscriptions has
 * two) and says which secret it was. Every pair is compared, so the time taken does not depend
 * on which one matched.
 */
export function verifySignature(
	header: string | string[] | undefined,
	rawBody: Buffer | undefined,
	secrets: string[],
	nowSeconds: number,
): SignatureVerdict {
	if (header === undefined || header === '' || rawBody === undefined)
		return { ok: false, reason: 'missing' };
	// Node joins a repeated header into an array; two signature headers are not a valid delivery.
	if (Array.isArray(header)) return { ok: false, reason: 'malformed' };
	const parsed = parseSignatureHeader(header);
	if (!parsed) return { ok: false, reason: 'malformed' };
	const age = nowSeconds - parsed.timestamp;
	if (age > MAX_SIGNATURE_AGE_SECONDS || age < -MAX_CLOCK_SKEW_SECONDS)
		return { ok: false, reason: 'stale' };
	let matched = -1;
	secrets.forEach((secret, index) => {
		const expected = computeSignature(secret, parsed.timestamp, rawBody);
		for (const given of parsed.signatures) {
			if (timingSafeEqual(expected, given) && matched === -1) matched = index;
		}
	});
	return matched >= 0
		? { ok: true, signedAt: parsed.timestamp, matched }
		: { ok: false, reason: 'mismatch' };
}
