import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The bytes the files under a folder take on disk (like `du`), symbolic links not followed. A
 * folder that vanishes or changes while it is walked (npm moving packages into place) counts what
 * was there; the figure is a progress estimate, not an inventory.
 */
export async function folderBytes(folder: string): Promise<number> {
	let total = 0;
	const pending = [folder];
	while (pending.length > 0) {
		const dir = pending.pop()!;
		let entries;
		try {
			entries = await readdir(dir, { withFileTypes: true });
		} catch {
			continue;
		}
		for (const entry of entries) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				pending.push(full);
				continue;
			}
			try {
				const stats = await lstat(full);
				total += stats.blocks * 512;
			} catch {
				// Moved or deleted meanwhile.
			}
		}
	}
	return total;
}
