import type {
	AddPaymentInput,
	InvoiceDto,
	PaymentDto,
	SandboxCaseInput,
} from '../../../sandbox/index.cjs';

/**
 * The sandbox's HTTP control surface (no API key), which is all a separate n8n process and the tests
 * share: what the tests assert against is what the sandbox reports over HTTP.
 */
export interface SandboxState {
	cases: InvoiceDto[];
	payments: PaymentDto[];
}

async function control<T>(
	sandboxUrl: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const response = await fetch(`${sandboxUrl}/__sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(`${method} /__sandbox${path} answered ${response.status}: ${text}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

export const sandboxState = (url: string) => control<SandboxState>(url, 'GET', '/state');

export const createSandboxCase = (url: string, input: SandboxCaseInput) =>
	control<InvoiceDto>(url, 'POST', '/cases', input);

export const recordSandboxPayment = (url: string, input: AddPaymentInput) =>
	control<PaymentDto>(url, 'POST', '/payments', input);
