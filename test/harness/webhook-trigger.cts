/**
 * Runs a webhook trigger the way n8n does, on n8n-core's real contexts:
 * - activation, restart and deactivation call the node's `webhookMethods` through a `HookContext`
 *   (checkExists, then create when it answers false; delete on deactivation), as n8n's
 *   WebhookService.createWebhookIfNotExists / deleteWebhook do;
 * - every HTTP request to the trigger's URL is served by a real loopback HTTP server, which reads
 *   the raw body like n8n's body parser (`req.rawBody` + parsed `req.body`) and calls the node's
 *   `webhook()` through a `WebhookContext`, then answers the way n8n's executeWebhook does
 *   (401 from the node itself, `webhookResponse`, or "Workflow was started" and an execution);
 * - static data is handled like n8n's database: each delivery reads the saved copy into a fresh
 *   Workflow and, if the node changed it (n8n's `__dataChanged`), saves the whole object once the
 *   execution is under way, so deliveries arriving together all see the copy from before any of
 *   them and the last save wins, as in n8n;
 * - a webhook method that answered through the response object itself and returns
 *   `{ noWebhookResponse: true, workflowData }` still starts an execution, as n8n's executeWebhook does;
 * - `restartProcess()` is n8n starting in a new process: the package is loaded again in a fresh
 *   module registry (jest.isolateModulesAsync), so nothing a node kept in module memory survives,
 *   while the saved static data (the database) does.
 * Only the express request/response surface the node touches (status, json, send, header) is
 * added to Node's own IncomingMessage/ServerResponse; everything the node calls on `this` is n8n-core.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { makeAdditionalData } from './additional-data.cjs';
import { TestCredentialsHelper } from './credentials-helper.cjs';
import { LoadedTypes, loadTypes, PACKAGE_NAME } from './node-types.cjs';
import { CREDENTIAL_TYPE } from './run-workflow.cjs';

export const WEBHOOK_TRIGGER_TYPE = `${PACKAGE_NAME}.debituraTrigger`;

export interface WebhookTriggerOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
}

/** What one HTTP request to the trigger got back. */
export interface ServedRequest {
	status: number;
	body: string;
	/** The items of the execution it started, if it started one. */
	started?: INodeExecutionData[];
	error?: Error;
	/** Whether n8n would have saved the workflow's static data after this request (the node changed it). */
	savedStaticData?: boolean;
}

type ExpressishRequest = IncomingMessage & {
	rawBody: Buffer;
	body: unknown;
	query: IDataObject;
	params: IDataObject;
	header(name: string): string | undefined;
};
type ExpressishResponse = ServerResponse & {
	status(code: number): ExpressishResponse;
	json(body: unknown): ExpressishResponse;
	send(body?: unknown): ExpressishResponse;
};

function expressishRequest(req: IncomingMessage, rawBody: Buffer, url: URL): ExpressishRequest {
	let body: unknown = {};
	if ((req.headers['content-type'] ?? '').includes('json') && rawBody.length > 0) {
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			body = {};
		}
	}
	return Object.assign(req, {
		rawBody,
		body,
		query: Object.fromEntries(url.searchParams),
		params: {},
		header: (name: string) => {
			const value = req.headers[name.toLowerCase()];
			return Array.isArray(value) ? value.join(', ') : value;
		},
	});
}

function expressishResponse(res: ServerResponse): ExpressishResponse {
	const wrapped = res as ExpressishResponse;
	wrapped.status = (code: number) => {
		res.statusCode = code;
		return wrapped;
	};
	wrapped.json = (body: unknown) => {
		res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(body));
		return wrapped;
	};
	wrapped.send = (body?: unknown) => {
		res.end(
			typeof body === 'string' || Buffer.isBuffer(body)
				? body
				: body === undefined
					? undefined
					: JSON.stringify(body),
		);
		return wrapped;
	};
	return wrapped;
}

export class WebhookTriggerUnderTest {
	/** Static data as "the database" holds it. */
	private saved: IDataObject = {};

	private readonly node: INode;

	private baseUrl = '';

	/** Every request served, in order of arrival. */
	readonly served: ServedRequest[] = [];

	private server!: Server;

	/** How long after the node answered n8n saves the static data; tests widen it to make overlaps certain. */
	saveDelayMs = 20;

	/** Requests whose handling (node, save, execution start) has not finished; the answer may be out already. */
	private readonly serving = new Set<Promise<void>>();

	/**
	 * Resolves once every request that arrived has been handled to the end. A node that answers
	 * through the response object first starts its execution after the sender has its answer.
	 */
	async settled(): Promise<void> {
		while (this.serving.size > 0) await Promise.allSettled([...this.serving]);
	}

	/** Answers the next request with this status without running the node (n8n starting up or overloaded). */
	failNext: number | undefined;

	/** While set, deliveries wait here before n8n's save (and answer): executions still "under way". */
	private saveGate: Promise<void> | undefined;

	private constructor(
		private types: LoadedTypes,
		private readonly options: WebhookTriggerOptions,
	) {
		this.node = {
			id: 'debitura-trigger',
			name: 'Debitura Trigger',
			type: WEBHOOK_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'a0d2b3c4-0000-4000-8000-00000000beef',
			parameters: options.parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Debitura account' } },
		};
	}

	static async start(options: WebhookTriggerOptions): Promise<WebhookTriggerUnderTest> {
		const trigger = new WebhookTriggerUnderTest(await loadTypes(), options);
		await trigger.listen();
		return trigger;
	}

	private async listen(): Promise<void> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const serving = this.serve(req, res, Buffer.concat(chunks));
				this.serving.add(serving);
				void serving.finally(() => this.serving.delete(serving));
			});
		});
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	/** The production webhook URL n8n would give Debitura. */
	get url(): string {
		return `${this.baseUrl}/webhook/${this.node.webhookId}/webhook`;
	}

	get testUrl(): string {
		return `${this.baseUrl}/webhook-test/${this.node.webhookId}/webhook`;
	}

	get savedStaticData(): IDataObject {
		return this.saved;
	}

	/** The started executions' items, in order. */
	get executions(): INodeExecutionData[][] {
		return this.served.flatMap((s) => (s.started ? [s.started] : []));
	}

	setParameters(parameters: INodeParameters): void {
		this.node.parameters = parameters;
	}

	/**
	 * Holds every delivery between the node's return and n8n's save of the static data until the
	 * returned function is called, so a test can act (re-publish, say) while deliveries are in flight.
	 */
	holdSaves(): () => void {
		let release!: () => void;
		this.saveGate = new Promise<void>((resolve) => {
			release = resolve;
		});
		return () => {
			this.saveGate = undefined;
			release();
		};
	}

	/** The user pointing the node's credential at other values (another key, another account). */
	setCredentials(credentials: ICredentialDataDecryptedObject): void {
		this.options.credentials = credentials;
	}

	/** Changes the saved static data as another program (an older version of the node, say) would have left it. */
	editStaticData(edit: (saved: IDataObject) => void): void {
		edit(this.saved);
	}

	/** The workflow's static data lost (a database restored from an old backup, an export/import without it). */
	wipeStaticData(): void {
		this.saved = {};
	}

	private workflow(): Workflow {
		return new Workflow({
			id: 'webhookwf',
			name: 'Debitura events',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.types,
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
		});
	}

	private save(workflow: Workflow): void {
		this.saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	}

	/** n8n's WorkflowStaticDataService.saveStaticData: writes the whole object, and only when a node changed it. */
	private saveIfChanged(workflow: Workflow): boolean {
		if (workflow.staticData.__dataChanged !== true) return false;
		this.save(workflow);
		return true;
	}

	private additionalData(mode: 'webhook' | 'manual'): IWorkflowExecuteAdditionalData {
		const credentialsHelper = new TestCredentialsHelper(this.types);
		credentialsHelper.set(CREDENTIAL_TYPE, this.options.credentials);
		const workflowData = {
			id: 'webhookwf',
			name: 'Debitura events',
			nodes: [this.node],
			connections: {},
		} as unknown as IWorkflowBase;
		const additionalData = makeAdditionalData(
			credentialsHelper,
			mode,
			workflowData,
			`webhook-${Date.now()}`,
		);
		additionalData.webhookBaseUrl = `${this.baseUrl}/webhook`;
		additionalData.webhookTestBaseUrl = `${this.baseUrl}/webhook-test`;
		return additionalData;
	}

	private webhookData(
		workflow: Workflow,
		additionalData: IWorkflowExecuteAdditionalData,
		isTest: boolean,
	): IWebhookData {
		const description = this.types.getByNameAndVersion(WEBHOOK_TRIGGER_TYPE, 1).description
			.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	/** Calls one of the node's webhookMethods the way n8n's WebhookService.runWebhookMethod does. */
	private async hook(
		method: 'checkExists' | 'create' | 'delete',
		workflow: Workflow,
		activation: WorkflowActivateMode,
		isTest: boolean,
	): Promise<boolean> {
		const additionalData = this.additionalData(isTest ? 'manual' : 'webhook');
		const nodeType = this.types.getByNameAndVersion(this.node.type, this.node.typeVersion);
		const fn = nodeType.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`${this.node.type} has no webhookMethods.default.${method}`);
		const context = new HookContext(
			workflow,
			this.node,
			additionalData,
			isTest ? 'manual' : 'webhook',
			activation,
			this.webhookData(workflow, additionalData, isTest),
		);
		return await fn.call(context);
	}

	/** Activation (or, with 'init', n8n starting up with the workflow active): checkExists, then create if needed. */
	async activate(
		activation: WorkflowActivateMode = 'activate',
		isTest = false,
	): Promise<{ created: boolean }> {
		const workflow = this.workflow();
		let exists: boolean;
		try {
			exists = await this.hook('checkExists', workflow, activation, isTest);
			if (!exists) await this.hook('create', workflow, activation, isTest);
		} catch (error) {
			// ActiveWorkflowManager: what the failed activation changed is not saved; n8n clears the
			// workflow's webhooks (delete, on the static data as saved) and saves that instead.
			const cleared = this.workflow();
			try {
				await this.hook('delete', cleared, 'update', isTest);
				this.saveIfChanged(cleared);
			} catch {
				// n8n logs this and reports the activation's own error.
			}
			throw error;
		}
		this.saveIfChanged(workflow);
		return { created: !exists };
	}

	/** ActiveWorkflowManager.remove: delete, then the static data saved unless delete threw. */
	async deactivate(isTest = false): Promise<boolean> {
		const workflow = this.workflow();
		const done = await this.hook('delete', workflow, 'update', isTest);
		this.saveIfChanged(workflow);
		return done;
	}

	/** n8n restarting: the workflow is rebuilt from the database and its webhooks checked again. */
	async restart(): Promise<{ created: boolean }> {
		return await this.activate('init');
	}

	/**
	 * n8n restarting as a new process: the package's modules are loaded afresh (what a node kept in
	 * module memory is gone), the saved static data stays, and activation runs with 'init'.
	 */
	async restartProcess(): Promise<{ created: boolean }> {
		let fresh: LoadedTypes | undefined;
		await jest.isolateModulesAsync(async () => {
			fresh = await LoadedTypes.load();
		});
		this.types = fresh!;
		return await this.restart();
	}

	private async serve(req: IncomingMessage, res: ServerResponse, rawBody: Buffer): Promise<void> {
		const url = new URL(req.url ?? '/', this.baseUrl);
		const record: ServedRequest = { status: 0, body: '' };
		this.served.push(record);
		const response = expressishResponse(res);
		const originalEnd = res.end.bind(res);
		res.end = ((chunk?: unknown, ...rest: unknown[]) => {
			record.status = res.statusCode;
			record.body = chunk === undefined ? '' : String(chunk);
			return (originalEnd as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
		}) as ServerResponse['end'];

		const isTest = url.pathname.startsWith('/webhook-test/');
		if (
			req.method !== 'POST' ||
			(url.pathname !== new URL(this.url).pathname &&
				url.pathname !== new URL(this.testUrl).pathname)
		) {
			response.status(404).json({ message: 'The requested webhook is not registered.' });
			return;
		}
		if (this.failNext !== undefined) {
			response.status(this.failNext).json({ message: 'n8n is not ready' });
			this.failNext = undefined;
			return;
		}
		// Like live-webhooks.ts: a fresh Workflow from the saved data for every request.
		const workflow = this.workflow();
		const additionalData = this.additionalData(isTest ? 'manual' : 'webhook');
		additionalData.httpRequest = expressishRequest(req, rawBody, url) as never;
		additionalData.httpResponse = response as never;
		const nodeType = this.types.getByNameAndVersion(this.node.type, this.node.typeVersion);
		let result: IWebhookResponseData;
		try {
			const context = new WebhookContext(
				workflow,
				this.node,
				additionalData,
				isTest ? 'manual' : 'webhook',
				this.webhookData(workflow, additionalData, isTest),
				[],
				null,
			);
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			record.error = error as Error;
			if (!res.headersSent)
				response.status(500).json({ code: 0, message: (error as Error).message });
			record.savedStaticData = this.saveIfChanged(workflow);
			return;
		}
		// n8n saves the static data only after it has stored and started the execution (database
		// round trips), so requests arriving together all read the same saved copy.
		await new Promise((resolve) => setTimeout(resolve, this.saveDelayMs));
		if (this.saveGate) await this.saveGate;
		record.savedStaticData = this.saveIfChanged(workflow);
		if (result.noWebhookResponse === true) {
			// The node answered itself; n8n still runs what it returned.
			if (result.workflowData !== undefined) record.started = result.workflowData[0];
			if (!res.writableEnded) res.end();
			return;
		}
		if (result.workflowData === undefined) {
			response.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		record.started = result.workflowData[0];
		response.status(200).json({ message: 'Workflow was started' });
	}
}
