import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root, found by walking up to our own package.json: this file runs both as
 * source (scripts/n8n/, under jest) and compiled (build/scripts/n8n/), which sit at different depths.
 */
function findRepoRoot(start: string): string {
	for (let dir = start; ; dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (
			existsSync(manifest) &&
			JSON.parse(readFileSync(manifest, 'utf8')).name === 'n8n-nodes-debitura'
		)
			return dir;
		if (path.dirname(dir) === dir)
			throw new Error(`No n8n-nodes-debitura package.json above ${start}`);
	}
}

export const REPO_ROOT = findRepoRoot(__dirname);

export const PACKAGE_NAME = 'n8n-nodes-debitura';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

export const PACKAGE_VERSION: string = JSON.parse(
	readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
).version;

/**
 * The node types the package declares (`package.json#n8n.nodes`), as n8n names them once installed:
 * `dist/nodes/DebituraTrigger/DebituraTrigger.node.js` → `n8n-nodes-debitura.debituraTrigger`.
 */
export const PACKAGE_NODE_TYPES: string[] = (
	JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[] };
	}
).n8n.nodes.map((file) => {
	const className = path.basename(file, '.node.js');
	return `${PACKAGE_NAME}.${className[0].toLowerCase()}${className.slice(1)}`;
});
