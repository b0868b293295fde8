import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Remembers what was last imported into a user folder, by content hash. A re-run imports only what
 * changed since: the credential when the sandbox moved to another port, an example when its file
 * changed. Unchanged examples are not imported again, so edits made in the editor survive a restart.
 */
export class ImportLedger {
	private readonly hashes: Record<string, string>;

	constructor(private readonly file: string) {
		this.hashes = existsSync(file)
			? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
			: {};
	}

	private static hash(content: string): string {
		return createHash('sha256').update(content).digest('hex');
	}

	isCurrent(key: string, content: string): boolean {
		return this.hashes[key] === ImportLedger.hash(content);
	}

	record(key: string, content: string): void {
		this.hashes[key] = ImportLedger.hash(content);
		writeFileSync(this.file, `${JSON.stringify(this.hashes, null, '\t')}\n`);
	}
}
