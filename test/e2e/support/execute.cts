import { runN8nCommand } from '../../../scripts/n8n/cli.cjs';
import type { N8nInstance } from '../../../scripts/n8n/instance.cjs';
import { parseJsonLogs, splitLines } from './json-logs.cjs';

interface NodeRun {
	data?: {
		main?: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, unknown> }> | null>;
	};
	error?: { message: string; description?: string };
}

export interface WorkflowRun {
	status?: string;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message: string; description?: string };
		};
	};
}

/**
 * `n8n execute --id=… --rawOutput`: the workflow runs headlessly in its own n8n process. With JSON
 * logs the result is the log line whose message is itself a JSON object.
 */
export async function executeWorkflow(instance: N8nInstance, id: string): Promise<WorkflowRun> {
	const { run, code, lines } = await executeWorkflowAllowingFailure(instance, id);
	if (code !== 0 || !run) {
		throw new Error(
			`n8n execute --id=${id} failed (exit ${code}):\n${lines.slice(-60).join('\n')}`,
		);
	}
	return run;
}

/**
 * The same, for a workflow meant to fail: n8n then logs the whole run (with its error) before it
 * exits non-zero, so the run is returned with the exit code; it is undefined only when n8n did
 * not get as far as running the workflow.
 */
export async function executeWorkflowAllowingFailure(
	instance: N8nInstance,
	id: string,
): Promise<{ run?: WorkflowRun; code: number | null; lines: string[] }> {
	const result = await runN8nCommand(instance, ['execute', `--id=${id}`, '--rawOutput']);
	const lines = splitLines(`${result.stdout}\n${result.stderr}`);
	const raw = parseJsonLogs(lines)
		.map((entry) => entry.message)
		.find((message) => message.startsWith('{') && message.includes('"resultData"'));
	return { run: raw ? (JSON.parse(raw) as WorkflowRun) : undefined, code: result.code, lines };
}

/** The items a node put out on one output (0 = main, 1 = the IF node's false branch). */
export function outputOf(
	run: WorkflowRun,
	nodeName: string,
	output = 0,
): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length)
		throw new Error(
			`Node "${nodeName}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`,
		);
	return (runs[0].data?.main?.[output] ?? []).map((item) => item.json);
}
