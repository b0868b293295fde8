/**
 * Idempotency-Key records for the writes whose spec defines the header (POST /cases, POST
 * /divisions): the first terminal answer is kept and replayed byte for byte when the same key
 * comes back with the same body. Records are kept per endpoint, so a key used for a case and the
 * same key used for a division are two records.
 */

export interface StoredAnswer {
	status: number;
	bodyBytes: Buffer;
}

interface IdempotencyRecord {
	bodyFingerprint: string;
	answer: StoredAnswer;
}

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export class IdempotencyRecords {
	private readonly records = new Map<string, IdempotencyRecord>();

	/** Keys are scoped per API key and endpoint, so two creditors (or a case and a division) never collide on a key. */
	private static scoped(apiKey: string, key: string, endpoint: string): string {
		return `${apiKey}\u0000${endpoint}\u0000${key}`;
	}

	find(apiKey: string, key: string, endpoint = 'POST /cases'): IdempotencyRecord | undefined {
		return this.records.get(IdempotencyRecords.scoped(apiKey, key, endpoint));
	}

	remember(
		apiKey: string,
		key: string,
		body: unknown,
		answer: StoredAnswer,
		endpoint = 'POST /cases',
	): void {
		this.records.set(IdempotencyRecords.scoped(apiKey, key, endpoint), {
			bodyFingerprint: canonicalJson(body),
			answer,
		});
	}

	clear(): void {
		this.records.clear();
	}
}

/** JSON with object keys sorted at every level, so key order and whitespace do not matter. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.keys(value)
			.sort()
			.map(
				(key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
			);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value);
}
