import { randomBytes, randomInt } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The two secrets of a local n8n: the owner's password and n8n's encryption key (which encrypts
 * every stored credential). Made at random on the first `npm start`, kept in one file only the
 * user can read, and reused on every later start: n8n must see the same key for as long as its
 * database lives, and the owner keeps the same password.
 */
export interface LocalSecrets {
	ownerPassword: string;
	encryptionKey: string;
}

export const SECRETS_FILE_NAME = 'secrets.json';

/** Letters and digits that cannot be mistaken for one another when read off a terminal. */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * 20 characters from 56 (about 116 bits) in groups of five, with the upper-case letter and the digit
 * n8n's password rules ask for.
 */
export function generateOwnerPassword(): string {
	for (;;) {
		const characters = Array.from(
			{ length: 20 },
			() => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)],
		).join('');
		if (/[A-Z]/.test(characters) && /[a-z]/.test(characters) && /\d/.test(characters)) {
			return characters.match(/.{5}/g)!.join('-');
		}
	}
}

export function generateEncryptionKey(): string {
	return randomBytes(32).toString('hex');
}

function isLocalSecrets(value: unknown): value is LocalSecrets {
	const secrets = value as LocalSecrets;
	return (
		typeof secrets === 'object' &&
		secrets !== null &&
		typeof secrets.ownerPassword === 'string' &&
		secrets.ownerPassword.length >= 8 &&
		typeof secrets.encryptionKey === 'string' &&
		secrets.encryptionKey.length >= 32
	);
}

/**
 * Reads `<folder>/secrets.json`, or creates it (mode 0600) with fresh secrets. A file someone made
 * readable to others is set back to 0600. A damaged file is an error, never silently replaced: the
 * database it belongs to cannot be read with another key.
 */
export function loadOrCreateLocalSecrets(folder: string): {
	secrets: LocalSecrets;
	file: string;
	created: boolean;
} {
	const file = path.join(folder, SECRETS_FILE_NAME);
	if (!existsSync(file)) {
		const secrets: LocalSecrets = {
			ownerPassword: generateOwnerPassword(),
			encryptionKey: generateEncryptionKey(),
		};
		// 'wx': never overwrite a file that appeared meanwhile (a second npm start racing this one).
		writeFileSync(file, `${JSON.stringify(secrets, null, '\t')}\n`, { mode: 0o600, flag: 'wx' });
		return { secrets, file, created: true };
	}
	if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		parsed = undefined;
	}
	if (!isLocalSecrets(parsed)) {
		throw new Error(
			`${file} is damaged: it should hold {"ownerPassword", "encryptionKey"}. Restore it, or delete ${folder} to start over.`,
		);
	}
	return { secrets: parsed, file, created: false };
}
