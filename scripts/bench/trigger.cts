/**
 * Payment Trigger cost: requests, response bytes and wall time per poll, and the size of the
 * static data it keeps, at 10 / 1 000 / 100 000 historical payments, for each result order the
 * API might have: the first activation, then quiet polls and polls with 1 and 100 new payments.
 * Then what poll budgets do (a 450-payment backlog under a 2-page budget; quiet polls after the
 * order was learned under a 4-page budget) and the state kept per payment in the window. Runs
 * `poll()` through n8n-core against the sandbox, exactly as the tests do.
 */
import type { PaymentOrder, Sandbox } from '../../sandbox/index.cjs';
import { TriggerUnderTest } from '../../test/harness/poll-trigger.cjs';
import { median, spread, timed, type Spread } from './stats.cjs';

export interface TriggerRow extends PollCost {
	history: number;
	order: PaymentOrder;
}

const HOUR = 3_600_000;
// Times get a spread over RUNS polls per cell. The two activation polls before them are the warm-up;
// a further uncounted poll would change what the counted ones see (the window grows with each).
const RUNS = 7;
const WARMUP = 0;

function seedHistory(sandbox: Sandbox, caseIds: string[], count: number): void {
	// Spread over three years, as a real account's history would be, with value dates a few days
	// before registration and in no order of their own (so a sort by registration can be told apart).
	const end = Date.now() - HOUR;
	const span = 3 * 365 * 24 * HOUR;
	for (let index = 0; index < count; index++) {
		const created = end - ((count - index) * span) / count;
		const date = created - (((index * 7) % 5) + 1) * 24 * HOUR;
		sandbox.addPayment({
			caseId: caseIds[index % caseIds.length],
			grossAmount: 100,
			dateCreated: new Date(created).toISOString(),
			date: new Date(date).toISOString(),
		});
	}
}

function fresh(sandbox: Sandbox, order: PaymentOrder, history: number) {
	sandbox.reset();
	sandbox.setPaymentOrder(order);
	const caseIds = Array.from({ length: 20 }, () => sandbox.createCase({ isTest: true }).id);
	seedHistory(sandbox, caseIds, history);
	return caseIds;
}

/** What one poll cost: requests, kilobytes received, static data size afterwards. */
export async function measuredPoll(sandbox: Sandbox, trigger: TriggerUnderTest) {
	const before = sandbox.requests.length;
	const { ms, result } = await timed(async () => await trigger.poll());
	const requests = sandbox.requests.slice(before);
	return {
		requests: requests.length,
		kilobytes: requests.reduce((sum, request) => sum + (request.responseBytes ?? 0), 0) / 1024,
		ms,
		emitted: result?.length ?? 0,
		staticDataBytes: JSON.stringify(trigger.savedStaticData).length,
	};
}

const sum = <T,>(rows: T[], field: (row: T) => number) =>
	rows.reduce((total, row) => total + field(row), 0);

/**
 * A poll budget that fits `pages` pages: every `GET /Payments` answered after `pageMs`, and a
 * budget whose 80 % (the part the trigger uses) ends half a page after the `pages`-th.
 */
function pageBudget(sandbox: Sandbox, pages: number, pageMs: number): number {
	sandbox.injectFault({ kind: 'slow', path: '/Payments', count: 100_000, delayMs: pageMs });
	return ((pages - 0.5) * pageMs) / 0.8;
}

/** 1 000 payments known, then 450 new ones under a 2-page budget: polls until all are out. */
async function benchBacklog(
	sandbox: Sandbox,
	credentials: TriggerCredentials,
	order: PaymentOrder,
): Promise<TriggerRow> {
	const caseIds = fresh(sandbox, order, 1000);
	const trigger = await TriggerUnderTest.create({
		credentials,
		parameters: { event: 'created', cases: 'test' },
		persistQuietPolls: true,
	});
	await trigger.poll();
	await trigger.poll();
	for (let index = 0; index < 450; index++)
		sandbox.addPayment({ caseId: caseIds[index % caseIds.length], grossAmount: 5 });
	trigger.setPollBudget(pageBudget(sandbox, 2, 250));
	const polls = [];
	let emitted = 0;
	while (emitted < 450 && polls.length < 40) {
		const poll = await measuredPoll(sandbox, trigger);
		polls.push(poll);
		emitted += poll.emitted;
	}
	sandbox.clearFaults();
	return {
		history: 1000,
		order,
		// The pages a read must cover: the five new ones and the one the floor is on when ordered, all fifteen otherwise.
		scenario: `450 new, 2-page budget: all out after ${polls.length} polls (target at most ceil(${order === 'unsorted' ? 15 : 6} / 2) + 1 = ${Math.ceil((order === 'unsorted' ? 15 : 6) / 2) + 1})`,
		requests: sum(polls, (poll) => poll.requests),
		kilobytes: sum(polls, (poll) => poll.kilobytes),
		ms: spread([sum(polls, (poll) => poll.ms)]),
		emitted,
		staticDataBytes: Math.max(...polls.map((poll) => poll.staticDataBytes)),
	};
}

/** 1 000 payments, a 4-page budget from activation on: requests of the 10 quiet polls after the order is learned. */
async function benchQuietAfterBudgetCut(
	sandbox: Sandbox,
	credentials: TriggerCredentials,
	order: PaymentOrder,
): Promise<TriggerRow> {
	fresh(sandbox, order, 1000);
	const trigger = await TriggerUnderTest.create({
		credentials,
		parameters: { event: 'created', cases: 'test' },
		persistQuietPolls: true,
		pollBudgetMs: pageBudget(sandbox, 4, 100),
	});
	// Activation, which learns the order: ten pages, four a poll.
	for (let poll = 0; poll < 3; poll++) await trigger.poll();
	const polls = [];
	for (let poll = 0; poll < 10; poll++) polls.push(await measuredPoll(sandbox, trigger));
	sandbox.clearFaults();
	return {
		history: 1000,
		order,
		scenario: '10 quiet polls after learning under a 4-page budget (target 10 requests ordered)',
		requests: sum(polls, (poll) => poll.requests),
		kilobytes: sum(polls, (poll) => poll.kilobytes),
		ms: spread([sum(polls, (poll) => poll.ms)]),
		emitted: sum(polls, (poll) => poll.emitted),
		staticDataBytes: Math.max(...polls.map((poll) => poll.staticDataBytes)),
	};
}

/** 500 payments 3 s apart, all inside the late-arrival window: static data per payment. */
async function benchStatePerPayment(
	sandbox: Sandbox,
	credentials: TriggerCredentials,
): Promise<TriggerRow> {
	fresh(sandbox, 'newest-first', 0);
	const caseId = sandbox.createCase({ isTest: true }).id;
	const trigger = await TriggerUnderTest.create({
		credentials,
		parameters: { event: 'created', cases: 'test' },
		persistQuietPolls: true,
	});
	await trigger.poll();
	const now = Date.now();
	for (let index = 0; index < 500; index++) {
		sandbox.addPayment({
			caseId,
			grossAmount: 1,
			dateCreated: new Date(now - (500 - index) * 3000).toISOString(),
		});
	}
	const poll = await measuredPoll(sandbox, trigger);
	return {
		history: 0,
		order: 'newest-first',
		scenario: `500 new, 3 s apart: ${(poll.staticDataBytes / 500).toFixed(1)} bytes of state per payment in the window (target < 12)`,
		...poll,
		ms: spread([poll.ms]),
	};
}

export type TriggerCredentials = { apiKey: string; environment: string; baseUrl: string };

/** What a poll costs in one scenario: the median of RUNS polls (times with their spread; state size the largest). */
export interface PollCost {
	/** 'first activation', 'quiet', '1 new', '100 new', or a labelled one-off measurement. */
	scenario: string;
	requests: number;
	kilobytes: number;
	ms: Spread;
	emitted: number;
	staticDataBytes: number;
}

/**
 * The first activation of a fresh trigger (reads everything, learns the order, emits nothing), then
 * RUNS polls each quiet, after 1 and after 100 new events (`makeEvents(count)` makes them).
 */
export async function pollCosts(
	sandbox: Sandbox,
	trigger: TriggerUnderTest,
	makeEvents: (count: number) => void,
): Promise<PollCost[]> {
	const activation = await measuredPoll(sandbox, trigger);
	const costs: PollCost[] = [
		{ scenario: 'first activation', ...activation, ms: spread([activation.ms]) },
	];
	await trigger.poll(); // a complete read has confirmed the floor
	for (const [scenario, count] of [
		['quiet', 0],
		['1 new', 1],
		['100 new', 100],
	] as const) {
		const samples: Array<Awaited<ReturnType<typeof measuredPoll>>> = [];
		for (let run = 0; run < WARMUP + RUNS; run++) {
			makeEvents(count);
			const sample = await measuredPoll(sandbox, trigger);
			if (run >= WARMUP) samples.push(sample);
		}
		costs.push({
			scenario,
			requests: median(samples.map((sample) => sample.requests)),
			kilobytes: median(samples.map((sample) => sample.kilobytes)),
			ms: spread(samples.map((sample) => sample.ms)),
			emitted: median(samples.map((sample) => sample.emitted)),
			staticDataBytes: Math.max(...samples.map((sample) => sample.staticDataBytes)),
		});
	}
	return costs;
}

/** One history size and the orders measured at it. */
export interface TriggerCell {
	history: number;
	orders: PaymentOrder[];
}

export async function benchTrigger(
	sandbox: Sandbox,
	cells: TriggerCell[],
	orders: PaymentOrder[],
): Promise<TriggerRow[]> {
	const rows: TriggerRow[] = [];
	const credentials = { apiKey: sandbox.apiKey, environment: 'custom', baseUrl: sandbox.url };
	for (const { history, orders: cellOrders } of cells) {
		for (const order of cellOrders) {
			// A fresh account per cell, so earlier cells' new payments do not pad the history.
			const caseIds = fresh(sandbox, order, history);
			const trigger = await TriggerUnderTest.create({
				credentials,
				parameters: { event: 'created', cases: 'test' },
				persistQuietPolls: true,
			});
			const newPayments = (count: number) => {
				for (let index = 0; index < count; index++)
					sandbox.addPayment({ caseId: caseIds[index % caseIds.length], grossAmount: 5 });
			};
			for (const cost of await pollCosts(sandbox, trigger, newPayments))
				rows.push({ history, order, ...cost });
		}
	}
	for (const order of orders) rows.push(await benchBacklog(sandbox, credentials, order));
	for (const order of orders)
		rows.push(await benchQuietAfterBudgetCut(sandbox, credentials, order));
	rows.push(await benchStatePerPayment(sandbox, credentials));
	return rows;
}
