import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

import { instanceUrl, n8nEnvironment, type N8nInstance } from './instance.cjs';
import { stopGroup, trackGroup } from './process-group.cjs';

export interface RunningN8n {
	url: string;
	child: ChildProcess;
	/** Every line n8n wrote so far (stdout and stderr). */
	logs: string[];
	/** Resolves when the REST API answers; rejects if n8n exits first. */
	ready: Promise<void>;
	/** Resolves with the exit code once n8n has exited. */
	exited: Promise<number | null>;
	stop(): Promise<void>;
}

export interface StartOptions {
	/** Called for every log line, e.g. to show n8n's output to a person. */
	onLine?: (line: string) => void;
	readyTimeoutMs?: number;
	/**
	 * Which n8n process: `start` (the main: editor, REST API, triggers and polls), or in queue mode a
	 * `worker` (runs executions taken from Redis) or a `webhook` processor (receives production webhooks).
	 */
	command?: 'start' | 'worker' | 'webhook';
	/** Queue-mode processes have no REST API: the URL that answers 200 once the process is ready. */
	readyUrl?: string;
}

const MAX_KEPT_LINES = 50_000;

/** `n8n start` (or another process kind) for the instance, in its own process group (see process-group.cts). */
export function startN8n(instance: N8nInstance, options: StartOptions = {}): RunningN8n {
	const url = instanceUrl(instance);
	const child = spawn(instance.app.nodeBinary, [instance.app.n8nBin, options.command ?? 'start'], {
		env: n8nEnvironment(instance),
		cwd: instance.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	trackGroup(child);
	const logs: string[] = [];
	for (const stream of [child.stdout, child.stderr]) {
		createInterface({ input: stream! }).on('line', (line) => {
			// Bounded for an n8n that runs for days under `npm start`; start-up lines are long gone by then.
			if (logs.length >= MAX_KEPT_LINES) logs.shift();
			logs.push(line);
			options.onLine?.(line);
		});
	}
	// 'close' rather than 'exit': by then the last lines n8n wrote (often the reason it stopped) are in `logs`.
	const exited = new Promise<number | null>((resolve) =>
		child.once('close', (code) => resolve(code)),
	);
	const ready = waitUntilReady(
		options.readyUrl ?? `${url}/rest/settings`,
		exited,
		logs,
		options.readyTimeoutMs ?? 180_000,
	);
	// A caller that never awaits `ready` must not get an unhandled rejection when n8n exits.
	ready.catch(() => undefined);
	return { url, child, logs, ready, exited, stop: () => stopGroup(child, 20_000) };
}

/**
 * Ready means the ready URL answers 200 with JSON (for the main, `GET /rest/settings`). `/healthz`
 * answers earlier, and while the database is being set up n8n answers every request with 200 "n8n is
 * starting up".
 */
async function waitUntilReady(
	readyUrl: string,
	exited: Promise<number | null>,
	logs: string[],
	timeoutMs: number,
): Promise<void> {
	let exitCode: number | null | undefined;
	void exited.then((code) => (exitCode = code));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exitCode !== undefined) {
			throw new Error(
				`n8n exited with ${exitCode} before it was ready:\n${logs.slice(-40).join('\n')}`,
			);
		}
		try {
			const response = await fetch(readyUrl, { signal: AbortSignal.timeout(5_000) });
			if (
				response.ok &&
				(response.headers.get('content-type') ?? '').includes('application/json')
			) {
				await response.json();
				return;
			}
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(
		`n8n at ${readyUrl} was not ready after ${timeoutMs / 1000} s:\n${logs.slice(-40).join('\n')}`,
	);
}
