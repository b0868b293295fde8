/**
 * The Debitura Trigger's burst in n8n's queue mode: one main (subscribes), two workers (run the
 * executions) and one webhook processor (receives the deliveries, checks each signature and queues
 * it), on PostgreSQL and Redis on loopback. The same workflow and the same burst as the single-process
 * bench (webhook.cts); only where n8n runs differs.
 *
 *   import { benchWebhookQueue, formatWebhookQueueBench } from './bench/webhook-queue.cjs';
 *   console.log(formatWebhookQueueBench(await benchWebhookQueue()));
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { startSandbox } from '../../sandbox/index.cjs';
import {
	startQueueCluster,
	type ClusterProcess,
	type QueueCluster,
} from '../../test/e2e/support/queue/cluster.cjs';
import { importSandboxCredential } from '../../test/e2e/support/sandbox-credential-import.cjs';
import { N8N_ON_NODE20, N8N_ON_NODE24, isInstalled, type N8nApp } from '../n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../n8n/cli.cjs';
import {
	benchWorkflow,
	formatBurstTable,
	measureBurst,
	startTimedCollector,
	until,
	warmUp,
	type BurstResult,
} from './webhook.cjs';

export interface WebhookQueueBenchResult {
	app: string;
	workers: number;
	webhookProcessors: number;
	/** Each worker's job concurrency as it logged it at start ("Concurrency: N"); null where it logged none. */
	workerConcurrency: Array<number | null>;
	burst: BurstResult;
}

/** The concurrency a worker reports at start; n8n takes N8N_CONCURRENCY_PRODUCTION_LIMIT over `--concurrency` (default 10) when set. */
function loggedConcurrency(worker: ClusterProcess): number | null {
	for (const line of worker.history) {
		const match = /Concurrency: (\d+)/.exec(line);
		if (match) return Number(match[1]);
	}
	return null;
}

export async function benchWebhookQueue(
	app: N8nApp = isInstalled(N8N_ON_NODE24) ? N8N_ON_NODE24 : N8N_ON_NODE20,
	count = 100,
	workerCount = 2,
	webhookCount = 1,
): Promise<WebhookQueueBenchResult> {
	// Retries compressed 100×, as in the single-process bench: a failed attempt is retried within seconds.
	const sandbox = await startSandbox({ webhookLoopback: true, webhookRetryScale: 0.01 });
	const collector = await startTimedCollector();
	let cluster: QueueCluster | undefined;
	// PostgreSQL and Redis run as daemons, outside the n8n process groups that are killed when this process
	// exits: should it exit without reaching `finally` (an uncaught error elsewhere, Ctrl-C), they are stopped here.
	const stopServices = () => cluster?.services.stop();
	const onSignal = () => process.exit(130);
	process.once('exit', stopServices);
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		cluster = await startQueueCluster(app, workerCount, webhookCount);
		const main = cluster.main.instance;
		await importSandboxCredential(main, sandbox);
		const folder = mkdtempSync(path.join(main.userFolder, 'workflows-'));
		const file = path.join(folder, 'bench.json');
		const workflow = benchWorkflow(collector.url);
		writeFileSync(file, JSON.stringify(workflow));
		await importWorkflows(main, file, false);
		await publishWorkflow(main, workflow.id);

		// The main first: it migrates the database, activates the trigger and subscribes with the
		// webhook processor's URL (WEBHOOK_URL); then the processes that receive and run.
		await cluster.start(cluster.main);
		await until(() => sandbox.webhooks.subscriptions().length === 1, 120_000, 'the subscription');
		await Promise.all(
			[...cluster.workers, ...cluster.webhooks].map((member) => cluster!.start(member)),
		);
		const [subscription] = sandbox.webhooks.subscriptions();
		if (!subscription.url.startsWith(`${cluster.webhookBaseUrl}/`)) {
			throw new Error(
				`The subscription's URL ${subscription.url} is not the webhook processor's (${cluster.webhookBaseUrl})`,
			);
		}

		const testCase = await warmUp(sandbox, collector);
		const burst = await measureBurst(sandbox, collector, count, testCase.id);
		return {
			app: app.label,
			workers: cluster.workers.length,
			webhookProcessors: cluster.webhooks.length,
			workerConcurrency: cluster.workers.map(loggedConcurrency),
			burst,
		};
	} finally {
		// Every n8n process, PostgreSQL and Redis, and their folders; then what they talked to.
		await cluster?.close();
		process.off('exit', stopServices);
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		await collector.close();
		await sandbox.close();
	}
}

export function formatWebhookQueueBench(result: WebhookQueueBenchResult): string {
	const concurrency = result.workerConcurrency
		.map((value) => (value === null ? '?' : String(value)))
		.join(' + ');
	return [
		`Debitura Trigger in ${result.app}, queue mode: 1 main, ${result.workers} workers (concurrency ${concurrency}), ${result.webhookProcessors} webhook processor${result.webhookProcessors === 1 ? '' : 's'}`,
		formatBurstTable(result.burst),
	].join('\n');
}
