import { randomInt, randomUUID } from 'node:crypto';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** .NET's Guid parser is not version-strict, so any 8-4-4-4-12 hex string counts. */
export function isUuid(value: string): boolean {
	return UUID_SHAPE.test(value);
}

export function newId(): string {
	return randomUUID();
}

const REFERENCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A Debitura-style case reference: 8 upper-case alphanumerics, e.g. Q8OAXF3W. */
export function newCaseReference(isTaken: (reference: string) => boolean): string {
	for (;;) {
		let reference = '';
		for (let i = 0; i < 8; i++)
			reference += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
		if (!isTaken(reference)) return reference;
	}
}
