/**
 * Case → Get Many with Return All through n8n-core (our node: n8n's declarative pagination) against
 * a plain `fetch` loop reading the same pages (Page 1, 2, … at PageSize 100, stopping at the last
 * page the answer reports) and collecting the cases (the floor: no n8n at all). Both read the pages
 * one after the other, as pagination must. Simplify is off, so both end with the full cases.
 */
import type { Sandbox } from '../../sandbox/index.cjs';
import { runWorkflow } from '../../test/harness/run-workflow.cjs';
import { floorFetch } from './floor-fetch.cjs';
import { interleave, timed, type Comparison, type PairPlan } from './stats.cjs';

export interface GetManyPlan extends PairPlan {
	cases: number;
}

export interface GetManyRow extends GetManyPlan {
	/** a = our node through n8n-core, b = the fetch loop; wall time of one Return All each. */
	comparison: Comparison;
	/** Requests one Return All sent, ours and the loop's (each run checked to be the same). */
	requests: { ours: number; fetch: number };
}

const PAGE_SIZE = 100;

function seedCases(sandbox: Sandbox, count: number): void {
	sandbox.reset();
	const base = Date.parse('2026-01-01T00:00:00Z');
	for (let index = 0; index < count; index++) {
		sandbox.createCase({
			isTest: true,
			creditorReference: `INV-${index}`,
			dateCreated: new Date(base + index * 60_000).toISOString(),
		});
	}
}

export async function benchGetMany(sandbox: Sandbox, plan: GetManyPlan): Promise<GetManyRow> {
	seedCases(sandbox, plan.cases);
	const credentials = { apiKey: sandbox.apiKey, environment: 'custom', baseUrl: sandbox.url };
	const requestCounts = { ours: new Set<number>(), fetch: new Set<number>() };
	/** Runs one side, checks it read every case, and notes how many requests it took. */
	const measured = async (side: 'ours' | 'fetch', read: () => Promise<number>) => {
		const before = sandbox.requests.length;
		const { ms, result: count } = await timed(read);
		if (count !== plan.cases)
			throw new Error(`Get Many (${side}) read ${count} of ${plan.cases} cases`);
		requestCounts[side].add(sandbox.requests.length - before);
		sandbox.requests.length = 0; // the log would otherwise grow by every page of every run
		return ms;
	};
	const ours = async () => {
		const { items, error } = await runWorkflow({
			credentials,
			node: {
				parameters: { resource: 'case', operation: 'getMany', returnAll: true, simplify: false },
			},
		});
		if (error) throw new Error(`Get Many failed: ${error.message}`);
		return items.length;
	};
	const floor = async () => {
		const cases: unknown[] = [];
		for (let page = 1; ; page++) {
			const response = await floorFetch(`${sandbox.url}/cases?Page=${page}&PageSize=${PAGE_SIZE}`, {
				headers: { XApiKey: sandbox.apiKey, Accept: 'application/json' },
			});
			if (response.status !== 200) throw new Error(`floor request failed: ${response.status}`);
			const body = (await response.json()) as { cases: unknown[]; page: { totalPages: number } };
			cases.push(...body.cases);
			if (page >= body.page.totalPages || body.cases.length === 0) break;
		}
		return cases.length;
	};
	const comparison = await interleave(plan, {
		a: async () => await measured('ours', ours),
		b: async () => await measured('fetch', floor),
	});
	const single = (counts: Set<number>, side: string) => {
		if (counts.size !== 1)
			throw new Error(
				`Get Many (${side}) sent a different number of requests from run to run: ${[...counts].join(', ')}`,
			);
		return [...counts][0];
	};
	return {
		...plan,
		comparison,
		requests: {
			ours: single(requestCounts.ours, 'ours'),
			fetch: single(requestCounts.fetch, 'fetch'),
		},
	};
}
