import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { installPackedPackage, packPackage } from '../../../../scripts/n8n/community-package.cjs';
import type { N8nInstance } from '../../../../scripts/n8n/instance.cjs';
import { anyFreePorts } from '../../../../scripts/n8n/ports.cjs';
import { startN8n, type RunningN8n } from '../../../../scripts/n8n/server.cjs';
import { startQueueServices, type QueueServices } from './services.cjs';

/**
 * n8n in queue mode, as a team runs it at scale: one main (editor, REST API, triggers and polls), two
 * workers (run the executions taken from Redis) and webhook processors (receive production webhook
 * calls and queue them; a load balancer would spread calls over several), sharing PostgreSQL, Redis and
 * one encryption key. Each process has its own
 * user folder with the packed package installed the way n8n installs community packages, so a process
 * that lacked it would fail the test instead of borrowing another's copy.
 */

export type Role = 'main' | 'worker' | 'webhook';

export interface ClusterProcess {
	role: Role;
	/** For messages: "main", "worker 1", … */
	name: string;
	instance: N8nInstance;
	/** The URL that answers 200 once the process is ready. */
	readyUrl: string;
	running?: RunningN8n;
	/** Every log line of every run of this process, across restarts. */
	history: string[];
	/** Where the current run's lines begin in `history`. */
	runStartsAt: number;
}

export interface QueueCluster {
	services: QueueServices;
	main: ClusterProcess;
	workers: ClusterProcess[];
	/** The first webhook processor: the one production webhook URLs (WEBHOOK_URL) name. */
	webhook: ClusterProcess;
	/** Every webhook processor; the others receive what a load balancer would send them. */
	webhooks: ClusterProcess[];
	all: ClusterProcess[];
	/** Where production webhooks are called: the first webhook processor. */
	webhookBaseUrl: string;
	/** The base URL of each webhook processor, in the order of `webhooks`. */
	webhookBaseUrls: string[];
	start(process: ClusterProcess): Promise<void>;
	/** SIGTERM, n8n's graceful shutdown. */
	stop(process: ClusterProcess): Promise<void>;
	/** SIGKILL to the process and its task runner: a crash, no shutdown code runs. */
	kill(process: ClusterProcess): Promise<void>;
	close(): Promise<void>;
}

/**
 * Worker settings that make a crashed worker's job visible in seconds instead of the defaults' half
 * minute: the job lock expires after 5 s unless renewed, and the queue checks for stalled jobs every 5 s.
 */
const FAST_STALL_DETECTION = {
	QUEUE_WORKER_LOCK_DURATION: '5000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

export async function startQueueCluster(
	app: N8nApp,
	workerCount = 2,
	webhookCount = 1,
): Promise<QueueCluster> {
	const services = await startQueueServices();
	const tarball = await packPackage();
	const encryptionKey = randomBytes(16).toString('hex');
	const folders: string[] = [];
	const processes: ClusterProcess[] = [];
	try {
		const roles: Array<[Role, string]> = [
			['main', 'main'],
			...Array.from({ length: workerCount }, (_, index): [Role, string] => [
				'worker',
				`worker ${index + 1}`,
			]),
			...Array.from({ length: webhookCount }, (_, index): [Role, string] => [
				'webhook',
				webhookCount === 1 ? 'webhook processor' : `webhook processor ${index + 1}`,
			]),
		];
		const ports = await anyFreePorts(roles.length * 3);
		const firstWebhookRole = roles.findIndex(([role]) => role === 'webhook');
		const webhookBaseUrls = roles
			.map(([role], index) =>
				role === 'webhook' ? `http://127.0.0.1:${ports[index * 3]}` : undefined,
			)
			.filter((url): url is string => url !== undefined);
		const webhookBaseUrl = `http://127.0.0.1:${ports[firstWebhookRole * 3]}`;
		for (const [index, [role, name]] of roles.entries()) {
			const userFolder = mkdtempSync(path.join(tmpdir(), `n8n-debitura-queue-${role}-`));
			folders.push(userFolder);
			await installPackedPackage(tarball, userFolder);
			const [port, brokerPort, healthPort] = ports.slice(index * 3, index * 3 + 3);
			const env: Record<string, string> = {
				...services.n8nEnv,
				...FAST_STALL_DETECTION,
				// Production webhook URLs point at the webhook processor, the process that receives them.
				WEBHOOK_URL: `${webhookBaseUrl}/`,
			};
			// The main keeps the editor, the REST API and the triggers; production webhooks go to the processor.
			if (role === 'main') env.N8N_DISABLE_PRODUCTION_MAIN_PROCESS = 'true';
			if (role === 'worker') {
				Object.assign(env, {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				});
			}
			const instance: N8nInstance = {
				app,
				userFolder,
				port,
				brokerPort,
				encryptionKey,
				logLevel: 'debug',
				logFormat: 'json',
				env,
			};
			const readyUrl =
				role === 'main'
					? `http://127.0.0.1:${port}/rest/settings`
					: `http://127.0.0.1:${role === 'worker' ? healthPort : port}/healthz/readiness`;
			processes.push({ role, name, instance, readyUrl, history: [], runStartsAt: 0 });
		}

		const start = async (process: ClusterProcess) => {
			if (process.running) throw new Error(`${process.name} is already running`);
			process.runStartsAt = process.history.length;
			process.running = startN8n(process.instance, {
				command: process.role === 'main' ? 'start' : process.role,
				readyUrl: process.readyUrl,
				onLine: (line) => process.history.push(line),
			});
			await process.running.ready;
		};
		const stop = async (process: ClusterProcess) => {
			await process.running?.stop();
			process.running = undefined;
		};
		const kill = async (process: ClusterProcess) => {
			const running = process.running;
			if (!running?.child.pid) return;
			globalThis.process.kill(-running.child.pid, 'SIGKILL');
			await running.exited;
			await running.stop(); // Reaps anything of the group that is left.
			process.running = undefined;
		};

		return {
			services,
			main: processes[0],
			workers: processes.filter((process) => process.role === 'worker'),
			webhook: processes[firstWebhookRole],
			webhooks: processes.filter((process) => process.role === 'webhook'),
			all: processes,
			webhookBaseUrl,
			webhookBaseUrls,
			start,
			stop,
			kill,
			close: async () => {
				await Promise.all(processes.map(stop));
				services.stop();
				for (const folder of folders) rmSync(folder, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await Promise.all(processes.map((process) => process.running?.stop()));
		services.stop();
		for (const folder of folders) rmSync(folder, { recursive: true, force: true });
		throw error;
	} finally {
		rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}
