/**
 * Whether Debitura can deliver to a URL. Debitura only calls public HTTPS endpoints on port 443
 * or 8443 and blocks loopback, private and link-local addresses, so an n8n reachable only on
 * localhost or a LAN can subscribe but would never hear anything. Saying so at activation beats
 * a silent trigger.
 */

type Reachability = { ok: true } | { ok: false; problem: string };

const DEBITURA_PORTS = new Set(['', '443', '8443']);

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** 4, 6 or 0 like node:net's isIP, which n8n Cloud does not allow community nodes to import. */
function ipVersion(host: string): 4 | 6 | 0 {
	if (IPV4.test(host)) return 4;
	return host.includes(':') ? 6 : 0;
}

export function checkReachable(webhookUrl: string): Reachability {
	let url: URL;
	try {
		url = new URL(webhookUrl);
	} catch {
		return { ok: false, problem: `"${webhookUrl}" is not an absolute URL` };
	}
	if (url.protocol !== 'https:') return { ok: false, problem: 'it is not HTTPS' };
	if (!DEBITURA_PORTS.has(url.port))
		return {
			ok: false,
			problem: `it uses port ${url.port}, and Debitura only calls ports 443 and 8443`,
		};
	if (isPrivateHost(url.hostname))
		return { ok: false, problem: `${url.hostname} is a local or private address` };
	return { ok: true };
}

/** The local sandbox (or a local proxy) decides for itself whether it can reach a loopback URL. */
export function isLoopbackApi(apiBaseUrl: string): boolean {
	try {
		return isLoopbackHost(new URL(apiBaseUrl).hostname);
	} catch {
		return false;
	}
}

function bare(hostname: string): string {
	return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

function isLoopbackHost(hostname: string): boolean {
	const host = bare(hostname);
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host === '::1' ||
		(ipVersion(host) === 4 && host.startsWith('127.'))
	);
}

function isPrivateHost(hostname: string): boolean {
	const host = bare(hostname);
	if (
		isLoopbackHost(host) ||
		host.endsWith('.local') ||
		host.endsWith('.internal') ||
		host.endsWith('.lan') ||
		(!host.includes('.') && ipVersion(host) === 0)
	) {
		return true;
	}
	if (ipVersion(host) === 4) {
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
	if (ipVersion(host) === 6)
		return (
			host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:')
		);
	return false;
}
