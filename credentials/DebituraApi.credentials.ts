import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/** The one production host of Debitura's Customer API. Test cases live there too (see Test Mode). */
const DEBITURA_PRODUCTION_URL = 'https://customer-api.debitura.com';

/** Debitura's separate test host, with data isolated from production and keys of its own. */
const DEBITURA_TEST_URL = 'https://testcustomer-api.debitura.com';

/**
 * The base URL the credential test sends to, as an n8n expression (the nodes' requests give only a
 * path, which `authenticate` sends to the base URL). It does not judge the URL: `authenticate` does,
 * before any request carries the key, and refuses a request whose host is not the one
 * `debituraBaseUrl` accepts.
 */
const DEBITURA_BASE_URL_EXPRESSION = `={{ $credentials.environment === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : $credentials.environment === "test" ? "${DEBITURA_TEST_URL}" : "${DEBITURA_PRODUCTION_URL}" }}`;

/** Hosts a plain http:// Custom URL may point at: only this machine, where the key never crosses a network. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function badBaseUrl(message: string, description: string): UserError {
	return new UserError(message, { description });
}

/** A Custom URL as typed, checked and normalised (no trailing slash), or an error that says what to change. */
function checkCustomBaseUrl(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	const fix = 'Open the "Debitura API" credential and correct "Base URL".';
	if (!text)
		throw badBaseUrl(
			"The Debitura credential's Base URL is empty",
			`${fix} For the local sandbox it is http://127.0.0.1:5688.`,
		);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw badBaseUrl(
			"The Debitura credential's Base URL is not a web address",
			`${fix} It must look like https://api.example.com.`,
		);
	}
	if (
		url.protocol !== 'https:' &&
		!(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
	) {
		throw badBaseUrl(
			"The Debitura credential's Base URL must start with https://",
			`${fix} The API key would otherwise cross the network unencrypted; plain http:// is accepted only for this machine (127.0.0.1, ::1, localhost).`,
		);
	}
	if (url.username || url.password) {
		throw badBaseUrl(
			"The Debitura credential's Base URL must not contain a user name or password",
			`${fix} Debitura is authenticated by the API key alone.`,
		);
	}
	if (text.includes('?') || text.includes('#')) {
		throw badBaseUrl(
			'The Debitura credential\'s Base URL must not contain "?" or "#"',
			`${fix} Give only the address the API paths follow (such as https://api.example.com/debitura): what follows "?" or "#" would swallow the path of every request.`,
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The base URL a credential stands for, checked; throws a `UserError` that says what to fix. */
export function debituraBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') return checkCustomBaseUrl(credentials.baseUrl);
	return credentials.environment === 'test' ? DEBITURA_TEST_URL : DEBITURA_PRODUCTION_URL;
}

/**
 * A request's address as n8n's clients read it. `url` and `baseURL` are `IHttpRequestOptions`;
 * `uri` comes from n8n's older request helper (`requestWithAuthentication`, which n8n's HTTP
 * Request node uses), which sends to `url ?? uri`, and may be a string or a URL object.
 */
interface RequestAddress {
	url?: unknown;
	uri?: unknown;
	baseURL?: unknown;
}

/** A field's text as n8n's clients take it (they call `toString()`), or undefined when absent. */
const addressText = (value: unknown): string | undefined =>
	value === undefined || value === null ? undefined : String(value);

/** axios's own test: a scheme followed by "//", or a bare "//" (which axios also treats as absolute). */
const isAbsoluteForAxios = (url: string) => /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url);

const parseUrl = (url: string, base?: string): URL | undefined => {
	try {
		return new URL(url, base);
	} catch {
		return undefined;
	}
};

/** True when the text names a host of its own, however a client reads it. */
const namesAHost = (url: string) => isAbsoluteForAxios(url) || parseUrl(url) !== undefined;

/** TLS agent options that would let a certificate other than the host's own be accepted. */
const TRUST_OVERRIDES = new Set(['rejectUnauthorized', 'ca', 'checkServerIdentity']);

interface Destination {
	/** The address as the client would read it, for the error message. */
	text: string;
	/** How it parses; undefined when it does not parse on its own (it is then refused). */
	url?: URL;
	/** Whether this reading is where the request is sent, or only how n8n's checks resolve it. */
	sent: boolean;
}

/**
 * Every address the request could go to, read the two ways n8n reads one. What is sent is
 * axios's reading: an absolute address as it is, a relative one appended to `baseURL` as text.
 * n8n's own checks (and any client built on WHATWG URLs) resolve it against `baseURL` instead,
 * which drops the base's path for "/cases" but can name another host for text axios takes as a
 * path (" http://…"). `url` and `uri` both count, since one helper sends to `url` and the other
 * to `url ?? uri`.
 */
function destinations(address: RequestAddress): Destination[] {
	const baseURL = addressText(address.baseURL);
	const found: Destination[] = [];
	for (const raw of [addressText(address.url), addressText(address.uri)]) {
		if (raw === undefined) continue;
		const sent =
			baseURL && raw && !isAbsoluteForAxios(raw)
				? `${baseURL.replace(/\/?\/$/, '')}/${raw.replace(/^\/+/, '')}`
				: raw || (baseURL ?? '');
		found.push({ text: sent, url: parseUrl(sent), sent: true });
		found.push({ text: raw, url: baseURL ? parseUrl(raw, baseURL) : parseUrl(raw), sent: false });
	}
	if (baseURL !== undefined) found.push({ text: baseURL, url: parseUrl(baseURL), sent: true });
	return found;
}

/**
 * Whether a destination keeps the key home: what is sent must stay under the base URL (its
 * origin, and its path if it has one, such as a proxy's `/debitura`); n8n's WHATWG reading must
 * at least stay on the base's origin.
 */
function staysHome(destination: Destination, base: URL): boolean {
	const { url } = destination;
	if (!url || url.origin !== base.origin) return false;
	const prefix = base.pathname.replace(/\/+$/, '');
	return (
		!destination.sent ||
		prefix === '' ||
		url.pathname === prefix ||
		url.pathname.startsWith(`${prefix}/`)
	);
}

/** Where a refused request was going, without its query (which may hold a token of its own). */
const shownDestination = ({ text, url }: Destination) =>
	url ? url.href.split(/[?#]/)[0] : `"${text.split(/[?#]/)[0]}" (not a complete URL)`;

/**
 * What the Test button reports for each answer of `GET /me`. n8n's tester reads both kinds of rule
 * from one list (status codes of failed answers, then fields of a successful one), though the type
 * declares one kind per list.
 */
const TEST_RULES: Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> = [
	...[301, 302, 303, 307, 308].map((code) => ({
		type: 'responseCode' as const,
		properties: {
			value: code,
			message: `The Base URL answered with a redirect (HTTP ${code}) instead of Debitura's API. Redirects are never followed, so the key does not travel on. Set the Base URL to the API's own address (the one the redirect points to, if you trust it).`,
		},
	})),
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'Debitura rejected the API key. Copy it again from Settings → API keys in the Debitura app (keys are shown once, so create a new one if in doubt), and check that the Environment is the one the key was made for.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 403,
			message:
				'The address answered "forbidden" (HTTP 403) to GET /me. Debitura itself answers a wrong key with 401, so a proxy or firewall in between is refusing the request: check the Base URL and that this n8n may reach it.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message:
				"GET /me was not found (HTTP 404). Either the Base URL is not the root of Debitura's Customer API (it takes no path such as /api or /v1; production is https://customer-api.debitura.com), or Debitura found no creditor account behind the key — if the URL is right, contact Debitura support.",
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 429,
			message:
				"Debitura's rate limit for this key was reached (HTTP 429). The key itself was not checked: try again in a minute.",
		},
	},
	...[500, 502, 503, 504].map((code) => ({
		type: 'responseCode' as const,
		properties: {
			value: code,
			message: `The Base URL answered with a server error (HTTP ${code}), so the key could not be checked. This is usually temporary: try again in a few minutes. If it persists, check the Base URL, or ask Debitura support (contact@debitura.com) whether the API is down.`,
		},
	})),
	// A 2xx counts only when it is Debitura's creditor profile: a proxy's HTML page or
	// another API's JSON lacks these fields (`undefined` is what a missing field reads as).
	...['id', 'companyName'].map((key) => ({
		type: 'responseSuccessBody' as const,
		properties: {
			key,
			value: undefined,
			message: `The Base URL answered GET /me, but not like Debitura's API (no creditor "${key}" in the answer): it is probably a web page or another service. Check the Base URL; production is https://customer-api.debitura.com.`,
		},
	})),
];

export class DebituraApi implements ICredentialType {
	name = 'debituraApi';

	displayName = 'Debitura API';

	icon = { light: 'file:../icons/debitura.svg', dark: 'file:../icons/debitura.dark.svg' } as const;

	documentationUrl = 'https://github.com/debitura/n8n-nodes-debitura#credentials';

	/**
	 * The HTTP Request node may use this credential for an endpoint the Debitura node lacks, with a
	 * URL under the credential's Base URL (`authenticate` refuses any other). The Base URL depends
	 * on the Environment, so the editor gets a placeholder rather than a fixed address.
	 */
	httpRequestNode = {
		name: 'Debitura',
		docsUrl: 'https://github.com/debitura/n8n-nodes-debitura#credentials',
		apiBaseUrlPlaceholder: `${DEBITURA_PRODUCTION_URL}/cases`,
	};

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Create a key in the Debitura app under Settings → API keys (https://app.debitura.com/CreditorApiKey). A key has full access to your account.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: `Debitura's Customer API at ${DEBITURA_PRODUCTION_URL}. Use Test Mode on the nodes to try things without a collection partner ever seeing them.`,
				},
				{
					name: 'Test Host',
					value: 'test',
					description: `Debitura's separate test environment at ${DEBITURA_TEST_URL}, for accounts Debitura set up there. It needs a key created in that environment.`,
				},
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'Another base URL: the local Debitura sandbox or a proxy',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:5688',
			placeholder: 'http://127.0.0.1:5688',
			required: true,
			hint: 'https:// (plain http:// only for 127.0.0.1, ::1 or localhost), no user:password@, no "?" or "#"',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName:
				'The API key is sent to this host with every request, and it grants full access to your Debitura account. Use only an address you trust. Requests never follow a redirect to another address.',
			name: 'customUrlNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName:
				"If the test reports a code instead of a sentence: ECONNREFUSED means nothing answers at that address (is the sandbox or proxy running?), ENOTFOUND or EAI_AGAIN that the host name does not resolve (check its spelling and this machine's DNS), and a certificate code (CERT_…, SELF_SIGNED_…, UNABLE_TO_VERIFY_…) that the host's TLS certificate is not trusted.",
			name: 'networkCodesNotice',
			type: 'notice',
			default: '',
		},
	];

	/**
	 * Adds the key to a request only after checking where the request goes: the credential's base
	 * URL must be acceptable, and every address the request could be sent to must lie under it.
	 * Any node may borrow this credential through n8n's request helpers (n8n's HTTP Request node
	 * does), with its address in `url`, `uri` or `baseURL`, so all of them are checked, as each
	 * helper would read them. No request carrying the key follows a redirect: n8n's HTTP clients
	 * forward every header but Authorization and Cookie to wherever a redirect points, and each
	 * honours a different switch, so all of them are set.
	 * A request that gives only a path (the Debitura nodes send `/cases`, not a host) goes to the
	 * base URL: the credential is the one place that knows it, so the node does not evaluate an
	 * expression per item to learn it (declarative routing would evaluate a `baseURL` expression
	 * twice per item, the most expensive step of a request).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const baseUrl = debituraBaseUrl(credentials);
		const base = new URL(baseUrl);
		const address = requestOptions as RequestAddress;
		const givesOnlyAPath =
			!addressText(address.baseURL) &&
			![addressText(address.url), addressText(address.uri)].some(
				(raw) => raw !== undefined && namesAHost(raw),
			);
		const options: IHttpRequestOptions = givesOnlyAPath
			? { ...requestOptions, baseURL: baseUrl }
			: requestOptions;
		const elsewhere = destinations(options as RequestAddress).find(
			(destination) => !staysHome(destination, base),
		);
		if (elsewhere) {
			throw new UserError("The Debitura API key is sent only to the credential's own host", {
				description: `This request was going to ${shownDestination(elsewhere)}, which is not under the "Debitura API" credential's Base URL ${baseUrl}. Use the Debitura node, or an HTTP Request node with a URL that starts with ${baseUrl}/.`,
			});
		}
		if (options.proxy && base.protocol === 'http:') {
			throw new UserError(
				'The Debitura API key is not sent through a proxy to a plain http:// Base URL',
				{
					description: `The proxy named on this request would read the key, since http:// is not encrypted. Remove the proxy from the request: the Base URL ${baseUrl} is on this machine and needs none.`,
				},
			);
		}
		const noRedirects = {
			// Read by n8n's httpRequest helpers.
			disableFollowRedirect: true,
			// Read by both helpers (the older one only when it would otherwise follow).
			maxRedirects: 0,
			// Read by the older request helper, which follows GET redirects unless told otherwise.
			followRedirect: false,
			followAllRedirects: false,
			// Read by both: Authorization is not carried to another origin either.
			sendCredentialsOnCrossOriginRedirect: false,
		};
		// A proxy (n8n's own, or one named on the request) that answered TLS with a certificate of
		// its own would read the key if the certificate went unchecked, so the request is checked
		// against the system's trusted authorities whatever it asked for.
		const { agentOptions } = options as { agentOptions?: Record<string, unknown> };
		const checkedTls: Record<string, unknown> = {
			skipSslCertificateValidation: false,
			rejectUnauthorized: true,
		};
		if (agentOptions) {
			checkedTls.agentOptions = Object.fromEntries(
				Object.entries(agentOptions).filter(([name]) => !TRUST_OVERRIDES.has(name)),
			);
		}
		return {
			...options,
			...noRedirects,
			...checkedTls,
			headers: { ...(options.headers ?? {}), XApiKey: String(credentials.apiKey ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: DEBITURA_BASE_URL_EXPRESSION,
			url: '/me',
			method: 'GET',
		},
		rules: TEST_RULES as IAuthenticateRuleResponseCode[],
	};
}
