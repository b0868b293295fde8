import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { importCredentials, importWorkflows } from './cli.cjs';
import { listExamples } from './examples.cjs';
import { ImportLedger } from './import-ledger.cjs';
import type { N8nInstance } from './instance.cjs';
import { SANDBOX_CREDENTIAL, sandboxCredentialFile } from './sandbox-credential.cjs';
import {
	SCRIPTED_MODEL_CREDENTIAL,
	scriptedModelCredentialFile,
} from './scripted-model-credential.cjs';

const ledgerKey = (file: string) => `example:${path.basename(file)}`;

/**
 * Puts the "Debitura Sandbox" credential, the scripted model's OpenAI credential (when a scripted
 * model runs) and the example workflows into the instance, importing only what changed since the
 * last run (see ImportLedger); `force` imports everything again. Runs before `n8n start`: the CLI
 * and a running n8n should not write the same SQLite database at once.
 */
export async function importStarterData(
	instance: N8nInstance,
	sandbox: { url: string; apiKey: string },
	options: { force: boolean; log: (line: string) => void; scriptedModel?: { url: string } },
): Promise<void> {
	const ledger = new ImportLedger(path.join(instance.userFolder, 'imported.json'));
	const scratch = mkdtempSync(path.join(instance.userFolder, 'import-'));
	try {
		// Both credentials in one file: each `n8n import:credentials` costs an n8n boot.
		const model = options.scriptedModel;
		const credential = model
			? `${JSON.stringify([...JSON.parse(sandboxCredentialFile(sandbox.url, sandbox.apiKey)), ...JSON.parse(scriptedModelCredentialFile(model.url))], null, '\t')}\n`
			: sandboxCredentialFile(sandbox.url, sandbox.apiKey);
		if (options.force || !ledger.isCurrent('credential', credential)) {
			const file = path.join(scratch, 'credentials.json');
			writeFileSync(file, credential);
			await importCredentials(instance, file);
			ledger.record('credential', credential);
			options.log(`Saved the "${SANDBOX_CREDENTIAL.name}" credential (${sandbox.url}).`);
			if (model)
				options.log(`Saved the "${SCRIPTED_MODEL_CREDENTIAL.name}" credential (${model.url}).`);
		}

		const changed = listExamples().filter(
			(example) => options.force || !ledger.isCurrent(ledgerKey(example.file), example.content),
		);
		if (changed.length) {
			const folder = path.join(scratch, 'workflows');
			mkdirSync(folder);
			for (const example of changed)
				writeFileSync(path.join(folder, path.basename(example.file)), example.content);
			await importWorkflows(instance, folder, true);
			for (const example of changed) {
				ledger.record(ledgerKey(example.file), example.content);
				options.log(`Imported the example "${example.name}".`);
			}
		} else {
			options.log(
				'The example workflows are unchanged since the last run; your edits to them are kept.',
			);
		}
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}
