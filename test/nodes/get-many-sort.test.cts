import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

/** Case → Get Many sorted by several fields: Sort By and Direction, then each Then By rule, as one `Sort` value. */

const env = useSandbox();

const getMany = async (sort: INodeParameters) =>
	await runWorkflow({
		credentials: env.credentials,
		node: {
			parameters: {
				resource: 'case',
				operation: 'getMany',
				returnAll: true,
				simplify: false,
				sort,
			},
		},
	});

/** Nine cases: three lifecycles × three amounts, created in an order that matches neither sort. */
function seed(): void {
	const lifecycles = ['Paused', 'Active', 'Closed'];
	const amounts = [500, 1500, 1000];
	let i = 0;
	for (const amount of amounts)
		for (const lifecycle of lifecycles)
			env.sandbox.createCase({
				isTest: true,
				lifecycle,
				amountToRecover: amount,
				creditorReference: `INV-S-${i++}`,
			});
}

describe('Case → Get Many: sort by several fields', () => {
	test('Sort By and Then By rules go out as one Sort value, and the cases come back in that order', async () => {
		seed();
		const { items, error } = await getMany({
			field: 'Lifecycle',
			direction: 'asc',
			thenBy: {
				rule: [
					{ field: 'GrossAmount', direction: 'desc' },
					{ field: 'DateCreated', direction: 'asc' },
				],
			},
		});
		expect(error).toBeUndefined();
		expect(env.sandbox.requests.map((r) => r.query.Sort)).toEqual([
			['Lifecycle:asc,GrossAmount:desc,DateCreated:asc'],
		]);
		const rows = items.map((item) => [item.json.lifecycle, item.json.grossAmount]);
		const expected = [...rows].sort(
			(a, b) => String(a[0]).localeCompare(String(b[0])) || Number(b[1]) - Number(a[1]),
		);
		expect(rows).toEqual(expected);
		expect(rows[0]).toEqual(['Active', 1500]);
	});

	test('a workflow saved with the single Sort By and Direction sends what it always sent', async () => {
		seed();
		const { items, error } = await getMany({ field: 'GrossAmount', direction: 'asc' });
		expect(error).toBeUndefined();
		expect(env.sandbox.requests[0].query.Sort).toEqual(['GrossAmount:asc']);
		expect(items.map((item) => item.json.grossAmount)).toEqual([
			500, 500, 500, 1000, 1000, 1000, 1500, 1500, 1500,
		]);
	});

	test('Then By alone is a sort too', async () => {
		seed();
		await getMany({ thenBy: { rule: [{ field: 'DueDate', direction: 'asc' }] } });
		expect(env.sandbox.requests[0].query.Sort).toEqual(['DueDate:asc']);
	});

	test('a field twice, or one Debitura does not sort by, is refused before sending', async () => {
		const twice = await getMany({
			field: 'DueDate',
			thenBy: { rule: [{ field: 'DueDate', direction: 'asc' }] },
		});
		expect(twice.error?.message).toBe('"Then By" sorts by DueDate a second time [item 0]');
		const unknown = await getMany({
			field: 'Date',
			thenBy: { rule: [{ field: '={{ "DebtorName" }}', direction: 'asc' }] },
		});
		expect(unknown.error?.message).toBe(
			'"Then By" is not a field Debitura sorts by: "DebtorName" [item 0]',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});
