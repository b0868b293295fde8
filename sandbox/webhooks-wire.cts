import { createHmac, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * What goes over the wire to a subscriber: the secret, the signature, the JSON text, and the
 * rules for which URLs Debitura accepts. Kept apart from the hub so tests can check each rule.
 */

/** How many random bytes Debitura's secrets carry: 32, as an HMAC-SHA256 key should. */
export const WEBHOOK_SECRET_BYTES = 32;

/** Debitura's secrets are base64 strings; `bytes` other than the default only when a test asks for a weak secret. */
export function newWebhookSecret(bytes = WEBHOOK_SECRET_BYTES): string {
	return randomBytes(bytes).toString('base64');
}

/** `t={unix seconds},v1={hex(HMAC-SHA256(base64decode(secret), "{t}." + body))}` */
export function signatureHeader(secretBase64: string, unixSeconds: number, body: Buffer): string {
	const mac = createHmac('sha256', Buffer.from(secretBase64, 'base64'));
	mac.update(`${unixSeconds}.`);
	mac.update(body);
	return `t=${unixSeconds},v1=${mac.digest('hex')}`;
}

/**
 * JSON the way .NET's System.Text.Json writes it by default: compact, with every non-ASCII
 * character and the HTML-sensitive ones escaped as \uXXXX. A receiver that re-serialises the
 * parsed body (JSON.stringify) gets different bytes for "Müller" or an en dash, so a signature
 * checked over anything but the raw body fails, as it would against Debitura.
 */
export function dotnetJson(value: unknown): string {
	return JSON.stringify(value).replace(
		/[\u007f-\uffff<>&'+]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
	);
}

export type UrlVerdict = { ok: true } | { ok: false; status: 400 | 422; message: string };

const ALLOWED_PORTS = new Set(['', '443', '8443']);

/**
 * Debitura's subscription URL rules: HTTPS, port 443 or 8443, and no loopback, private,
 * link-local or metadata address (SSRF protection). With `allowLoopback` (the sandbox's own
 * option, never Debitura's) http:// and https:// URLs on a loopback address are accepted too,
 * so a local n8n can receive deliveries.
 */
export function checkSubscriptionUrl(url: unknown, allowLoopback: boolean): UrlVerdict {
	if (typeof url !== 'string' || url.trim() === '')
		return { ok: false, status: 400, message: "'url' is required." };
	if (url.length > 1024)
		return { ok: false, status: 400, message: "'url' must be at most 1024 characters." };
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return { ok: false, status: 400, message: "'url' must be an absolute URL." };
	}
	if (
		allowLoopback &&
		isLoopbackHost(parsed.hostname) &&
		(parsed.protocol === 'http:' || parsed.protocol === 'https:')
	)
		return { ok: true };
	if (parsed.protocol !== 'https:')
		return { ok: false, status: 400, message: 'The webhook URL must use HTTPS.' };
	if (!ALLOWED_PORTS.has(parsed.port))
		return { ok: false, status: 400, message: 'The webhook URL must use port 443 or 8443.' };
	if (isBlockedHost(parsed.hostname)) {
		return {
			ok: false,
			status: 422,
			message:
				'The webhook URL points to a private, loopback or link-local address, which is blocked.',
		};
	}
	return { ok: true };
}

function bareHost(hostname: string): string {
	return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

export function isLoopbackHost(hostname: string): boolean {
	const host = bareHost(hostname);
	return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

function isBlockedHost(hostname: string): boolean {
	const host = bareHost(hostname);
	if (
		isLoopbackHost(host) ||
		host.endsWith('.localhost') ||
		host.endsWith('.local') ||
		host.endsWith('.internal')
	)
		return true;
	if (isIP(host) === 4) {
		const [a, b] = host.split('.').map(Number);
		return (
			a === 0 ||
			a === 10 ||
			(a === 100 && b >= 64 && b <= 127) ||
			(a === 169 && b === 254) ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168)
		);
	}
	if (isIP(host) === 6)
		return (
			host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:')
		);
	return false;
}
