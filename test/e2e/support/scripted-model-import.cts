import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { importCredentials } from '../../../scripts/n8n/cli.cjs';
import type { N8nInstance } from '../../../scripts/n8n/instance.cjs';
import { sandboxCredentialFile } from '../../../scripts/n8n/sandbox-credential.cjs';
import { scriptedModelCredentialFile } from '../../../scripts/n8n/scripted-model-credential.cjs';

export interface CredentialToImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/**
 * Imports, in one CLI run (each costs an n8n boot), the credentials the AI workflows reference:
 * "Debitura Sandbox" at this test's sandbox, the OpenAI credential at this test's scripted model when
 * there is one, and any others a test needs (e.g. the MCP Server Trigger's bearer token).
 */
export async function importAiCredentials(
	instance: N8nInstance,
	sandbox: { url: string; apiKey: string },
	model: { url: string } | undefined,
	others: CredentialToImport[] = [],
): Promise<void> {
	const folder = mkdtempSync(path.join(instance.userFolder, 'credential-'));
	try {
		const file = path.join(folder, 'credentials.json');
		const credentials = [
			...JSON.parse(sandboxCredentialFile(sandbox.url, sandbox.apiKey)),
			...(model ? JSON.parse(scriptedModelCredentialFile(model.url)) : []),
			...others,
		];
		writeFileSync(file, JSON.stringify(credentials));
		await importCredentials(instance, file);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
