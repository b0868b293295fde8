import type { FaultKind, FaultSpec } from './types.cjs';

const FAULT_KINDS: readonly FaultKind[] = [
	'rate-limit',
	'server-error',
	'slow',
	'drop',
	'drop-response',
	'redirect',
	'html',
	'not-found',
	'tamper',
];
const SERVER_ERROR_STATUSES: readonly number[] = [500, 502, 503, 504];
const REDIRECT_STATUSES: readonly number[] = [301, 302, 303, 307, 308];

interface QueuedFault {
	spec: FaultSpec;
	remaining: number;
	toSkip: number;
}

/**
 * Faults waiting for matching requests. Each one fires `count` times and is then gone; when
 * several match, the one injected first fires.
 */
export class FaultQueue {
	private faults: QueuedFault[] = [];

	inject(spec: FaultSpec): void {
		const count = spec.count ?? 1;
		if (!FAULT_KINDS.includes(spec.kind))
			throw new Error(`Unknown fault kind: ${String(spec.kind)}`);
		if (!Number.isInteger(count) || count < 1)
			throw new Error('Fault count must be a positive whole number');
		if (
			spec.kind === 'server-error' &&
			spec.status !== undefined &&
			!SERVER_ERROR_STATUSES.includes(spec.status)
		) {
			throw new Error(`server-error status must be one of ${SERVER_ERROR_STATUSES.join(', ')}`);
		}
		if (spec.kind === 'redirect') {
			if (spec.status !== undefined && !REDIRECT_STATUSES.includes(spec.status))
				throw new Error(`redirect status must be one of ${REDIRECT_STATUSES.join(', ')}`);
			if (typeof spec.location !== 'string' || !spec.location)
				throw new Error('A redirect fault needs a location');
		}
		const skip = spec.skip ?? 0;
		if (!Number.isInteger(skip) || skip < 0)
			throw new Error('Fault skip must be a whole number of at least 0');
		this.faults.push({ spec: { ...spec }, remaining: count, toSkip: skip });
	}

	clear(): void {
		this.faults = [];
	}

	/** Consumes one use of the first fault matching this request, if any. */
	take(method: string, path: string): FaultSpec | undefined {
		const fault = this.faults.find((f) => faultMatches(f.spec, method, path));
		if (!fault) return undefined;
		if (fault.toSkip > 0) {
			fault.toSkip -= 1;
			return undefined;
		}
		fault.remaining -= 1;
		if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
		return fault.spec;
	}
}

/** API paths are case-insensitive, so fault paths are too. */
function faultMatches(spec: FaultSpec, method: string, path: string): boolean {
	if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) return false;
	if (spec.path === undefined) return true;
	const wanted = spec.path.toLowerCase();
	const actual = path.toLowerCase();
	return wanted.endsWith('*') ? actual.startsWith(wanted.slice(0, -1)) : actual === wanted;
}
