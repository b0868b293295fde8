import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	generateOwnerPassword,
	loadOrCreateLocalSecrets,
} from '../../scripts/n8n/local-secrets.cjs';

/** `npm start`'s secrets: made once at random, private to the user, the same on every later start. */
describe('npm start: local secrets', () => {
	let folder: string;

	beforeEach(() => {
		folder = mkdtempSync(path.join(tmpdir(), 'debitura-secrets-'));
	});
	afterEach(() => rmSync(folder, { recursive: true, force: true }));

	it('makes a password and a key on the first start, in a file only the user can read', () => {
		const first = loadOrCreateLocalSecrets(folder);
		expect(first.created).toBe(true);
		expect(first.file).toBe(path.join(folder, 'secrets.json'));
		expect(statSync(first.file).mode & 0o777).toBe(0o600);
		expect(JSON.parse(readFileSync(first.file, 'utf8'))).toEqual(first.secrets);
		expect(first.secrets.encryptionKey).toMatch(/^[0-9a-f]{64}$/);
		expect(first.secrets.ownerPassword).not.toBe('Debitura-Sandbox-1');
		expect(first.secrets.encryptionKey).not.toBe('debitura-local-sandbox-only');
	});

	it('reuses them on later starts', () => {
		const first = loadOrCreateLocalSecrets(folder);
		const second = loadOrCreateLocalSecrets(folder);
		expect(second.created).toBe(false);
		expect(second.secrets).toEqual(first.secrets);
	});

	it('makes different secrets for different folders', () => {
		const other = mkdtempSync(path.join(tmpdir(), 'debitura-secrets-'));
		try {
			const a = loadOrCreateLocalSecrets(folder).secrets;
			const b = loadOrCreateLocalSecrets(other).secrets;
			expect(a.ownerPassword).not.toBe(b.ownerPassword);
			expect(a.encryptionKey).not.toBe(b.encryptionKey);
		} finally {
			rmSync(other, { recursive: true, force: true });
		}
	});

	it('makes a file others could read private again', () => {
		const { file } = loadOrCreateLocalSecrets(folder);
		chmodSync(file, 0o644);
		loadOrCreateLocalSecrets(folder);
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it('refuses a damaged file instead of replacing the key the database needs', () => {
		writeFileSync(path.join(folder, 'secrets.json'), '{"ownerPassword": "x"}', { mode: 0o600 });
		expect(() => loadOrCreateLocalSecrets(folder)).toThrow(/secrets\.json is damaged/);
		expect(readFileSync(path.join(folder, 'secrets.json'), 'utf8')).toBe('{"ownerPassword": "x"}');
	});

	it('makes passwords n8n accepts: 8 to 64 characters, an upper-case letter and a digit', () => {
		for (let i = 0; i < 200; i++) {
			const password = generateOwnerPassword();
			expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
			expect(password).toMatch(/[A-Z]/);
			expect(password).toMatch(/\d/);
		}
	});
});
