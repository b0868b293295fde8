import { createCaseParameters, useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';
import {
	CREATE_CASE_REQUEST,
	PREVIEW_CASE_REQUEST,
	specViolations,
} from '../harness/spec-conformance.cjs';

/** Case → Create's Skip Debitura Verification: off unless asked for; Preview has no such field in the spec. */

const env = useSandbox();

const run = async (parameters: Record<string, unknown>) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: createCaseParameters(parameters) },
	});

const posted = (path: string) =>
	env.sandbox.requests.find((request) => request.method === 'POST' && request.path === path)!;

describe('Case → Create: Skip Debitura Verification', () => {
	test("off by default: not sent, and the case waits for Debitura's verification", async () => {
		const { items, error } = await run({});
		expect(error).toBeUndefined();
		expect(posted('/cases').body).not.toHaveProperty('skipDebituraVerification');
		expect(items[0].json.lifecycle).toBe('Pending Verification Internal');
	});

	test('on: sent as true, spec-conforming, and the sandbox hands the case straight to the partner', async () => {
		const { items, error } = await run({ additionalFields: { skipDebituraVerification: true } });
		expect(error).toBeUndefined();
		const { body } = posted('/cases');
		expect(body).toMatchObject({ skipDebituraVerification: true });
		expect(specViolations(body, CREATE_CASE_REQUEST)).toEqual([]);
		expect(items[0].json.lifecycle).toBe('Active');
	});

	test('Preview does not send it: the preview request has no such field', async () => {
		const { error } = await run({
			operation: 'preview',
			additionalFields: { skipDebituraVerification: true },
		});
		expect(error).toBeUndefined();
		const { body } = posted('/cases/preview');
		expect(body).not.toHaveProperty('skipDebituraVerification');
		expect(specViolations(body, PREVIEW_CASE_REQUEST)).toEqual([]);
	});
});
