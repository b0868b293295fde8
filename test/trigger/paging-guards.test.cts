/**
 * The Payment Trigger against a `GET /Payments` that misbehaves. An API that ignores `Page` (or
 * answers without a list, or without paging information) fails the poll with a sentence naming
 * the endpoint: the cursor is left as it was, so nothing is lost and nothing is emitted twice once
 * the API behaves again. One malformed row never fails a poll: it is passed over with a warning in
 * n8n's log, and every other payment is reported as usual.
 */
import { useSandbox } from '../harness/fixtures.cjs';
import { n8nCoreLogger } from '../harness/poll-trigger.cjs';
import { addHistory, addNew, emittedIds, paymentTrigger } from './trigger-fixtures.cjs';

const env = useSandbox();
const sorted = (ids: string[]) => [...ids].sort();

let caseIds: string[];
beforeEach(() => {
	caseIds = [
		env.sandbox.createCase({ isTest: true }).id,
		env.sandbox.createCase({ isTest: true }).id,
	];
});

const messages = (errors: Error[]) => errors.map((error) => error.message);

describe('Payment Trigger: an API that ignores Page', () => {
	test('activation fails in words naming GET /Payments; once the API pages again, it seeds and reports new payments once', async () => {
		addHistory(env.sandbox, caseIds, 250);
		env.sandbox.injectFault({ path: '/Payments', kind: 'tamper', ignorePage: true, count: 1000 });
		const trigger = await paymentTrigger(env);
		expect(await trigger.poll()).toBeNull();
		expect(messages(trigger.errors)).toEqual([
			'GET /Payments answered page 2 with the same records as before: the API is not paging',
		]);
		env.sandbox.clearFaults();
		expect(await trigger.poll()).toBeNull();
		const fresh = addNew(env.sandbox, caseIds, 2);
		await trigger.poll();
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted(fresh));
		expect(trigger.errors).toHaveLength(1);
	});

	test('Payment Updated (every page, every poll): an edit on page 3 is not silently missed while Page is ignored', async () => {
		const history = addHistory(env.sandbox, caseIds, 250);
		const trigger = await paymentTrigger(env, { event: 'updated' });
		await trigger.poll();
		// Newest first: the oldest payment is on page 3.
		env.sandbox.editPayment(history[0], { grossAmount: 999 });
		env.sandbox.injectFault({ path: '/Payments', kind: 'tamper', ignorePage: true, count: 1000 });
		expect(await trigger.poll()).toBeNull();
		expect(messages(trigger.errors)).toEqual([
			'GET /Payments answered page 2 with the same records as before: the API is not paging',
		]);
		env.sandbox.clearFaults();
		await trigger.poll();
		await trigger.poll();
		expect(emittedIds(trigger)).toEqual([history[0]]);
	});
});

describe('Payment Trigger: malformed pages and rows', () => {
	test.each([
		[
			'"payments" is not a list',
			{ set: { payments: 'none' } },
			'GET /Payments answered page 1 without a list of records: "payments" is a string',
		],
		[
			'no paging object',
			{ unset: ['page'] },
			'GET /Payments answered page 1 without its paging information: "page.totalPages" is missing',
		],
	])(
		'%s: the poll fails in words, the cursor stays, nothing is lost',
		async (_name, tamper, message) => {
			addHistory(env.sandbox, caseIds, 30);
			const trigger = await paymentTrigger(env);
			await trigger.poll();
			const fresh = addNew(env.sandbox, caseIds, 2);
			env.sandbox.injectFault({ path: '/Payments', kind: 'tamper', ...tamper, count: 1000 });
			expect(await trigger.poll()).toBeNull();
			expect(messages(trigger.errors)).toEqual([message]);
			env.sandbox.clearFaults();
			await trigger.poll();
			await trigger.poll();
			expect(sorted(emittedIds(trigger))).toEqual(sorted(fresh));
		},
	);

	test('a payment whose "id" is a number is passed over with a warning naming GET /Payments and "id"; the others are reported, and it is once it is mended', async () => {
		addHistory(env.sandbox, caseIds, 30);
		const trigger = await paymentTrigger(env);
		await trigger.poll();
		const fresh = addNew(env.sandbox, caseIds, 3);
		const warn = jest.spyOn(n8nCoreLogger(), 'warn');
		try {
			// Newest first: the newest payment comes back with a numeric id, every poll, until mended.
			env.sandbox.injectFault({
				path: '/Payments',
				kind: 'tamper',
				set: { 'payments.0.id': 42 },
				count: 1000,
			});
			await trigger.poll();
			await trigger.poll();
			expect(trigger.errors).toEqual([]);
			expect(sorted(emittedIds(trigger))).toEqual(sorted(fresh.slice(0, 2)));
			const warned = warn.mock.calls.map((call) => String(call[0]));
			expect(warned.some((text) => text.includes('GET /Payments') && text.includes('"id"'))).toBe(
				true,
			);
		} finally {
			warn.mockRestore();
		}
		env.sandbox.clearFaults();
		await trigger.poll();
		await trigger.poll();
		expect(sorted(emittedIds(trigger))).toEqual(sorted(fresh));
	});
});
