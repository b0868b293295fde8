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
 * The log entry saying a published workflow's triggers are live, its activation poll done. n8n 2.8
 * logs "Activated workflow …" with `workflowId`; n8n 2.41 activates through a publication outbox and
 * logs "Activated trigger node … for workflow …" with `workflow.id`.
 */
export function isActivationOf(entry: LogEntry, workflowId: string): boolean {
	const metadata = entry.metadata ?? {};
	if (entry.message.startsWith('Activated workflow')) return metadata.workflowId === workflowId;
	if (entry.message.startsWith('Activated trigger node')) return (metadata.workflow as { id?: string } | undefined)?.id === workflowId;
	return false;
}
