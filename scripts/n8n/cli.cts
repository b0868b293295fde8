import { spawn } from 'node:child_process';

import { n8nEnvironment, type N8nInstance } from './instance.cjs';

export interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs one `n8n <args>` CLI command against the instance's user folder and collects its output.
 * Asynchronous on purpose: a sandbox in the same process must keep answering while n8n runs.
 */
export function runN8nCommand(
	instance: N8nInstance,
	args: string[],
	timeoutMs = 120_000,
): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(instance.app.nodeBinary, [instance.app.n8nBin, ...args], {
			env: n8nEnvironment(instance),
			cwd: instance.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(
					`n8n ${args.join(' ')} did not finish within ${timeoutMs / 1000} s\n${stdout}\n${stderr}`,
				),
			);
		}, timeoutMs);
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

/** Like runN8nCommand, but a non-zero exit is an error that carries n8n's own output. */
export async function n8nCommand(
	instance: N8nInstance,
	args: string[],
	timeoutMs?: number,
): Promise<CommandResult> {
	const result = await runN8nCommand(instance, args, timeoutMs);
	if (result.code !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} exited with ${result.code}\n${result.stdout}\n${result.stderr}`.trim(),
		);
	}
	return result;
}

/** Imports one JSON file holding an array of credentials; plain `data` is encrypted with the instance's key. */
export function importCredentials(instance: N8nInstance, file: string): Promise<CommandResult> {
	return n8nCommand(instance, ['import:credentials', `--input=${file}`]);
}

/** Imports every workflow file in a folder (or one file); fixed ids make a repeat an overwrite, not a copy. */
export function importWorkflows(
	instance: N8nInstance,
	fileOrFolder: string,
	isFolder: boolean,
): Promise<CommandResult> {
	return n8nCommand(instance, [
		'import:workflow',
		...(isFolder ? ['--separate'] : []),
		`--input=${fileOrFolder}`,
	]);
}

/** n8n 2.x's word for "activate": the workflow's triggers start with the next `n8n start`. */
export function publishWorkflow(instance: N8nInstance, id: string): Promise<CommandResult> {
	return n8nCommand(instance, ['publish:workflow', `--id=${id}`]);
}
