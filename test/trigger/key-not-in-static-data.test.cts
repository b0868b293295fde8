/**
 * Whoever can read a workflow's static data must not be able to confirm a guessed Debitura key
 * with it: nothing stored there is derived from the key, plainly hashed or hashed with a salt
 * stored beside it. The cursor still belongs to one account (a credential switched to another
 * account starts afresh: cursor-holes "5."), and static data written by the previous version,
 * which held such a hash, still loads.
 */
import { createHash, createHmac } from 'node:crypto';

import { startSandbox } from '../../sandbox/index.cjs';
import { useSandbox } from '../harness/fixtures.cjs';
import { n8nCoreLogger } from '../harness/poll-trigger.cjs';
import { caseTrigger } from '../case-trigger/case-fixtures.cjs';
import { addHistory, addNew, emittedIds, paymentTrigger } from './trigger-fixtures.cjs';

const env = useSandbox();

let caseIds: string[];
beforeEach(() => {
	caseIds = [env.sandbox.createCase({ isTest: true }).id];
});

/** Every string in a JSON value, keys included. */
function strings(value: unknown, into: string[] = []): string[] {
	if (typeof value === 'string') into.push(value);
	else if (Array.isArray(value)) for (const item of value) strings(item, into);
	else if (value !== null && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) {
			into.push(key);
			strings(item, into);
		}
	}
	return into;
}

/** What a guesser could compute from a key and the static data: plain hashes, and HMACs keyed by any stored string. */
function derivations(key: string, baseUrl: string, salts: string[]): string[] {
	const inputs = [key, `${baseUrl}\n${key}`, `${baseUrl}${key}`, `${key}\n${baseUrl}`];
	const digests: Buffer[] = [];
	for (const input of inputs) {
		for (const algorithm of ['sha256', 'sha1', 'md5', 'sha512'])
			digests.push(createHash(algorithm).update(input).digest());
		for (const salt of salts) {
			digests.push(createHmac('sha256', salt).update(input).digest());
			digests.push(
				createHash('sha256')
					.update(salt + input)
					.digest(),
			);
			digests.push(
				createHash('sha256')
					.update(input + salt)
					.digest(),
			);
		}
	}
	return digests.flatMap((digest) =>
		['hex', 'base64', 'base64url'].map((encoding) => digest.toString(encoding as BufferEncoding)),
	);
}

/** A stored string that holds the key, is the start (8 characters or more) of a derivation of it, or holds one's first 12. */
function confirmsKey(stored: string[], key: string, baseUrl: string): string | undefined {
	const candidates = derivations(key, baseUrl, stored);
	return stored.find(
		(value) =>
			value.includes(key) ||
			candidates.some(
				(candidate) =>
					(value.length >= 8 && candidate.startsWith(value)) ||
					value.includes(candidate.slice(0, 12)),
			),
	);
}

describe('no value derived from the key in workflow static data', () => {
	test('Payment Trigger: after seeding and polls, no stored string is a hash (or HMAC with a stored salt) of the key', async () => {
		addHistory(env.sandbox, caseIds, 30);
		const trigger = await paymentTrigger(env, {}, { persistQuietPolls: true });
		await trigger.poll();
		addNew(env.sandbox, caseIds, 1);
		await trigger.poll();
		await trigger.poll();
		const stored = strings(trigger.savedStaticData);
		expect(stored.length).toBeGreaterThan(0);
		expect(confirmsKey(stored, env.sandbox.apiKey, env.sandbox.url)).toBeUndefined();
		expect(trigger.staticData.cursor).not.toHaveProperty('credential');
	});

	test('Case Trigger: the same', async () => {
		env.sandbox.createCase({ isTest: true });
		const trigger = await caseTrigger(env, {}, { persistQuietPolls: true });
		await trigger.poll();
		env.sandbox.createCase({ isTest: true });
		await trigger.poll();
		expect(
			confirmsKey(strings(trigger.savedStaticData), env.sandbox.apiKey, env.sandbox.url),
		).toBeUndefined();
		expect(trigger.staticData.cursor).not.toHaveProperty('credential');
	});

	test('static data the previous version wrote (with its "credential" hash) loads: no fresh start, nothing replayed, the hash dropped', async () => {
		addHistory(env.sandbox, caseIds, 30);
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const cursor = trigger.staticData.cursor as Record<string, unknown>;
		trigger.staticData.cursor = { ...cursor, credential: 'Zx9_k2Qa' } as never;
		const warn = jest.spyOn(n8nCoreLogger(), 'warn');
		try {
			const fresh = addNew(env.sandbox, caseIds, 2);
			await trigger.poll();
			await trigger.poll();
			expect(
				warn.mock.calls
					.map((call) => String(call[0]))
					.filter((text) => text.includes('unreadable')),
			).toEqual([]);
			expect(emittedIds(trigger).sort()).toEqual([...fresh].sort());
			expect(trigger.staticData.cursor).not.toHaveProperty('credential');
		} finally {
			warn.mockRestore();
		}
	});

	test('a key of another account, same trigger: starts afresh there, replays nothing, and stores nothing derived from either key', async () => {
		const other = await startSandbox({ apiKey: 'the-other-account-key' });
		try {
			addHistory(env.sandbox, caseIds, 20);
			const otherCase = other.createCase({ isTest: true }).id;
			addHistory(other, [otherCase], 40, 2);
			const trigger = await paymentTrigger(env, {}, { persistQuietPolls: true });
			await trigger.poll();
			const mine = addNew(env.sandbox, caseIds, 1);
			await trigger.poll();
			trigger.setCredentials({ apiKey: other.apiKey, environment: 'custom', baseUrl: other.url });
			expect(await trigger.poll()).toBeNull();
			const theirs = addNew(other, [otherCase], 2);
			await trigger.poll();
			expect(emittedIds(trigger).sort()).toEqual([...mine, ...theirs].sort());
			const stored = strings(trigger.savedStaticData);
			expect(confirmsKey(stored, other.apiKey, other.url)).toBeUndefined();
			expect(confirmsKey(stored, env.sandbox.apiKey, env.sandbox.url)).toBeUndefined();
		} finally {
			await other.close();
		}
	});
});
