import type { ChildProcess } from 'node:child_process';

/**
 * n8n starts its own task runner as a child process. Started in a process group of its own, n8n and
 * everything it starts can be signalled together by the group id, and Ctrl-C in the terminal reaches
 * only us, so shutdown happens in our order (n8n first, then the sandbox it talks to).
 */

const liveGroups = new Set<number>();

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false; // The group is already gone.
	}
}

export function trackGroup(child: ChildProcess): void {
	if (child.pid) liveGroups.add(child.pid);
}

/** Asks the group to stop, waits for its leader to exit, and kills whatever is left after the grace period. */
export async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
	const pid = child.pid;
	if (!pid) return;
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		signalGroup(pid, 'SIGTERM');
		let timer: NodeJS.Timeout | undefined;
		const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
		await Promise.race([exited, timedOut]);
		clearTimeout(timer);
	}
	// The runner may outlive n8n for a moment; nothing of the group may survive.
	signalGroup(pid, 'SIGKILL');
	liveGroups.delete(pid);
}

// Last resort when this process ends without a clean shutdown (an uncaught error, a failed test run).
process.once('exit', () => {
	for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
});
