import { startSandbox, type Sandbox } from '../../sandbox/index.cjs';
import { TEST_RESULT_FIELDS } from '../harness/spec-conformance.cjs';
import { startReceiver, type Receiver } from '../webhook/receiver.cjs';
import { call } from './helpers.cjs';

/** `POST /webhooks/{id}/test` and its alias `/webhooks/{id}:test`, answered as the spec's TestResultDto. */
describe('sandbox: webhook test delivery', () => {
	let sandbox: Sandbox;
	let receiver: Receiver;
	beforeAll(async () => {
		sandbox = await startSandbox({ webhookLoopback: true });
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});
	beforeEach(() => {
		sandbox.reset();
		receiver.received.length = 0;
		receiver.answers.length = 0;
	});

	const subscribe = async (url = receiver.url) =>
		(
			await call(sandbox, '/webhooks', {
				method: 'POST',
				body: { url, events: ['payment.created'], isTestMode: false },
			})
		).json as { id: string };

	it.each(['/test', ':test'])(
		'%s delivers one signed synthetic case.created now and answers with the TestResultDto fields',
		async (suffix) => {
			const { id } = await subscribe();
			const answer = await call(sandbox, `/webhooks/${id}${suffix}`, { method: 'POST' });
			expect(answer.status).toBe(200);
			expect(Object.keys(answer.json).sort()).toEqual([...TEST_RESULT_FIELDS].sort());
			expect(answer.json).toMatchObject({
				success: true,
				httpStatusCode: 200,
				errorMessage: null,
				errorCategory: null,
			});
			expect(typeof answer.json.durationMs).toBe('number');
			expect(receiver.received).toHaveLength(1);
			expect(receiver.received[0].headers['x-debitura-event']).toBe('case.created');
			expect(receiver.received[0].headers['x-debitura-signature']).toMatch(
				/^t=\d+,v1=[0-9a-f]{64}$/,
			);
			expect(receiver.received[0].json).toEqual(answer.json.testPayload);
			expect(answer.json.testPayload).toMatchObject({
				event: 'case.created',
				data: { isTest: true },
			});
			// A test delivery is not an event: the log and the retry schedule do not see it.
			expect(sandbox.webhooks.events()).toEqual([]);
		},
	);

	it('an endpoint that refuses is success false with its status and HttpError', async () => {
		const { id } = await subscribe();
		receiver.answers.push(410);
		const answer = await call(sandbox, `/webhooks/${id}/test`, { method: 'POST' });
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({
			success: false,
			httpStatusCode: 410,
			errorCategory: 'HttpError',
		});
		expect(sandbox.webhooks.subscriptions()[0].isActive).toBe(true);
	});

	it('an endpoint that does not answer is success false with NetworkError and no status', async () => {
		const gone = await startReceiver();
		await gone.close();
		const { id } = await subscribe(gone.url);
		const answer = await call(sandbox, `/webhooks/${id}/test`, { method: 'POST' });
		expect(answer.json).toMatchObject({
			success: false,
			httpStatusCode: null,
			errorCategory: 'NetworkError',
		});
	});

	it('an unknown subscription is a 404; another action after the colon is no endpoint', async () => {
		expect(
			(
				await call(sandbox, '/webhooks/00000000-0000-4000-8000-0000000000ee/test', {
					method: 'POST',
				})
			).status,
		).toBe(404);
		const { id } = await subscribe();
		expect((await call(sandbox, `/webhooks/${id}:frobnicate`, { method: 'POST' })).status).toBe(
			404,
		);
	});
});
