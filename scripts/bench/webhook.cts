/**
 * Debitura Trigger in real n8n: how long from the sandbox sending a delivery to the workflow
 * running, and whether a burst of deliveries gives one execution each. The workflow is Debitura
 * Trigger → HTTP Request posting the event id to a local collector; the latency of one delivery
 * is the collector's arrival time minus the sandbox's send time (same process, same clock), so it
 * covers signature check, execution start and the one HTTP Request node.
 *
 *   import { benchWebhook } from './bench/webhook.cjs';
 *   const result = await benchWebhook();            // newest installed n8n, 100 deliveries
 *   console.log(formatWebhookBench(result));
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { startSandbox, type Sandbox } from '../../sandbox/index.cjs';
import { importSandboxCredential } from '../../test/e2e/support/sandbox-credential-import.cjs';
import { createTestInstance } from '../../test/e2e/support/test-instance.cjs';
import { N8N_ON_NODE20, N8N_ON_NODE24, isInstalled, type N8nApp } from '../n8n/apps.cjs';
import { importWorkflows, publishWorkflow } from '../n8n/cli.cjs';
import { SANDBOX_CREDENTIAL } from '../n8n/sandbox-credential.cjs';
import { startN8n } from '../n8n/server.cjs';
import { fmt, table } from './stats.cjs';

export interface WebhookBenchResult {
	app: string;
	deliveries: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
	burst: BurstResult;
}

/**
 * `count` deliveries sent at once. `timeToAllMs` is null when not every event ran within the wait; `failedAttempts` counts
 * what n8n did not answer with 2xx (each then retried); `answeredInTime` how many first attempts got a 2xx within Debitura's
 * 10 s, and `answerMs` the time from the sandbox sending a first attempt to its answer (those answered at all).
 */
export interface BurstResult {
	sent: number;
	executions: number;
	distinctEvents: number;
	timeToAllMs: number | null;
	failedAttempts: number;
	failures: string[];
	answeredInTime: number;
	answerMs: { p50: number; p95: number; max: number } | null;
}

export type TimedCollector = Awaited<ReturnType<typeof startTimedCollector>>;

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function startTimedCollector() {
	const arrivals: Array<{ id: string; at: number }> = [];
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const at = Date.now();
			arrivals.push({
				id: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string }).id,
				at,
			});
			response.writeHead(200).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
		arrivals,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Debitura Trigger (test cases, case.created and case.updated, no case details) → HTTP Request posting the event id to the collector. */
export function benchWorkflow(collectorUrl: string) {
	return {
		id: 'benchWebhookWf',
		name: 'bench webhook',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'bench-trigger',
				name: 'Debitura Event',
				type: 'n8n-nodes-debitura.debituraTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: '5f0c2c7e-6a1b-4c1e-9d1e-b3e4c0de0001',
				parameters: {
					events: ['case.created', 'case.updated'],
					cases: 'test',
					includeCaseDetails: false,
				},
				credentials: { debituraApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name } },
			},
			{
				id: 'bench-post',
				name: 'Post',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'POST',
					url: collectorUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify({ id: $json.id }) }}',
					options: {},
				},
			},
		],
		connections: { 'Debitura Event': { main: [[{ node: 'Post', type: 'main', index: 0 }]] } },
	};
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** One test case opened and its case.created run through to the collector: the chain works before anything is timed. */
export async function warmUp(sandbox: Sandbox, collector: TimedCollector) {
	const before = collector.arrivals.length;
	const testCase = sandbox.createCase({
		isTest: true,
		currencyCode: 'EUR',
		amountToRecover: 100,
		debtor: {
			type: 'Company',
			name: 'Bench GmbH',
			address: 'A 1',
			city: 'Berlin',
			countryAlpha2: 'DE',
		},
	});
	await until(() => collector.arrivals.length === before + 1, 30_000, 'the case.created warm-up');
	return testCase;
}

/**
 * Opens `count` test cases at once (each a case.created delivery to the subscribed URL) and waits for their executions to
 * reach the collector; the warm-up case's event is left out of the figures.
 */
export async function measureBurst(
	sandbox: Sandbox,
	collector: TimedCollector,
	count: number,
	warmUpCaseId: string,
): Promise<BurstResult> {
	// All at once: `count` new test cases, each a case.created delivery.
	const arrivedBefore = collector.arrivals.length;
	const burstStart = Date.now();
	for (let i = 0; i < count; i++) {
		sandbox.createCase({
			isTest: true,
			currencyCode: 'EUR',
			amountToRecover: 100 + i,
			debtor: {
				type: 'Company',
				name: `Burst ${i}`,
				address: 'A 1',
				city: 'Berlin',
				countryAlpha2: 'DE',
			},
		});
	}
	let timeToAllMs: number | null = null;
	try {
		await until(
			() => collector.arrivals.length - arrivedBefore >= count,
			180_000,
			`${count} burst executions`,
		);
		timeToAllMs = Date.now() - burstStart;
	} catch {
		// Reported below as fewer executions than sent.
	}
	await new Promise((resolve) => setTimeout(resolve, 3_000));
	const burst = collector.arrivals.slice(arrivedBefore);
	const burstIds = new Set(
		sandbox.webhooks
			.events()
			.filter((event) => event.eventType === 'case.created' && event.caseId !== warmUpCaseId)
			.map((event) => event.id),
	);
	const failed = sandbox.webhooks
		.attempts()
		.filter(
			(attempt) =>
				burstIds.has(attempt.eventId) && !(attempt.status !== null && attempt.status < 300),
		);
	const failures = [
		...new Set(
			failed.map((attempt) =>
				attempt.status === null ? (attempt.error ?? 'no answer') : `HTTP ${attempt.status}`,
			),
		),
	];
	const first = sandbox.webhooks
		.attempts()
		.filter(
			(attempt) =>
				burstIds.has(attempt.eventId) && attempt.attempt === 1 && attempt.kind === 'event',
		);
	const answered = first.filter(
		(attempt) => attempt.status !== null && attempt.status < 300 && attempt.answeredAt !== null,
	);
	const answerTimes = answered.map((attempt) => attempt.answeredAt! - attempt.sentAt);
	return {
		sent: count,
		executions: burst.length,
		distinctEvents: new Set(burst.map((a) => a.id)).size,
		timeToAllMs,
		failedAttempts: failed.length,
		failures,
		answeredInTime: answered.length,
		answerMs: answerTimes.length
			? {
					p50: percentile(answerTimes, 50),
					p95: percentile(answerTimes, 95),
					max: Math.max(...answerTimes),
				}
			: null,
	};
}

export async function benchWebhook(
	app: N8nApp = isInstalled(N8N_ON_NODE24) ? N8N_ON_NODE24 : N8N_ON_NODE20,
	count = 100,
): Promise<WebhookBenchResult> {
	// Retries compressed 100×: a failed attempt is retried within seconds, not minutes.
	const sandbox = await startSandbox({ webhookLoopback: true, webhookRetryScale: 0.01 });
	const collector = await startTimedCollector();
	const test = await createTestInstance(app);
	const n8n = { current: undefined as ReturnType<typeof startN8n> | undefined };
	try {
		const folder = mkdtempSync(path.join(test.instance.userFolder, 'workflows-'));
		const file = path.join(folder, 'bench.json');
		writeFileSync(file, JSON.stringify(benchWorkflow(collector.url)));
		await importSandboxCredential(test.instance, sandbox);
		await importWorkflows(test.instance, file, false);
		await publishWorkflow(test.instance, 'benchWebhookWf');
		n8n.current = startN8n(test.instance);
		await n8n.current.ready;
		await until(() => sandbox.webhooks.subscriptions().length === 1, 60_000, 'the subscription');

		// One after another: a current-state case.updated, then wait for it to arrive.
		const testCase = await warmUp(sandbox, collector);
		const latencies: number[] = [];
		for (let i = 0; i < count; i++) {
			const before = collector.arrivals.length;
			const response = await fetch(`${sandbox.url}/test/webhooks/fire`, {
				method: 'POST',
				headers: { XApiKey: sandbox.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({ event: 'case.updated', caseId: testCase.id }),
			});
			await response.text();
			await until(() => collector.arrivals.length > before, 30_000, `delivery ${i + 1}`);
			const arrival = collector.arrivals.at(-1)!;
			const sent = sandbox.webhooks.attempts().find((attempt) => attempt.eventId === arrival.id)!;
			latencies.push(arrival.at - sent.sentAt);
		}

		const burst = await measureBurst(sandbox, collector, count, testCase.id);
		return {
			app: app.label,
			deliveries: count,
			p50Ms: percentile(latencies, 50),
			p95Ms: percentile(latencies, 95),
			maxMs: Math.max(...latencies),
			burst,
		};
	} finally {
		await n8n.current?.stop();
		await collector.close();
		await sandbox.close();
		test.dispose();
	}
}

export function formatWebhookBench(result: WebhookBenchResult): string {
	return [
		`Debitura Trigger in ${result.app}: sandbox sends → workflow's HTTP Request arrives`,
		table(
			['deliveries', 'p50 ms', 'p95 ms', 'max ms'],
			[[result.deliveries, fmt.ms(result.p50Ms), fmt.ms(result.p95Ms), fmt.ms(result.maxMs)]],
		),
		'',
		formatBurstTable(result.burst),
	].join('\n');
}

/** The burst's one-row table: how many were answered in time, how fast, and whether each ran exactly once. */
export function formatBurstTable(burst: BurstResult): string {
	return table(
		[
			'sent at once',
			'answered within 10 s',
			'answer p50 / p95 / max ms',
			'executions',
			'distinct events',
			'all done in ms',
			'failed attempts (retried)',
		],
		[
			[
				burst.sent,
				burst.answeredInTime,
				burst.answerMs
					? `${fmt.ms(burst.answerMs.p50)} / ${fmt.ms(burst.answerMs.p95)} / ${fmt.ms(burst.answerMs.max)}`
					: '–',
				burst.executions,
				burst.distinctEvents,
				burst.timeToAllMs === null ? 'not all within 180 s' : fmt.ms(burst.timeToAllMs),
				`${burst.failedAttempts}${burst.failures.length ? ` (${burst.failures.join('; ')})` : ''}`,
			],
		],
	);
}
