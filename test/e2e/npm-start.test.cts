import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { DEFAULT_N8N_APP, isInstalled, whyNotRunnable } from '../../scripts/n8n/apps.cjs';
import { listExamples } from '../../scripts/n8n/examples.cjs';
import { REPO_ROOT } from '../../scripts/n8n/repo.cjs';
import { N8nRestSession } from '../../scripts/n8n/rest-session.cjs';
import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/sandbox-credential.cjs';
import { SCRIPTED_MODEL_CREDENTIAL } from '../../scripts/n8n/scripted-model-credential.cjs';
import { waitFor } from './support/wait.cjs';

/** An owner password and encryption key that have been public: npm start must not use them. */
const PUBLISHED_PASSWORD = 'Debitura-Sandbox-1';
const PUBLISHED_KEY = 'debitura-local-sandbox-only';

interface StartRun {
	child: ChildProcess;
	output: string[];
	editorUrl: string;
	password: string;
	encryptionKey: string;
}

/** Every npm start this file started, so a failed wait still stops it. */
const started: ChildProcess[] = [];

/** Packing (with its rebuild), two CLI imports and n8n's start-up take minutes on a busy 2-core machine. */
const START_TIMEOUT_MS = 540_000;

/**
 * `npm start` itself (build/scripts/start.cjs, what the npm script runs after building), with its data
 * in a temporary folder instead of .n8n-local. Resolves once it has printed how to log in.
 */
async function startLocal(dataFolder: string): Promise<StartRun> {
	const child = spawn(
		process.execPath,
		[path.join(REPO_ROOT, 'build', 'scripts', 'start.cjs'), '--data', dataFolder],
		{
			cwd: REPO_ROOT,
			env: { ...process.env, NODE_ENV: undefined },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	started.push(child);
	const output: string[] = [];
	for (const stream of [child.stdout!, child.stderr!])
		createInterface({ input: stream }).on('line', (line) => output.push(line));
	let exited = false;
	child.once('exit', () => (exited = true));
	const find = (pattern: RegExp) =>
		output.map((line) => pattern.exec(line)).find((match) => match !== null);
	const login = await waitFor(
		'npm start to print how to log in',
		() => {
			if (exited) throw new Error(`npm start exited early:\n${output.slice(-40).join('\n')}`);
			return find(/^ Log in: +owner@example\.com \/ (\S+)/) ?? undefined;
		},
		START_TIMEOUT_MS,
	);
	return {
		child,
		output,
		password: login[1],
		editorUrl: find(/^ n8n with n8n-nodes-debitura: +(http:\/\/127\.0\.0\.1:\d+)/)![1],
		encryptionKey: find(/^ n8n encryption key: +(\S+)/)![1],
	};
}

/** Ctrl-C, as a person would: npm start stops n8n and the sandbox and exits 0. */
function stopLocal(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
		child.once('exit', (code) => resolve(code));
		child.kill('SIGINT');
	});
}

const app = DEFAULT_N8N_APP;
const unavailable =
	whyNotRunnable(app) ??
	(isInstalled(app) ? undefined : `${app.label} is not installed (see e2e/README.md)`);

(unavailable ? describe.skip : describe)(
	`npm start on ${app.label}${unavailable ? `: ${unavailable}` : ''}`,
	() => {
		let dataFolder: string;
		let run: StartRun | undefined;

		beforeAll(() => {
			dataFolder = mkdtempSync(path.join(tmpdir(), 'n8n-debitura-npm-start-'));
		});
		afterAll(async () => {
			for (const child of started) await stopLocal(child);
			rmSync(dataFolder, { recursive: true, force: true });
		}, 60_000);

		it(
			'makes its own owner password and encryption key, private to the user, and prints them',
			async () => {
				run = await startLocal(dataFolder);
				const secretsFile = path.join(dataFolder, 'secrets.json');
				expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
				const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));
				expect(secrets).toEqual({ ownerPassword: run.password, encryptionKey: run.encryptionKey });
				expect(run.password).not.toBe(PUBLISHED_PASSWORD);
				expect(run.encryptionKey).not.toBe(PUBLISHED_KEY);

				// n8n runs with that key: the settings file it wrote into the user folder holds it.
				const n8nConfig = JSON.parse(
					readFileSync(path.join(dataFolder, `n8n-${app.version}`, '.n8n', 'config'), 'utf8'),
				);
				expect(n8nConfig.encryptionKey).toBe(run.encryptionKey);
				expect(run.output.join('\n')).toContain(`(${app.label})`);
			},
			START_TIMEOUT_MS + 60_000,
		);

		it('logs in over REST with the generated password only, and the credential and examples are there', async () => {
			const session = new N8nRestSession(run!.editorUrl);
			await expect(
				session.login({ email: 'owner@example.com', password: PUBLISHED_PASSWORD }),
			).rejects.toThrow(/failed with 401/);
			await session.login({ email: 'owner@example.com', password: run!.password });

			const credentials = await session.request<{
				data: Array<{ id: string; name: string; type: string }>;
			}>('GET', '/credentials');
			expect(credentials.status).toBe(200);
			expect(credentials.body.data).toEqual(
				expect.arrayContaining([
					expect.objectContaining(SANDBOX_CREDENTIAL),
					expect.objectContaining(SCRIPTED_MODEL_CREDENTIAL),
				]),
			);

			// The AI example's model: the scripted one npm start runs, on the loopback URL it printed.
			const modelUrl = run!.output
				.map((line) => / on (http:\/\/127\.0\.0\.1:\d+\/v1) /.exec(line)?.[1])
				.find(Boolean);
			expect(modelUrl).toBeDefined();
			const models = await fetch(`${modelUrl}/models`);
			expect(await models.json()).toMatchObject({ data: [{ id: 'scripted-model' }] });

			const workflows = await session.request<{ data: Array<{ id: string; name: string }> }>(
				'GET',
				'/workflows',
			);
			expect(workflows.status).toBe(200);
			const examples = listExamples().map(({ id, name }) => expect.objectContaining({ id, name }));
			expect(workflows.body.data).toEqual(expect.arrayContaining(examples));
		});

		it(
			'stops on Ctrl-C, and the next start reuses the same secrets and owner',
			async () => {
				expect(await stopLocal(run!.child)).toBe(0);
				const first = run!;
				run = await startLocal(dataFolder);
				expect({ password: run.password, encryptionKey: run.encryptionKey }).toEqual({
					password: first.password,
					encryptionKey: first.encryptionKey,
				});
				expect(run.output.join('\n')).toMatch(/Using the owner password and encryption key/);
				await new N8nRestSession(run.editorUrl).login({
					email: 'owner@example.com',
					password: run.password,
				});
				expect(existsSync(path.join(dataFolder, '.n8n'))).toBe(false);
			},
			START_TIMEOUT_MS + 60_000,
		);
	},
);
