import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { EXAMPLES_DIR } from '../../../scripts/n8n/repo.cjs';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	>;
	[key: string]: unknown;
}

export function readExample(fileName: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(EXAMPLES_DIR, fileName), 'utf8')) as WorkflowJson;
}

export function nodeNamed(workflow: WorkflowJson, name: string): WorkflowNode {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`No node "${name}" in ${workflow.name}`);
	return node;
}

/**
 * Poll Times of "every minute at second S": the shortest interval n8n allows, at a second the test
 * picks, so it knows when the next poll comes.
 */
export function pollEveryMinuteAt(
	workflow: WorkflowJson,
	triggerName: string,
	second: number,
): void {
	nodeNamed(workflow, triggerName).parameters.pollTimes = {
		item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }],
	};
}

/** Appends an HTTP Request node after `afterNode` that posts every item to `url` (a test's collector). */
export function postEachItemTo(workflow: WorkflowJson, afterNode: string, url: string): void {
	const after = nodeNamed(workflow, afterNode);
	const name = 'Send to Collector';
	workflow.nodes.push({
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [after.position[0] + 220, after.position[1]],
		parameters: {
			method: 'POST',
			url,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json) }}',
			options: {},
		},
	});
	workflow.connections[afterNode] = { main: [[{ node: name, type: 'main', index: 0 }]] };
}

export function writeWorkflow(folder: string, workflow: WorkflowJson): string {
	const file = path.join(folder, `${workflow.id}.json`);
	writeFileSync(file, JSON.stringify(workflow));
	return file;
}
