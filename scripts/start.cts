/**
 * `npm start`: n8n with this package installed, next to a Debitura sandbox, ready to click through.
 *
 *   1. installs the n8n app folder (e2e/n8n-app) on first use,
 *   2. packs this package and installs it the way n8n installs community packages,
 *   3. starts the sandbox with demo data, saves a credential for it and imports the examples,
 *   4. starts n8n on 127.0.0.1, creates the owner account and prints how to log in.
 *
 * Everything n8n stores lives in .n8n-local/ and is reused by the next run. Ctrl-C stops it all.
 * `npm start -- --reimport` imports the credential and examples again even if unchanged.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox/index.cjs';
import { ensureAppInstalled } from './n8n/app-install.cjs';
import { N8N_ON_NODE20 } from './n8n/apps.cjs';
import { installPackageInto } from './n8n/community-package.cjs';
import type { N8nInstance } from './n8n/instance.cjs';
import { LOCAL_OWNER } from './n8n/local-owner.cjs';
import { freePortFrom } from './n8n/ports.cjs';
import { REPO_ROOT } from './n8n/repo.cjs';
import { N8nRestSession } from './n8n/rest-session.cjs';
import { SANDBOX_CREDENTIAL } from './n8n/sandbox-credential.cjs';
import { printWelcome } from './n8n/welcome.cjs';
import { startN8n, type RunningN8n } from './n8n/server.cjs';
import { importStarterData } from './n8n/starter-data.cjs';

const USER_FOLDER = path.join(REPO_ROOT, '.n8n-local');
/** The key .n8n-local/ was created with; it must stay the same for n8n to read its own credentials. */
const LOCAL_ENCRYPTION_KEY = 'debitura-local-sandbox-only';

const say = (line: string) => console.log(`▸ ${line}`);

let sandbox: Sandbox | undefined;
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
		say('Stopped.');
	}
	process.exit(exitCode);
}

/** n8n 2.8.4 runs on Node 20.19 up to 24; say so before a multi-minute install, not after. */
function checkNodeVersion(): void {
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (major < 20 || (major === 20 && minor < 19) || major > 24) {
		throw new Error(`n8n 2.8.4 needs Node.js 20.19 to 24.x; this is ${process.version}.`);
	}
}

async function main(): Promise<void> {
	const reimport = process.argv.includes('--reimport');
	// A second Ctrl-C while stopping: stop waiting (process-group.cts still kills what is left).
	const onSignal = () => (stopping ? process.exit(130) : void stopEverything(0));
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	checkNodeVersion();
	await ensureAppInstalled(N8N_ON_NODE20, say);
	mkdirSync(USER_FOLDER, { recursive: true });
	await installPackageInto(USER_FOLDER);
	say(`Installed the packed n8n-nodes-debitura into ${path.relative(REPO_ROOT, USER_FOLDER)}/.n8n/nodes.`);

	const sandboxPort = await freePortFrom(5688);
	const n8nPort = await freePortFrom(5678, [sandboxPort]);
	const brokerPort = await freePortFrom(5679, [sandboxPort, n8nPort]);

	sandbox = await startSandbox({ port: sandboxPort, demoData: true });
	say(`Debitura sandbox with demo data on ${sandbox.url}.`);

	const instance: N8nInstance = {
		app: N8N_ON_NODE20,
		userFolder: USER_FOLDER,
		port: n8nPort,
		brokerPort,
		encryptionKey: LOCAL_ENCRYPTION_KEY,
		logLevel: 'info',
	};
	await importStarterData(instance, sandbox, { force: reimport, log: say });

	say(`Starting ${instance.app.label} on http://127.0.0.1:${n8nPort} …`);
	n8n = startN8n(instance, { onLine: (line) => console.log(`  [n8n] ${line}`) });
	void n8n.exited.then((code) => {
		if (!stopping) {
			say(`n8n exited by itself (code ${code}).`);
			void stopEverything(code ?? 1);
		}
	});
	await n8n.ready;

	const session = new N8nRestSession(n8n.url);
	const created = await session.setupOwner(LOCAL_OWNER);
	// An owner from an earlier run may have changed the password in the editor: theirs to know, not fatal.
	const loginWorks = await session.login(LOCAL_OWNER).then(
		() => true,
		() => false,
	);

	printWelcome({
		editorUrl: n8n.url,
		owner: LOCAL_OWNER,
		ownerCreated: created,
		loginWorks,
		sandboxUrl: sandbox.url,
		sandboxApiKey: sandbox.apiKey,
		credentialName: SANDBOX_CREDENTIAL.name,
	});
}

main().catch((error: Error) => {
	console.error(`\n✖ ${error.message}`);
	void stopEverything(1);
});
