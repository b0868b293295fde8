import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { folderBytes } from '../../scripts/n8n/folder-size.cjs';

/**
 * The install progress line of `npm start` reports what landed in the app's folder, whatever else
 * the machine writes meanwhile: the disk's free space would count those writes too.
 */
describe('npm start: install progress measures the install folder', () => {
	let root: string;

	beforeEach(() => {
		root = mkdtempSync(path.join(tmpdir(), 'debitura-folder-size-'));
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	it('counts the files under the folder, nested ones included, and nothing beside it', async () => {
		const folder = path.join(root, 'node_modules');
		mkdirSync(path.join(folder, 'a', 'b'), { recursive: true });
		writeFileSync(path.join(folder, 'a', 'one.bin'), Buffer.alloc(300_000, 1));
		writeFileSync(path.join(folder, 'a', 'b', 'two.bin'), Buffer.alloc(200_000, 1));
		const before = await folderBytes(folder);
		expect(before).toBeGreaterThanOrEqual(500_000);
		expect(before).toBeLessThan(600_000);

		// Another process filling the same disk does not move the figure; symbolic links are not followed.
		writeFileSync(path.join(root, 'elsewhere.bin'), Buffer.alloc(2_000_000, 1));
		symlinkSync(path.join(root, 'elsewhere.bin'), path.join(folder, 'link.bin'));
		expect(await folderBytes(folder)).toBeLessThan(before + 8_192);
	});

	it('is 0 for a folder that does not exist yet (npm has not started writing)', async () => {
		expect(await folderBytes(path.join(root, 'missing'))).toBe(0);
	});
});
