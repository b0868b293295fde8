import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeError } from '../common/errors';
import { debituraBaseUrlFor } from '../common/transport';
import { casesProperties, pollingOptions, type CaseFilter } from '../common/triggerProperties';
import { withUtcTimestamps } from '../common/timestamps';
import type { Case } from '../common/types';
import { createReader, readAll } from '../common/polling/scan';
import { runScheduledPoll } from '../common/polling/triggerPoll';
import { simplifyCase } from '../Debitura/resources/case/output';
import { caseFeed, eventTime, type CaseEvent } from './caseFeed';
import {
	CLOSE_CODE_OPTIONS,
	LIFECYCLE_OPTIONS,
	closeCodeMatches,
	lifecycleMatches,
} from './filters';

const EVENT_NAMES: Record<CaseEvent, string> = {
	created: 'case.created',
	updated: 'case.updated',
	closed: 'case.closed',
};

export class DebituraCaseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Debitura Case Trigger',
		name: 'debituraCaseTrigger',
		icon: { light: 'file:../../icons/debitura.svg', dark: 'file:../../icons/debitura.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["event"] === "closed" ? "Case Closed" : $parameter["event"] === "updated" ? "Case Updated" : "New Case" }}',
		description:
			'Starts the workflow when a Debitura case is created, changes or is closed, by polling',
		defaults: { name: 'Debitura Case Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'debituraApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'created',
				options: [
					{
						name: 'Case Closed',
						value: 'closed',
						description: 'A case was closed (its lifecycle became Closed)',
					},
					{
						name: 'Case Updated',
						value: 'updated',
						description: 'Debitura recorded a change on a case (its last-updated time moved)',
					},
					{ name: 'New Case', value: 'created', description: 'A case was created' },
				],
			},
			{
				displayName: 'Only When Lifecycle Is',
				name: 'lifecycles',
				type: 'multiOptions',
				default: [],
				options: LIFECYCLE_OPTIONS,
				description:
					'Report a change only when the case is now in one of these lifecycles. Leave empty for every change.',
				displayOptions: { show: { event: ['updated'] } },
			},
			{
				displayName: 'Only With Close Code',
				name: 'closeCodes',
				type: 'multiOptions',
				default: [],
				options: CLOSE_CODE_OPTIONS,
				description:
					'Report a closed case only when it was closed with one of these codes. Leave empty for every close.',
				displayOptions: { show: { event: ['closed'] } },
			},
			...casesProperties({
				reporting: 'test cases',
				description:
					'Which cases start the workflow. Test cases are those created with Test Mode on.',
			}),
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return the case as Get Status simplifies it (identity, lifecycle, amounts, key dates) instead of every field',
			},
			pollingOptions(
				'How much older than the newest event already seen an event may be when it first shows up and still be reported. Larger is safer; the trigger remembers every event within it.',
			),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const startedAt = Date.now();
		const event = this.getNodeParameter('event', 'created') as CaseEvent;
		const filter = this.getNodeParameter('cases', 'test') as CaseFilter;
		const lifecycles =
			event === 'updated' ? (this.getNodeParameter('lifecycles', []) as string[]) : [];
		const closeCodes =
			event === 'closed' ? (this.getNodeParameter('closeCodes', []) as string[]) : [];
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const lateWindowMs = Number(options.lateWindowMinutes ?? 60) * 60_000;
		const baseURL = await debituraBaseUrlFor(this);
		const feed = caseFeed(this, baseURL, event);
		const reader = createReader(this, feed, startedAt);

		/**
		 * Whether a case is an event this trigger reports. Cases it does not report are never kept,
		 * so they cost the cursor nothing (a live account does not fill a test trigger's memory).
		 */
		const wanted = (item: Case) =>
			Number.isFinite(eventTime(item, event)) &&
			(filter === 'both' || item.isTestCase === (filter === 'test')) &&
			lifecycleMatches(item, lifecycles) &&
			closeCodeMatches(item, closeCodes);
		const toItem = (item: Case): INodeExecutionData => ({
			json: {
				event: EVENT_NAMES[event],
				...(simplify ? simplifyCase(item) : (withUtcTimestamps(item) as IDataObject)),
			},
		});

		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the newest matching case; the cursor is not touched.
			const kept = await readAll(reader, wanted);
			const newest = kept.sort((a, b) => eventTime(b, event) - eventTime(a, event))[0];
			if (newest) return [[toItem(newest)]];
			const which = filter === 'both' ? '' : `${filter} `;
			const what = {
				created: `No ${which}cases yet`,
				updated: `No changed ${which}cases yet`,
				closed: `No closed ${which}cases yet`,
			}[event];
			throw nodeError(
				this,
				lifecycles.length || closeCodes.length ? `${what} that match the filter` : what,
				filter === 'test'
					? 'Create a test case with the Debitura node (in the sandbox, advance it to change or close it), then fetch again.'
					: 'The trigger starts the workflow when Debitura reports one; fetch again once such a case exists.',
			);
		}

		return await runScheduledPoll(this, {
			typeName: 'debituraCaseTrigger',
			displayName: 'Debitura Case Trigger',
			event,
			reader,
			baseURL,
			startedAt,
			lateWindowMs,
			wanted,
			prepare: async () => (fresh) =>
				fresh.sort((a, b) => eventTime(a, event) - eventTime(b, event)).map(toItem),
		});
	}
}
