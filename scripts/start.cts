/**
 * `npm start`: n8n with this package installed, next to a Debitura sandbox, ready to click through.
 *
 *   1. installs the n8n app folder (e2e/n8n-app-node24, or e2e/n8n-app for --n8n 2.8.4) on first use,
 *   2. makes the owner password and n8n's encryption key on first use (.n8n-local/secrets.json),
 *   3. packs this package and installs it the way n8n installs community packages,
 *   4. starts the sandbox with demo data and the scripted model the AI example talks to (no OpenAI
 *      key needed), saves a credential for each and imports the examples,
 *   5. starts n8n on 127.0.0.1, creates the owner account and prints how to log in.
 *
 * Everything n8n stores lives in .n8n-local/n8n-<version>/ and is reused by the next run (one folder
 * per n8n version: an older n8n must not open a database a newer one has migrated). Ctrl-C stops it all.
 *
 *   --n8n <version>  2.41.1 (default, on Node 24) or 2.8.4 (on the Node running this, 20.19 to 24)
 *   --reimport       import the credential and examples again even if unchanged
 *   --data <folder>  keep secrets and n8n data there instead of .n8n-local (for tests)
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox/index.cjs';
import { collectionsAssistantScript } from './n8n/assistant-demo-script.cjs';
import { ensureAppInstalled } from './n8n/app-install.cjs';
import { appForVersion, DEFAULT_N8N_APP, whyNotRunnable, type N8nApp } from './n8n/apps.cjs';
import { installPackageInto } from './n8n/community-package.cjs';
import type { N8nInstance } from './n8n/instance.cjs';
import { localOwner } from './n8n/local-owner.cjs';
import { loadOrCreateLocalSecrets } from './n8n/local-secrets.cjs';
import { freePortFrom } from './n8n/ports.cjs';
import { REPO_ROOT } from './n8n/repo.cjs';
import { N8nRestSession } from './n8n/rest-session.cjs';
import { SANDBOX_CREDENTIAL } from './n8n/sandbox-credential.cjs';
import { SCRIPTED_MODEL_CREDENTIAL } from './n8n/scripted-model-credential.cjs';
import { startScriptedModel, type ScriptedModel } from './n8n/scripted-model.cjs';
import { printWelcome } from './n8n/welcome.cjs';
import { startN8n, type RunningN8n } from './n8n/server.cjs';
import { importStarterData } from './n8n/starter-data.cjs';

interface StartOptions {
	app: N8nApp;
	reimport: boolean;
	localFolder: string;
}

function parseArguments(args: string[]): StartOptions {
	const options: StartOptions = {
		app: DEFAULT_N8N_APP,
		reimport: false,
		localFolder: path.join(REPO_ROOT, '.n8n-local'),
	};
	for (let i = 0; i < args.length; i++) {
		const [flag, inlineValue] = args[i].split('=', 2);
		const value = (): string => {
			const next = inlineValue ?? args[++i];
			if (next === undefined) throw new Error(`${flag} needs a value`);
			return next;
		};
		if (flag === '--reimport') options.reimport = true;
		else if (flag === '--n8n') options.app = appForVersion(value());
		else if (flag === '--data') options.localFolder = path.resolve(value());
		else
			throw new Error(
				`Unknown argument ${args[i]}. Usage: npm start -- [--n8n 2.41.1|2.8.4] [--reimport] [--data <folder>]`,
			);
	}
	return options;
}

const say = (line: string) => console.log(`▸ ${line}`);

let sandbox: Sandbox | undefined;
let scriptedModel: ScriptedModel | undefined;
let n8n: RunningN8n | undefined;
let stopping = false;

/** n8n first (it polls the sandbox until the end), then the sandbox. */
async function stopEverything(exitCode: number): Promise<never> {
	if (stopping) process.exit(exitCode);
	stopping = true;
	if (n8n || sandbox) {
		say('Stopping n8n and the sandbox…');
		await n8n?.stop();
		await sandbox?.close();
		await scriptedModel?.close();
		say('Stopped.');
	}
	process.exit(exitCode);
}

/** Inside the repository relative to it (".n8n-local/secrets.json"), elsewhere in full. */
function shown(file: string): string {
	const relative = path.relative(REPO_ROOT, file);
	return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
		? file
		: relative;
}

async function main(): Promise<void> {
	const { app, reimport, localFolder } = parseArguments(process.argv.slice(2));
	// A second Ctrl-C while stopping: stop waiting (process-group.cts still kills what is left).
	const onSignal = () => (stopping ? process.exit(130) : void stopEverything(0));
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	// Say so before a multi-minute install, not after.
	const problem = whyNotRunnable(app);
	if (problem) throw new Error(problem);
	await ensureAppInstalled(app, say);

	mkdirSync(localFolder, { recursive: true, mode: 0o700 });
	const { secrets, file: secretsFile, created } = loadOrCreateLocalSecrets(localFolder);
	say(
		created
			? `Made an owner password and an n8n encryption key: ${shown(secretsFile)}.`
			: `Using the owner password and encryption key in ${shown(secretsFile)}.`,
	);
	if (existsSync(path.join(localFolder, '.n8n'))) {
		say(
			`${shown(path.join(localFolder, '.n8n'))} is from an older npm start (published password and key) and is no longer used; delete it.`,
		);
	}
	const userFolder = path.join(localFolder, `n8n-${app.version}`);
	mkdirSync(userFolder, { recursive: true });
	await installPackageInto(userFolder);
	say(`Installed the packed n8n-nodes-debitura into ${shown(userFolder)}/.n8n/nodes.`);

	const sandboxPort = await freePortFrom(5688);
	const n8nPort = await freePortFrom(5678, [sandboxPort]);
	const brokerPort = await freePortFrom(5679, [sandboxPort, n8nPort]);
	const modelPort = await freePortFrom(5698, [sandboxPort, n8nPort, brokerPort]);

	sandbox = await startSandbox({ port: sandboxPort, demoData: true, webhookLoopback: true });
	say(`Debitura sandbox with demo data on ${sandbox.url}.`);
	scriptedModel = await startScriptedModel(collectionsAssistantScript(), { port: modelPort });
	say(
		`Scripted model for the AI example on ${scriptedModel.url} (OpenAI's Chat Completions API, pre-written answers).`,
	);

	const instance: N8nInstance = {
		app,
		userFolder,
		port: n8nPort,
		brokerPort,
		encryptionKey: secrets.encryptionKey,
		logLevel: 'info',
	};
	await importStarterData(instance, sandbox, { force: reimport, log: say, scriptedModel });

	say(`Starting ${instance.app.label} on http://127.0.0.1:${n8nPort} …`);
	n8n = startN8n(instance, { onLine: (line) => console.log(`  [n8n] ${line}`) });
	void n8n.exited.then((code) => {
		if (!stopping) {
			say(`n8n exited by itself (code ${code}).`);
			void stopEverything(code ?? 1);
		}
	});
	await n8n.ready;

	const owner = localOwner(secrets.ownerPassword);
	const session = new N8nRestSession(n8n.url);
	const ownerCreated = await session.setupOwner(owner);
	// An owner from an earlier run may have changed the password in the editor: theirs to know, not fatal.
	const loginWorks = await session.login(owner).then(
		() => true,
		() => false,
	);

	printWelcome({
		editorUrl: n8n.url,
		n8nLabel: app.label,
		owner,
		secretsFile: shown(secretsFile),
		encryptionKey: secrets.encryptionKey,
		ownerCreated,
		loginWorks,
		sandboxUrl: sandbox.url,
		sandboxApiKey: sandbox.apiKey,
		credentialName: SANDBOX_CREDENTIAL.name,
		scriptedModelUrl: scriptedModel.url,
		scriptedModelCredentialName: SCRIPTED_MODEL_CREDENTIAL.name,
		dataFolder: shown(userFolder),
	});
}

main().catch((error: Error) => {
	console.error(`\n✖ ${error.message}`);
	void stopEverything(1);
});
