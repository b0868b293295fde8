import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { PACKAGE_NAME, PACKAGE_VERSION, REPO_ROOT } from './repo.cjs';

const run = promisify(execFile);

/** The tarball `npm pack` makes from the built package (dist/ must be current): exactly what npm publishes. */
export async function packPackage(): Promise<string> {
	const destination = mkdtempSync(path.join(tmpdir(), 'n8n-nodes-debitura-pack-'));
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO_ROOT,
	});
	const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
	return path.join(destination, filename);
}

/**
 * Puts the package where n8n's own community-package install leaves it:
 * `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-debitura`, beside a package.json naming it.
 * n8n loads every `n8n-nodes-*` folder there at start-up, under the package's own node type names.
 */
export async function installPackedPackage(tarball: string, userFolder: string): Promise<string> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	// A fresh copy every time: files deleted from the package must not linger from an older install.
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	writeFileSync(
		path.join(nodesDir, 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: PACKAGE_VERSION } }, null, '\t')}\n`,
	);
	return target;
}

/** Packs the package and installs it into the user folder, leaving no tarball behind. */
export async function installPackageInto(userFolder: string): Promise<string> {
	const tarball = await packPackage();
	try {
		return await installPackedPackage(tarball, userFolder);
	} finally {
		rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}
