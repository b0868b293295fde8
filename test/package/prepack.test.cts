import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * `npm pack` (and so `npm publish`) runs the package's prepack script, which empties dist/ and builds
 * it again: a file left in dist/ by an earlier build (a renamed node, a deleted helper) never ships.
 */
describe('npm pack', () => {
	const stale = [
		path.join(ROOT, 'dist', 'stale-leftover.js'),
		path.join(ROOT, 'dist', 'nodes', 'Removed', 'Removed.node.js'),
	];
	let destination: string;

	beforeAll(() => {
		destination = mkdtempSync(path.join(tmpdir(), 'n8n-debitura-prepack-'));
	});
	afterAll(() => {
		rmSync(destination, { recursive: true, force: true });
		rmSync(path.join(ROOT, 'dist', 'nodes', 'Removed'), { recursive: true, force: true });
		for (const file of stale) rmSync(file, { force: true });
	});

	it('rebuilds dist/ first, so a stale file is not in the tarball', async () => {
		for (const file of stale) {
			mkdirSync(path.dirname(file), { recursive: true });
			writeFileSync(file, 'module.exports = "left over from an older build";\n');
		}

		const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
			cwd: ROOT,
			maxBuffer: 16 * 1024 * 1024,
		});
		// The build's output must not spoil the JSON that scripts/n8n/community-package.cts reads.
		const [packed] = JSON.parse(stdout) as Array<{
			filename: string;
			files: Array<{ path: string }>;
		}>;
		const files = packed.files.map((file) => file.path);

		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/Debitura/Debitura.node.js',
				'dist/nodes/DebituraPaymentTrigger/DebituraPaymentTrigger.node.js',
				'dist/credentials/DebituraApi.credentials.js',
			]),
		);
		expect(
			files.filter((file) => file.includes('stale-leftover') || file.includes('Removed')),
		).toEqual([]);
		for (const file of stale) expect(existsSync(file)).toBe(false);

		const { stdout: listing } = await run('tar', ['-tzf', path.join(destination, packed.filename)]);
		expect(listing).not.toMatch(/stale-leftover|Removed/);
		expect(listing).toContain('package/dist/nodes/Debitura/Debitura.node.js');
	});
});
