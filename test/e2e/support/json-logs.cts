/** n8n's log lines with N8N_LOG_FORMAT=json: one object per line, anything else (stack traces) skipped. */
export interface LogEntry {
	level: string;
	message: string;
	metadata?: Record<string, unknown>;
}

export function parseJsonLogs(lines: string[]): LogEntry[] {
	const entries: LogEntry[] = [];
	for (const line of lines) {
		if (!line.startsWith('{')) continue;
		try {
			const entry = JSON.parse(line) as LogEntry;
			if (typeof entry.message === 'string') entries.push(entry);
		} catch {
			// Not a log object.
		}
	}
	return entries;
}

export function splitLines(text: string): string[] {
	return text.split('\n').filter((line) => line.trim() !== '');
}

/**
 * Whether a published workflow's triggers are all live, each one's activation poll done.
 * - n8n 2.8 logs "Activated workflow …" (with `workflowId`) once, after every trigger.
 * - n8n 2.41 activates through a publication outbox, one trigger after another, and logs
 *   "Activated trigger node …" (with `workflow.id` and `node.name`) for each. Events a test makes
 *   after the first of these lines are history to the triggers not yet activated, so every one of
 *   `triggers` (the workflow's poll and trigger nodes, by name) must have its line.
 */
export function isWorkflowActive(
	entries: LogEntry[],
	workflowId: string,
	triggers: string[],
): boolean {
	const activatedTriggers = new Set<string>();
	for (const { message, metadata = {} } of entries) {
		if (message.startsWith('Activated workflow') && metadata.workflowId === workflowId) return true;
		const workflow = metadata.workflow as { id?: string } | undefined;
		const node = metadata.node as { name?: string } | undefined;
		if (message.startsWith('Activated trigger node') && workflow?.id === workflowId && node?.name)
			activatedTriggers.add(node.name);
	}
	return triggers.every((name) => activatedTriggers.has(name));
}
