import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { accountOf } from './account';
import { keepSeedCopy, seedCopy } from './activationSeed';
import {
	Cursor,
	eventKey,
	newCursorState,
	unreadableBecause,
	withoutRetiredFields,
	type CursorState,
} from './cursor';
import { recordPoll } from './poll';
import { readFeed, type Reader } from './scan';
import { catchUp, forget, leaveState, takeTurn } from './turns';

/** How often a full read re-checks the order that cheaper ordered reads rely on. */
const FULL_SCAN_INTERVAL_MS = 24 * 60 * 60 * 1000;

interface ScheduledPoll<T> {
	/** The node's type name (e.g. `debituraPaymentTrigger`): names the activation seed's copy. */
	typeName: string;
	/** The node's display name, for n8n's log. */
	displayName: string;
	/** The trigger's Event parameter: a cursor kept for another event starts afresh. */
	event: string;
	/** The feed's pages, as this poll reads them (`reader.feed` is the feed). */
	reader: Reader<T>;
	baseURL: string;
	startedAt: number;
	lateWindowMs: number;
	/** Whether a row is an event this trigger reports at all. Rows it does not report are never kept, so they cost the cursor nothing. */
	wanted?: (item: T) => boolean;
	/**
	 * Gets the output ready for the rows this poll kept (look-ups happen here, before the cursor is
	 * decided) and returns how to turn the events that turn out new into output items.
	 */
	prepare: (kept: T[]) => Promise<(fresh: T[]) => INodeExecutionData[]>;
}

/**
 * A scheduled poll of a Debitura polling trigger: reads the feed from the trigger's cursor and
 * returns each new event once. It holds what both polling triggers share: the cursor's account tie
 * (a credential that reaches another account starts afresh, as activation does), state it cannot
 * read (a warning, then a fresh start), and the two habits of n8n's durable scheduler it works
 * around (polls that take turns, turns.ts; the activation seed, activationSeed.ts).
 */
export async function runScheduledPoll<T>(
	context: IPollFunctions,
	poll: ScheduledPoll<T>,
): Promise<INodeExecutionData[][] | null> {
	const { event, startedAt } = poll;
	const { feed } = poll.reader;
	const staticData = context.getWorkflowStaticData('node');
	const globalData = context.getWorkflowStaticData('global');
	const node = context.getNode();
	const logContext = { workflowId: context.getWorkflow().id, node: node.name };
	const trigger = `${context.getWorkflow().id ?? ''}:${node.id}`;
	const budgetMs =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : undefined;
	const turn = await takeTurn(trigger, budgetMs);
	try {
		// n8n gives its durable scheduler's tasks the mode 'update'; any other poll of a running
		// trigger is the one at activation (older n8n versions, whose polls share one static data
		// object, give every poll its workflow's activation mode, and lose nothing by forgetting).
		if (context.getActivationMode() !== 'update') forget(trigger);
		// No cursor of its own: the one made at activation, should n8n have dropped it.
		const copy =
			staticData.cursor === undefined ? seedCopy(globalData, poll.typeName, node.id) : undefined;
		if (copy && !unreadableBecause(copy.cursor)) {
			staticData.cursor = copy.cursor;
			if (copy.lineage !== undefined) {
				staticData.lineage = copy.lineage;
				staticData.revision = copy.revision;
			}
		}
		catchUp(trigger, staticData);
		const problem =
			staticData.cursor === undefined ? undefined : unreadableBecause(staticData.cursor);
		if (problem) {
			context.logger.warn(
				`${poll.displayName} "${node.name}": its saved state is unreadable (${problem}); starting afresh, as on activation`,
				logContext,
			);
		}
		/** The saved cursor, when it is readable and follows this event (a changed Event parameter starts afresh). */
		const saved = (): CursorState | undefined => {
			const value = staticData.cursor as unknown as CursorState | undefined;
			return value !== undefined && !unreadableBecause(value) && value.event === event
				? withoutRetiredFields(value)
				: undefined;
		};
		// The cursor belongs to one account; `GET /me` is asked only for a credential this process has not checked (account.ts).
		const credentials = await context.getCredentials('debituraApi');
		const account = await accountOf(context, poll.baseURL, credentials.apiKey);
		let state = saved();
		if (state && state.account !== account) {
			context.logger.info(
				`${poll.displayName} "${node.name}": the credential now reaches another account; starting afresh`,
				logContext,
			);
			state = undefined;
		}
		state ??= newCursorState(event, account);
		const before = new Cursor(state);
		const wanted = poll.wanted ?? (() => true);
		const keep = (item: T) => wanted(item) && before.isNew(feed.time(item), eventKey(feed, item));
		const fullReadDue =
			state.seeding === true || startedAt - (state.lastFullScan ?? 0) > FULL_SCAN_INTERVAL_MS;
		const outcome = await readFeed(poll.reader, state, keep, fullReadDue);
		const toItems =
			!state.seeding && outcome.kept.length ? await poll.prepare(outcome.kept) : () => [];

		// Decide and record in one synchronous step, on the cursor as it is now: should another poll
		// of this trigger have finished meanwhile, what it handled is not handled again.
		const now = saved();
		const cursor = new Cursor(now && now.account === state.account ? now : state);
		const { fresh, seeding: wasSeeding } = recordPoll(cursor, feed, outcome, {
			startedAt,
			lateWindowMs: poll.lateWindowMs,
		});
		const output = wasSeeding || fresh.length === 0 ? [] : toItems(fresh);
		const withinBudget = budgetMs === undefined || Date.now() - startedAt < budgetMs;
		const written = cursor.toJson() as unknown as IDataObject;
		const left = leaveState(trigger, staticData, written, output.length === 0 || withinBudget);
		keepSeedCopy(globalData, poll.typeName, node.id, { cursor: written, ...left }, wasSeeding);
		return output.length ? [output] : null;
	} finally {
		turn.end();
	}
}
