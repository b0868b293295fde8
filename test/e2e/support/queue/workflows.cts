import { randomUUID } from 'node:crypto';

import { nodeNamed, type WorkflowJson } from '../workflows.cjs';

/**
 * In queue mode only production executions go to the workers, and the examples start with a Manual
 * Trigger. Swapping it for a Webhook node (same place in the graph, everything after it unchanged)
 * makes the example a production workflow: the webhook processor receives the call, queues the
 * execution, a worker runs it, and with "last node" the caller gets the result back.
 */
export function startByWebhook(
	workflow: WorkflowJson,
	triggerName: string,
	webhookPath: string,
	respond: 'lastNode' | 'onReceived',
): void {
	const trigger = nodeNamed(workflow, triggerName);
	trigger.type = 'n8n-nodes-base.webhook';
	trigger.typeVersion = 2;
	trigger.parameters = {
		httpMethod: 'POST',
		path: webhookPath,
		responseMode: respond,
		...(respond === 'lastNode' ? { responseData: 'allEntries' } : {}),
		options: {},
	};
	(trigger as typeof trigger & { webhookId: string }).webhookId = randomUUID();
}

/** Poll Times of six "every minute at second S" entries: a poll every 10 s, which n8n allows (each entry is minute-granular). */
export function pollEveryTenSeconds(workflow: WorkflowJson, triggerName: string): void {
	nodeNamed(workflow, triggerName).parameters.pollTimes = {
		item: [0, 10, 20, 30, 40, 50].map((second) => ({
			mode: 'custom',
			cronExpression: `${second} * * * * *`,
		})),
	};
}

/** Keeps only the named nodes (and their connections): an example cut short after the node under test. */
export function keepOnly(workflow: WorkflowJson, names: string[]): void {
	workflow.nodes = workflow.nodes.filter((node) => names.includes(node.name));
	for (const from of Object.keys(workflow.connections)) {
		if (!names.includes(from)) {
			delete workflow.connections[from];
			continue;
		}
		workflow.connections[from].main = workflow.connections[from].main.map((targets) =>
			(targets ?? []).filter((target) => names.includes(target.node)),
		);
	}
}
