import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import type { N8nApp } from '../../../scripts/n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../../../scripts/n8n/cli.cjs';
import { startN8n, type RunningN8n } from '../../../scripts/n8n/server.cjs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.cjs';
import { startCollector, type Collector } from './collector.cjs';
import { isWorkflowActive, parseJsonLogs } from './json-logs.cjs';
import { importSandboxCredential } from './sandbox-credential-import.cjs';
import { createTestInstance, type TestInstance } from './test-instance.cjs';
import { waitFor } from './wait.cjs';
import {
	pollEveryMinuteAt,
	postEachItemTo,
	writeWorkflow,
	type WorkflowJson,
} from './workflows.cjs';

/** n8n polls once a minute at most; a poll plus its execution may take this long to reach the collector. */
export const POLL_WAIT_MS = 100_000;
/** After the expected records arrived: time for a duplicate, should one be on its way. */
export const QUIET_MS = 5_000;

export interface PublishedWorkflow {
	workflow: WorkflowJson;
	/** The poll trigger nodes, by name. */
	triggers: string[];
	/** The node whose items the collector receives. */
	lastNode: string;
}

/**
 * Polling workflows published in a real n8n against a sandbox with demo data, each workflow's items
 * posted to a collector of its own: the set-up the polling-trigger scenarios share. Usage: `create`,
 * make the history the trigger must not report, `publish` the workflows, then `startAndActivate`
 * (again after `stopN8n` for a restart), and `dispose` at the end.
 */
export class PublishedPoller {
	private readonly collectors: Collector[] = [];
	n8n: RunningN8n | undefined;
	/** The published workflows' ids, each with its trigger nodes' names. */
	private readonly published: Array<{ id: string; triggers: string[] }> = [];

	private constructor(
		readonly sandbox: Sandbox,
		readonly test: TestInstance,
	) {}

	static async create(app: N8nApp): Promise<PublishedPoller> {
		const sandbox = await startSandbox({ demoData: true });
		const test = await createTestInstance(app);
		await importSandboxCredential(test.instance, sandbox);
		return new PublishedPoller(sandbox, test);
	}

	/**
	 * Imports and publishes the workflows (one import for all: each n8n command is an n8n start-up),
	 * their poll triggers set to every minute at the second about 40 s from now (after n8n is up and
	 * the test's first events are in), each one's `lastNode` items posted to a collector of its own.
	 * Returns the collectors, in the order of the workflows.
	 */
	async publish(...workflows: PublishedWorkflow[]): Promise<Collector[]> {
		const second = new Date(Date.now() + 40_000).getUTCSeconds();
		const folder = mkdtempSync(path.join(this.test.instance.userFolder, 'workflows-'));
		const collectors: Collector[] = [];
		for (const { workflow, triggers, lastNode } of workflows) {
			for (const trigger of triggers) pollEveryMinuteAt(workflow, trigger, second);
			const collector = await startCollector();
			collectors.push(collector);
			postEachItemTo(workflow, lastNode, collector.url);
			writeWorkflow(folder, workflow);
		}
		await importWorkflows(this.test.instance, folder, true);
		for (const { workflow, triggers } of workflows) {
			await publishWorkflow(this.test.instance, workflow.id);
			this.published.push({ id: workflow.id, triggers });
		}
		this.collectors.push(...collectors);
		return collectors;
	}

	/** Starts n8n and waits until every published workflow is active: each of its triggers' activation polls has read the sandbox. */
	async startAndActivate(): Promise<void> {
		const n8n = startN8n(this.test.instance);
		this.n8n = n8n;
		await n8n.ready;
		for (const { id, triggers } of this.published) {
			await waitFor(
				`workflow ${id} to be activated`,
				() => (isWorkflowActive(parseJsonLogs(n8n.logs), id, triggers) ? true : undefined),
				60_000,
			);
		}
	}

	async stopN8n(): Promise<void> {
		await this.n8n?.stop();
	}

	async dispose(): Promise<void> {
		await this.n8n?.stop();
		for (const collector of this.collectors) await collector.close();
		await this.sandbox.close();
		this.test.dispose();
	}
}
