/**
 * The Case Trigger against a `GET /cases` that misbehaves: an API that ignores `Page` fails the
 * poll in words naming the endpoint (nothing lost once it pages again), and a case whose `id` is
 * not text is passed over with a warning while every other case is reported.
 */
import { useSandbox } from '../harness/fixtures.cjs';
import { n8nCoreLogger } from '../harness/poll-trigger.cjs';
import { addCaseHistory, caseTrigger, emittedCaseIds, sorted } from './case-fixtures.cjs';

const env = useSandbox();
const messages = (errors: Error[]) => errors.map((error) => error.message);

describe('Case Trigger: an API that ignores Page', () => {
	test('activation fails in words naming GET /cases; once the API pages again, it seeds and reports new cases once', async () => {
		addCaseHistory(env.sandbox, 250);
		env.sandbox.injectFault({ path: '/cases', kind: 'tamper', ignorePage: true, count: 1000 });
		const trigger = await caseTrigger(env);
		expect(await trigger.poll()).toBeNull();
		expect(messages(trigger.errors)).toEqual([
			'GET /cases answered page 2 with the same records as before: the API is not paging',
		]);
		env.sandbox.clearFaults();
		expect(await trigger.poll()).toBeNull();
		const fresh = [
			env.sandbox.createCase({ isTest: true }).id,
			env.sandbox.createCase({ isTest: true }).id,
		];
		await trigger.poll();
		await trigger.poll();
		expect(sorted(emittedCaseIds(trigger))).toEqual(sorted(fresh));
	});
});

describe('Case Trigger: malformed rows', () => {
	test('a case whose "id" is a number is passed over with a warning; the others are reported, and it is once mended', async () => {
		addCaseHistory(env.sandbox, 20);
		const trigger = await caseTrigger(env);
		await trigger.poll();
		const fresh = [0, 1, 2].map(() => env.sandbox.createCase({ isTest: true }).id);
		const warn = jest.spyOn(n8nCoreLogger(), 'warn');
		try {
			env.sandbox.injectFault({
				path: '/cases',
				kind: 'tamper',
				set: { 'cases.0.id': 42 },
				count: 1000,
			});
			await trigger.poll();
			await trigger.poll();
			expect(trigger.errors).toEqual([]);
			expect(emittedCaseIds(trigger)).toHaveLength(2);
			const warned = warn.mock.calls.map((call) => String(call[0]));
			expect(warned.some((text) => text.includes('GET /cases') && text.includes('"id"'))).toBe(
				true,
			);
		} finally {
			warn.mockRestore();
		}
		env.sandbox.clearFaults();
		await trigger.poll();
		await trigger.poll();
		expect(sorted(emittedCaseIds(trigger))).toEqual(sorted(fresh));
	});
});
