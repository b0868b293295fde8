/**
 * Runs a polling trigger the way n8n's active-workflow manager does: n8n-core's
 * `PollTriggerExecutor` drives the node's `poll()` through a real `PollContext`, with the
 * workflow's static data kept between polls. What survives a restart is modelled on n8n's own
 * rules: the static data is written to the database when a poll emits items (every n8n version),
 * and after a quiet poll only where the engine commits poll cursors (newer versions).
 */
import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { makeAdditionalData } from './additional-data.cjs';
import { TestCredentialsHelper } from './credentials-helper.cjs';
import { NODE, loadTypes, type LoadedTypes } from './node-types.cjs';
import { CREDENTIAL_TYPE } from './run-workflow.cjs';

/**
 * The logger n8n-core gives nodes as `this.logger`: n8n-core's own copy of @n8n/backend-common
 * may differ from the one at the top of node_modules, so it is resolved from n8n-core.
 */
export function n8nCoreLogger(): {
	warn: (...args: unknown[]) => void;
	info: (...args: unknown[]) => void;
} {
	const fromCore = require.resolve('@n8n/backend-common', { paths: [require.resolve('n8n-core')] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger } = require(fromCore) as { Logger: new () => unknown };
	return Container.get(Logger as never);
}

export interface TriggerOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** n8n versions that commit a quiet poll's cursor (2.x durable scheduler) keep static data without an emit. */
	persistQuietPolls?: boolean;
	/** What `getPollBudgetMs()` answers; omit for an engine without poll budgets. */
	pollBudgetMs?: number;
	/** The trigger node's type; the Payment Trigger by default. */
	nodeType?: string;
}

export class TriggerUnderTest {
	/** The static data as last written to "the database". */
	private saved: IDataObject = {};

	private workflow!: Workflow;

	private readonly node: INode;

	/** Everything the trigger emitted, poll by poll. */
	readonly emitted: INodeExecutionData[][] = [];

	/** Errors reported to n8n's error workflow (polls after activation do not throw). */
	readonly errors: Error[] = [];

	private readonly options: TriggerOptions;

	private constructor(
		private readonly types: LoadedTypes,
		options: TriggerOptions,
	) {
		this.options = { ...options };
		this.node = {
			id: 'payment-trigger',
			name:
				options.nodeType === NODE.caseTrigger
					? 'Debitura Case Trigger'
					: 'Debitura Payment Trigger',
			type: options.nodeType ?? NODE.paymentTrigger,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Debitura account' } },
		};
		this.restart();
	}

	static async create(options: TriggerOptions): Promise<TriggerUnderTest> {
		return new TriggerUnderTest(await loadTypes(), options);
	}

	/** An n8n restart: the running workflow is rebuilt from what the database holds. */
	restart(): void {
		this.workflow = this.workflowFromDatabase();
	}

	/** The running workflow as n8n builds it from the database: its own copy of the saved static data. */
	private workflowFromDatabase(): Workflow {
		return new Workflow({
			id: 'pollwf',
			name: 'Payments',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.types,
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
		});
	}

	/** The workflow's credential now holds other data (another key, environment or account); the node keeps its credential reference. */
	setCredentials(credentials: ICredentialDataDecryptedObject): void {
		this.options.credentials = credentials;
	}

	/** What `getPollBudgetMs()` answers from the next poll on; undefined: an engine without poll budgets. */
	setPollBudget(pollBudgetMs: number | undefined): void {
		this.options.pollBudgetMs = pollBudgetMs;
	}

	/** The node's static data as the running workflow holds it now. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** The static data as the database holds it. */
	get savedStaticData(): IDataObject {
		return this.saved;
	}

	private persist(): void {
		// What a database round trip does: plain JSON, proxies and all.
		this.saved = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	/** The node's cursor row under n8n's durable scheduler, as the database holds it (undefined: no row yet). */
	private cursorRow: IDataObject | undefined;

	/** The cursor row as the database holds it now, to hand a later task as what it read at its start. */
	get durableCursorRow(): IDataObject | undefined {
		return this.cursorRow === undefined
			? undefined
			: (JSON.parse(JSON.stringify(this.cursorRow)) as IDataObject);
	}

	/**
	 * One poll under n8n's durable scheduler (2.36+, opt-in), modelled on how n8n 2.41.1 runs it. The
	 * task reads the node's cursor row and the workflow (with its global static data) when it starts —
	 * here, when `durableTask` is called — and the poll works on copies of both. A scheduled poll that
	 * emits commits its cursor with the execution and saves the global static data; a quiet one commits
	 * its cursor alone. The activation poll (`activation`) commits no cursor; n8n saves the workflow's
	 * global static data after activation. `cursorRowAsOf` replaces what the task read with a row read
	 * earlier (a task whose read of the row came before another poll's commit).
	 */
	durableTask(options: { activation?: boolean; cursorRowAsOf?: IDataObject | undefined } = {}): {
		run: () => Promise<INodeExecutionData[] | null>;
	} {
		const activation = options.activation === true;
		const row = 'cursorRowAsOf' in options ? options.cursorRowAsOf : this.cursorRow;
		const snapshot = JSON.parse(JSON.stringify(row ?? {})) as IDataObject;
		const unchanged = JSON.stringify(snapshot);
		const workflow = this.workflowFromDatabase();
		const commit = () => {
			if (!activation && JSON.stringify(snapshot) !== unchanged)
				this.cursorRow = JSON.parse(JSON.stringify(snapshot)) as IDataObject;
		};
		const saveGlobal = () => {
			this.saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		};
		return {
			run: async () => {
				const credentialsHelper = new TestCredentialsHelper(this.types);
				credentialsHelper.set(CREDENTIAL_TYPE, this.options.credentials);
				const workflowData = {
					id: workflow.id,
					name: 'Payments',
					nodes: [this.node],
					connections: {},
				} as unknown as IWorkflowBase;
				const additionalData = makeAdditionalData(
					credentialsHelper,
					'trigger',
					workflowData,
					`poll-${Date.now()}`,
				);
				let emitted: INodeExecutionData[] | null = null;
				const budgetMs = this.options.pollBudgetMs ?? 40_000;
				const context = new PollContext(
					workflow,
					this.node,
					additionalData,
					'trigger',
					// n8n 2.41.1 gives scheduled tasks 'update'; the activation poll the publication's mode.
					activation ? 'activate' : 'update',
					(data) => {
						emitted = data[0] ?? [];
						this.emitted.push(emitted);
						saveGlobal();
						commit();
					},
					(error) => {
						this.errors.push(error);
					},
					async () => commit(),
					undefined,
					() => snapshot,
					() => budgetMs,
				);
				const run = Container.get(PollTriggerExecutor).create(
					workflow,
					this.node,
					context,
					() => true,
				);
				await run(activation);
				if (activation) saveGlobal();
				return emitted;
			},
		};
	}

	/**
	 * One scheduled poll (or, with `manual`, "Fetch Test Event"). Returns the items emitted, or
	 * null. A manual fetch's error is thrown, as n8n shows it in the editor.
	 */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<INodeExecutionData[] | null> {
		const credentialsHelper = new TestCredentialsHelper(this.types);
		credentialsHelper.set(CREDENTIAL_TYPE, this.options.credentials);
		const workflowData = {
			id: this.workflow.id,
			name: 'Payments',
			nodes: [this.node],
			connections: {},
		} as unknown as IWorkflowBase;
		const additionalData = makeAdditionalData(
			credentialsHelper,
			mode,
			workflowData,
			`poll-${Date.now()}`,
		);
		let emitted: INodeExecutionData[] | null = null;
		const { pollBudgetMs } = this.options;
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalData,
			mode,
			'activate',
			(data) => {
				emitted = data[0] ?? [];
				this.emitted.push(emitted);
				// A triggered execution saves the workflow's static data when it changed.
				this.persist();
			},
			(error) => {
				this.errors.push(error);
			},
			async () => {
				if (this.options.persistQuietPolls) this.persist();
			},
			undefined,
			undefined,
			pollBudgetMs === undefined ? undefined : () => pollBudgetMs,
		);
		if (pollBudgetMs === undefined) {
			// An engine without poll budgets: the node must not find the method.
			Object.defineProperty(context, 'getPollBudgetMs', { value: undefined });
		}
		const run = Container.get(PollTriggerExecutor).create(
			this.workflow,
			this.node,
			context,
			() => true,
		);
		await run(mode === 'manual');
		return emitted;
	}
}
