import { startSandbox, type Sandbox } from '../../sandbox/index.cjs';

/** Shared plumbing for the sandbox tests: start/stop per file, a small fetch wrapper, fixtures. */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Write responses: `2026-06-17T08:30:00.123Z`. */
export const ZULU_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Read responses: the same instant without a zone. */
export const NAIVE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;

const DAY_MS = 24 * 60 * 60 * 1000;

export function daysAgo(days: number): string {
	return new Date(Date.now() - days * DAY_MS).toISOString();
}

export function daysFromNow(days: number): string {
	return new Date(Date.now() + days * DAY_MS).toISOString();
}

/** Starts one sandbox for the calling test file and closes it afterwards. */
export function useSandbox(): { get(): Sandbox } {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return {
		get() {
			if (!sandbox) throw new Error('sandbox not started');
			return sandbox;
		},
	};
}

export interface CallOptions {
	method?: string;
	/** Sent as JSON unless it is FormData or a string. */
	body?: unknown;
	headers?: Record<string, string>;
	/** null sends no key; a string overrides the sandbox key. */
	apiKey?: string | null;
}

export interface CallResult {
	status: number;
	headers: Headers;
	text: string;
	/** Parsed JSON, or undefined when the body is empty or not JSON. */
	json: any;
}

export async function call(
	sandbox: Sandbox,
	path: string,
	options: CallOptions = {},
): Promise<CallResult> {
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	const key = options.apiKey === undefined ? sandbox.apiKey : options.apiKey;
	if (key !== null) headers.XApiKey = key;
	let body: BodyInit | undefined;
	if (options.body instanceof FormData || typeof options.body === 'string') {
		body = options.body;
	} else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['Content-Type'] ??= 'application/json';
	}
	const response = await fetch(`${sandbox.url}${path}`, {
		method: options.method ?? 'GET',
		headers,
		body,
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = text === '' ? undefined : JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

let referenceCounter = 0;

/** A create-case body the sandbox accepts; tests override one thing at a time. */
export function validCaseBody(
	overrides: Record<string, unknown> = {},
	debtorOverrides: Record<string, unknown> = {},
): Record<string, unknown> {
	referenceCounter += 1;
	return {
		currencyCode: 'EUR',
		date: daysAgo(40),
		dueDate: daysAgo(26),
		amountToRecover: 1234.56,
		creditorReference: `T-${Date.now()}-${referenceCounter}`,
		isTest: true,
		debtor: {
			type: 'Company',
			name: 'Acme Handels GmbH',
			contactPerson: 'Eva Schulz',
			address: 'Königsallee 10',
			zipCode: '40212',
			city: 'Düsseldorf',
			countryAlpha2: 'DE',
			email: 'ap@acme-handels.example',
			...debtorOverrides,
		},
		...overrides,
	};
}
