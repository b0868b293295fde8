import { spawn } from 'node:child_process';
import path from 'node:path';

import { isInstalled, type N8nApp } from './apps.cjs';
import { folderBytes } from './folder-size.cjs';

/** About what an n8n install puts on disk. */
const EXPECTED_BYTES = 2.3e9;

function runNpm(args: string[], cwd: string): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		const npm = spawn('npm', args, { cwd, stdio: 'inherit' });
		npm.once('error', reject);
		npm.once('exit', (code) =>
			code === 0
				? resolve()
				: reject(new Error(`npm ${args.join(' ')} in ${cwd} exited with ${code}`)),
		);
	});
}

/**
 * Installs the n8n app folder from its lockfile the first time (a few minutes and about 2.3 GB);
 * later runs find it in place and return at once. npm itself is kept to errors (its peer-dependency
 * warnings about n8n's own tree mean nothing here), and a line every 15 s shows how much has landed
 * in the app's node_modules, because npm can sit silent for minutes while it downloads and unpacks.
 * (The folder's own size, not the disk's free space, which every other process on the machine moves.)
 */
export async function ensureAppInstalled(app: N8nApp, log: (line: string) => void): Promise<void> {
	if (isInstalled(app)) return;
	log(
		`Installing ${app.label} into ${path.relative(process.cwd(), app.folder) || app.folder} (first run only; a few minutes, about 2.3 GB)…`,
	);
	const started = Date.now();
	const nodeModules = path.join(app.folder, 'node_modules');
	let measuring = false;
	let finished = false;
	const heartbeat = setInterval(() => {
		// A walk of a large tree can take longer than the interval on a busy machine: skip a beat then.
		if (measuring) return;
		measuring = true;
		void folderBytes(nodeModules).then((written) => {
			measuring = false;
			if (finished) return;
			const seconds = Math.round((Date.now() - started) / 1000);
			const percent = Math.min(99, Math.round((written / EXPECTED_BYTES) * 100));
			log(
				`  …installing n8n: ${(written / 1e9).toFixed(1)} GB in ${path.relative(process.cwd(), nodeModules) || nodeModules} (~${percent}%), ${seconds} s`,
			);
		});
	}, 15_000);
	try {
		for (const step of app.installSteps) await runNpm(step, app.folder);
	} finally {
		finished = true;
		clearInterval(heartbeat);
	}
	log(`Installed ${app.label} in ${Math.round((Date.now() - started) / 1000)} s.`);
}
