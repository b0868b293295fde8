import { spawn } from 'node:child_process';
import { statfsSync } from 'node:fs';
import path from 'node:path';

import { isInstalled, type N8nApp } from './apps.cjs';

/** About what an n8n install puts on disk. */
const EXPECTED_BYTES = 2.3e9;

function freeBytes(folder: string): number {
	const stats = statfsSync(folder);
	return stats.bavail * stats.bsize;
}

/**
 * Installs the n8n app folder from its lockfile the first time (`npm ci`, a few minutes and about
 * 2.3 GB); later runs find it in place and return at once. npm itself is kept to errors (its
 * peer-dependency warnings about n8n's own tree mean nothing here), and a line every 15 s shows how
 * much has landed on disk, because npm can sit silent for minutes while it downloads and unpacks.
 */
export async function ensureAppInstalled(app: N8nApp, log: (line: string) => void): Promise<void> {
	if (isInstalled(app)) return;
	log(`Installing ${app.label} into ${path.relative(process.cwd(), app.folder) || app.folder} (first run only; a few minutes, about 2.3 GB)…`);
	const started = Date.now();
	const freeAtStart = freeBytes(app.folder);
	const heartbeat = setInterval(() => {
		const seconds = Math.round((Date.now() - started) / 1000);
		const written = Math.max(0, freeAtStart - freeBytes(app.folder));
		const percent = Math.min(99, Math.round((written / EXPECTED_BYTES) * 100));
		log(`  …installing n8n: ${(written / 1e9).toFixed(1)} GB on disk (~${percent}%), ${seconds} s`);
	}, 15_000);
	try {
		await new Promise<void>((resolve, reject) => {
			const npm = spawn('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app.folder, stdio: 'inherit' });
			npm.once('error', reject);
			npm.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm ci in ${app.folder} exited with ${code}`))));
		});
	} finally {
		clearInterval(heartbeat);
	}
	log(`Installed ${app.label} in ${Math.round((Date.now() - started) / 1000)} s.`);
}
