/**
 * Create Case throughput through n8n-core with our node, against the same requests sent by a
 * plain `fetch` loop (the floor: no n8n at all). Both send the items concurrently, as n8n's
 * declarative engine does, and both carry the same headers and bodies.
 */
import type { Sandbox } from '../../sandbox/index.cjs';
import { runWorkflow } from '../../test/harness/run-workflow.cjs';
import { median, timed } from './stats.cjs';

export interface CreateCaseRow {
	items: number;
	oursMs: number;
	floorMs: number;
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
		debtor: { type: 'Company', name: item.json.customer, countryAlpha2: 'DK', address: 'Vesterbrogade 12', city: 'København V' },
	};
}

export async function benchCreateCase(sandbox: Sandbox, sizes: number[], runs: number): Promise<CreateCaseRow[]> {
	const credentials = { apiKey: sandbox.apiKey, environment: 'custom', baseUrl: sandbox.url };
	const rows: CreateCaseRow[] = [];
	// One warm-up of each path, so module loading is not billed to the first size.
	await runWorkflow({ credentials, input: inputItems(1, -1), node: { parameters: BENCH_CREATE_CASE_PARAMETERS } });
	for (const size of sizes) {
		const ours: number[] = [];
		const floor: number[] = [];
		for (let run = 0; run < runs; run++) {
			sandbox.reset();
			const oursRun = await timed(async () => await runWorkflow({ credentials, input: inputItems(size, run), node: { parameters: BENCH_CREATE_CASE_PARAMETERS } }));
			if (oursRun.result.error || oursRun.result.items.length !== size) throw new Error(`Create Case failed: ${oursRun.result.error?.message}`);
			ours.push(oursRun.ms);

			sandbox.reset();
			const items = inputItems(size, run);
			const floorRun = await timed(
				async () =>
					await Promise.all(
						items.map(async (item, index) => {
							const response = await fetch(`${sandbox.url}/cases`, {
								method: 'POST',
								headers: { XApiKey: sandbox.apiKey, 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': `floor-${run}-${index}` },
								body: JSON.stringify(floorBody(item)),
							});
							if (response.status !== 200) throw new Error(`floor request failed: ${response.status}`);
							return await response.json();
						}),
					),
			);
			floor.push(floorRun.ms);
		}
		rows.push({ items: size, oursMs: median(ours), floorMs: median(floor) });
	}
	return rows;
}
