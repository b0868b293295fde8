import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxCore } from './core.cjs';
import { sandboxWebhooks } from './webhooks-control.cjs';
import { createRequestHandler, DelayTracker } from './server.cjs';
import type { Sandbox, SandboxOptions } from './types.cjs';
import { DELIVERY_TIMEOUT_MS } from './webhooks.cjs';
import { addPartnerChat } from './routes/case-details.cjs';
import { startFileHost } from './file-host.cjs';

export * from './types.cjs';

export const DEFAULT_API_KEY = 'sandbox-api-key';

/** Room for ten files at Debitura's 25 MB limit, and then some; the sandbox keeps them in memory. */
export const DEFAULT_FILE_STORAGE_LIMIT_BYTES = 256 * 1024 * 1024;

/**
 * Starts a Debitura Customer API fake on 127.0.0.1 and returns a handle to drive it.
 * See types.ts for the option defaults and what each method does.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const core = new SandboxCore(
		options.apiKey ?? DEFAULT_API_KEY,
		options.paymentOrder ?? 'newest-first',
		options.fileStorageLimitBytes ?? DEFAULT_FILE_STORAGE_LIMIT_BYTES,
		{
			allowLoopback: options.webhookLoopback ?? false,
			retryScale: options.webhookRetryScale ?? 1,
			timeoutMs: options.webhookTimeoutMs ?? DELIVERY_TIMEOUT_MS,
		},
	);
	const delays = new DelayTracker();
	const server = createServer(createRequestHandler(core, delays));
	// Tests create bursts of short-lived connections; do not let idle keep-alives hold close() up.
	server.keepAliveTimeout = 1000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	core.baseUrl = `http://127.0.0.1:${port}`;
	const fileHost = await startFileHost(core);
	core.fileBaseUrl = fileHost.url;
	if (options.demoData) core.seedDemoData();

	return {
		url: core.baseUrl,
		apiKey: core.apiKey,
		requests: core.requests,
		fileHostUrl: fileHost.url,
		fileHostRequests: fileHost.requests,
		close: () =>
			fileHost.close().then(
				() =>
					new Promise<void>((resolve, reject) => {
						delays.cancelAll();
						core.webhooks.stop();
						server.close((error) => (error ? reject(error) : resolve()));
						server.closeAllConnections();
					}),
			),
		setFileHostLength: (mode) => {
			core.fileLength = mode;
		},
		setFileLinkBase: (base) => {
			core.fileBaseUrl = base ?? fileHost.url;
		},
		reset: () => {
			core.reset();
			core.fileLength = 'declared';
			core.fileBaseUrl = fileHost.url;
			fileHost.requests.length = 0;
		},
		setPaymentOrder: (order) => {
			core.paymentOrder = order;
		},
		setCaseSort: (mode) => {
			core.caseSort = mode;
		},
		updateCase: (id, update) => core.updateCase(id, update),
		setContractsSigned: (signed) => core.setContractsSigned(signed),
		seedDemoData: () => core.seedDemoData(),
		createCase: (input) => core.createCase(input),
		getCase: (id) => core.getCase(id),
		listCases: () => core.listCases(),
		addPayment: (payment) => core.addPayment(payment),
		editPayment: (id, patch) => core.editPayment(id, patch),
		deletePayment: (id) => core.deletePayment(id),
		listPayments: () => core.listPayments(),
		orderedPaymentIds: () => core.orderedPaymentIds(),
		getFile: (caseId, fileId) => core.getFile(caseId, fileId),
		addPartnerChat: (caseId, message, options) => {
			addPartnerChat(core.store, core.webhooks, caseId, message, core.now(), options);
		},
		injectFault: (fault) => core.injectFault(fault),
		clearFaults: () => core.faults.clear(),
		webhooks: sandboxWebhooks(core),
	};
}
