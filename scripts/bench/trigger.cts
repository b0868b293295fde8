/**
 * Payment Trigger cost: requests, response bytes and wall time per poll, and the size of the
 * static data it keeps, at 10 / 1 000 / 100 000 historical payments, for each result order the
 * API might have, quiet and with 1 and 100 new payments. Runs `poll()` through n8n-core against
 * the sandbox, exactly as the tests do.
 */
import type { PaymentOrder, Sandbox } from '../../sandbox/index.cjs';
import { TriggerUnderTest } from '../../test/harness/poll-trigger.cjs';
import { median, spread, timed, type Spread } from './stats.cjs';

export interface TriggerRow {
	history: number;
	order: PaymentOrder;
	scenario: 'quiet' | '1 new' | '100 new';
	requests: number;
	kilobytes: number;
	/** Wall time of one poll: median and interquartile range over RUNS polls. */
	ms: Spread;
	emitted: number;
	staticDataBytes: number;
}

const HOUR = 3_600_000;
// Times get a spread over RUNS polls per cell. The two activation polls before them are the warm-up;
// a further uncounted poll would change what the counted ones see (the window grows with each).
const RUNS = 7;
const WARMUP = 0;

function seedHistory(sandbox: Sandbox, caseIds: string[], count: number): void {
	// Spread over three years, as a real account's history would be.
	const end = Date.now() - HOUR;
	const span = 3 * 365 * 24 * HOUR;
	for (let index = 0; index < count; index++) {
		const dateCreated = new Date(end - ((count - index) * span) / count).toISOString();
		sandbox.addPayment({ caseId: caseIds[index % caseIds.length], grossAmount: 100, dateCreated });
	}
}

export async function benchTrigger(sandbox: Sandbox, histories: number[], orders: PaymentOrder[]): Promise<TriggerRow[]> {
	const rows: TriggerRow[] = [];
	const credentials = { apiKey: sandbox.apiKey, environment: 'custom', baseUrl: sandbox.url };
	for (const history of histories) {
		for (const order of orders) {
			// A fresh account per cell, so earlier cells' new payments do not pad the history.
			sandbox.reset();
			sandbox.setPaymentOrder(order);
			const caseIds = Array.from({ length: 20 }, () => sandbox.createCase({ isTest: true }).id);
			seedHistory(sandbox, caseIds, history);
			const trigger = await TriggerUnderTest.create({ credentials, parameters: { event: 'created', cases: 'test' }, persistQuietPolls: true });
			await trigger.poll(); // activation: reads everything once
			await trigger.poll(); // a complete read has settled the order
			for (const scenario of ['quiet', '1 new', '100 new'] as const) {
				const samples: Array<Omit<TriggerRow, 'history' | 'order' | 'scenario' | 'ms'> & { ms: number }> = [];
				for (let run = 0; run < WARMUP + RUNS; run++) {
					const fresh = scenario === 'quiet' ? 0 : scenario === '1 new' ? 1 : 100;
					for (let index = 0; index < fresh; index++) sandbox.addPayment({ caseId: caseIds[index % caseIds.length], grossAmount: 5 });
					const before = sandbox.requests.length;
					const { ms, result } = await timed(async () => await trigger.poll());
					const requests = sandbox.requests.slice(before);
					if (run < WARMUP) continue;
					samples.push({
						requests: requests.length,
						kilobytes: requests.reduce((sum, request) => sum + (request.responseBytes ?? 0), 0) / 1024,
						ms,
						emitted: result?.length ?? 0,
						staticDataBytes: JSON.stringify(trigger.savedStaticData).length,
					});
				}
				rows.push({
					history,
					order,
					scenario,
					requests: median(samples.map((sample) => sample.requests)),
					kilobytes: median(samples.map((sample) => sample.kilobytes)),
					ms: spread(samples.map((sample) => sample.ms)),
					emitted: median(samples.map((sample) => sample.emitted)),
					staticDataBytes: Math.max(...samples.map((sample) => sample.staticDataBytes)),
				});
			}
		}
	}
	return rows;
}
