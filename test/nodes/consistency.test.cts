import type { INodeParameters } from 'n8n-workflow';

import { caseTrigger, emittedCaseIds } from '../case-trigger/case-fixtures.cjs';
import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

/**
 * One meaning across the package: a merged case is not closed (its claim goes on in the case it
 * was merged into), in Simplify's isClosed and the Case Trigger's Case Closed alike; message roles
 * carry the labels of the spec.
 */

const env = useSandbox();
const run = async (parameters: INodeParameters) =>
	await runWorkflow({ credentials: env.credentials, node: { parameters } });

describe('a merged case', () => {
	test("is not closed in Simplify (Get Status, Get Many) and is no Case Trigger's Case Closed", async () => {
		const merged = env.sandbox.createCase({ isTest: true, creditorReference: 'INV-MERGED' });
		const closed = env.sandbox.createCase({ isTest: true, creditorReference: 'INV-CLOSED' });
		const trigger = await caseTrigger(env, { event: 'closed' });
		await trigger.poll();
		env.sandbox.updateCase(merged.id, { lifecycle: 'Merged' });
		env.sandbox.updateCase(closed.id, { lifecycle: 'Closed', closeCode: 'Paid' });
		await trigger.poll();
		expect(emittedCaseIds(trigger)).toEqual([closed.id]);

		const status = await run({
			resource: 'case',
			operation: 'getStatus',
			case: { __rl: true, mode: 'id', value: merged.id },
		});
		expect(status.items[0].json).toMatchObject({ lifecycle: 'Merged', isClosed: false });
		const many = await run({
			resource: 'case',
			operation: 'getMany',
			returnAll: true,
			filters: { statuses: ['Merged', 'Closed'] },
		});
		expect(many.items.map((item) => [item.json.lifecycle, item.json.isClosed]).sort()).toEqual([
			['Closed', true],
			['Merged', false],
		]);
	});
});

describe('message roles', () => {
	test('Message → Get Many outputs roleLabel as the spec spells it, "Managed by partner" included', async () => {
		const stored = env.sandbox.createCase({ isTest: true });
		env.sandbox.addPartnerChat(stored.id, 'Partner here.');
		env.sandbox.addPartnerChat(stored.id, 'Written for the partner.', { managedByPartner: true });
		const { items, error } = await run({
			resource: 'message',
			operation: 'getMany',
			case: { __rl: true, mode: 'id', value: stored.id },
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.role, item.json.roleLabel])).toEqual([
			[0, 'Partner'],
			[2, 'Managed by partner'],
		]);
	});
});
