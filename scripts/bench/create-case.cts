/**
 * Create Case throughput through n8n-core with our node, against the same requests sent by a
 * plain `fetch` loop (the floor: no n8n at all). Both send the items concurrently, as n8n's
 * declarative engine does, and both carry the same headers and bodies.
 */
import type { Sandbox } from '../../sandbox/index.cjs';
import { runWorkflow } from '../../test/harness/run-workflow.cjs';
import { floorFetch } from './floor-fetch.cjs';
import { interleave, timed, type Comparison, type PairPlan } from './stats.cjs';

export interface CreateCasePlan extends PairPlan {
	items: number;
}

export interface CreateCaseRow extends CreateCasePlan {
	/** a = our node through n8n-core, b = the fetch loop; wall time of one run each. */
	comparison: Comparison;
}

/** The Create Case node as both benchmarks configure it: three fields mapped from each invoice item. */
export const BENCH_CREATE_CASE_PARAMETERS = {
	resource: 'case',
	operation: 'create',
	testMode: true,
	debtorType: 'Company',
	debtorName: '={{ $json.customer }}',
	debtorCountry: 'DK',
	debtorAddress: 'Vesterbrogade 12',
	debtorCity: 'København V',
	currency: 'DKK',
	amountToRecover: '={{ $json.amount }}',
	invoiceDate: '2026-09-01T00:00:00',
	additionalFields: { creditorReference: '={{ $json.invoice }}' },
};

function inputItems(count: number, run: number) {
	return Array.from({ length: count }, (_, index) => ({
		json: { customer: `Customer ${index}`, amount: 100 + index, invoice: `R${run}-INV-${index}` },
	}));
}

/** What the node sends for one input item, for the floor to send too. */
function floorBody(item: { json: { customer: string; amount: number; invoice: string } }) {
	return {
		isTest: true,
		currencyCode: 'DKK',
		amountToRecover: item.json.amount,
		date: '2026-09-01T00:00:00Z',
		creditorReference: item.json.invoice,
		debtor: {
			type: 'Company',
			name: item.json.customer,
			countryAlpha2: 'DK',
			address: 'Vesterbrogade 12',
			city: 'København V',
		},
	};
}

export async function benchCreateCase(
	sandbox: Sandbox,
	plans: CreateCasePlan[],
): Promise<CreateCaseRow[]> {
	const credentials = { apiKey: sandbox.apiKey, environment: 'custom', baseUrl: sandbox.url };
	let run = 0;
	const ours = async (size: number) => {
		sandbox.reset();
		const input = inputItems(size, run++);
		const { ms, result } = await timed(
			async () =>
				await runWorkflow({
					credentials,
					input,
					node: { parameters: BENCH_CREATE_CASE_PARAMETERS },
				}),
		);
		if (result.error || result.items.length !== size)
			throw new Error(`Create Case failed: ${result.error?.message}`);
		return ms;
	};
	const floor = async (size: number) => {
		sandbox.reset();
		const items = inputItems(size, run++);
		const { ms } = await timed(
			async () =>
				await Promise.all(
					items.map(async (item, index) => {
						const response = await floorFetch(`${sandbox.url}/cases`, {
							method: 'POST',
							headers: {
								XApiKey: sandbox.apiKey,
								'Content-Type': 'application/json',
								Accept: 'application/json',
								'Idempotency-Key': `floor-${run}-${index}`,
							},
							body: JSON.stringify(floorBody(item)),
						});
						if (response.status !== 200)
							throw new Error(`floor request failed: ${response.status}`);
						return await response.json();
					}),
				),
		);
		return ms;
	};
	const rows: CreateCaseRow[] = [];
	for (const plan of plans) {
		const comparison = await interleave(plan, {
			a: async () => await ours(plan.items),
			b: async () => await floor(plan.items),
		});
		rows.push({ ...plan, comparison });
	}
	return rows;
}
