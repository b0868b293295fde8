import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { importCredentials } from '../../../scripts/n8n/cli.cjs';
import type { N8nInstance } from '../../../scripts/n8n/instance.cjs';
import { sandboxCredentialFile } from '../../../scripts/n8n/sandbox-credential.cjs';

/** Imports the "Debitura Sandbox" credential the examples reference, pointed at this test's sandbox. */
export async function importSandboxCredential(
	instance: N8nInstance,
	sandbox: { url: string; apiKey: string },
): Promise<void> {
	const folder = mkdtempSync(path.join(instance.userFolder, 'credential-'));
	try {
		const file = path.join(folder, 'credentials.json');
		writeFileSync(file, sandboxCredentialFile(sandbox.url, sandbox.apiKey));
		await importCredentials(instance, file);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
