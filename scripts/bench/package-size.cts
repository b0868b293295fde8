/** What installing the package costs: tarball size, files shipped, and how long n8n takes to load it. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { repeat, type Spread } from './stats.cjs';
import { PACKAGE_NODE_TYPES } from '../n8n/repo.cjs';

export interface PackageRow {
	tarballBytes: number;
	unpackedBytes: number;
	files: number;
	/** One cold load per child process. */
	loadMs: Spread;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** One cold load per child process: require n8n-core first, then time only the package loader. */
const LOAD_SCRIPT = `
const { PackageDirectoryLoader } = require('n8n-core');
const started = process.hrtime.bigint();
const loader = new PackageDirectoryLoader(process.argv[1]);
loader.loadAll().then(() => {
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const expected = Number(process.argv[2]);
	if (Object.keys(loader.nodeTypes).length !== expected) throw new Error('expected ' + expected + ' nodes');
	process.stdout.write(String(ms));
});`;

export async function benchPackage(runs: number): Promise<PackageRow> {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' }),
	) as Array<{
		size: number;
		unpackedSize: number;
		entryCount: number;
	}>;
	const loadMs = await repeat({
		runs,
		warmup: 1,
		run: async () => {
			const output = execFileSync(
				process.execPath,
				['-e', LOAD_SCRIPT, ROOT, String(PACKAGE_NODE_TYPES.length)],
				{ cwd: ROOT, encoding: 'utf8', env: { ...process.env, N8N_LOG_LEVEL: 'silent' } },
			);
			return Number(output);
		},
	});
	return {
		tarballBytes: packed.size,
		unpackedBytes: packed.unpackedSize,
		files: packed.entryCount,
		loadMs,
	};
}
