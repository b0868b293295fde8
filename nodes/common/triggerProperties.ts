import type { INodeProperties } from 'n8n-workflow';

/** Which cases' events a trigger reports: the `cases` parameter's values. */
export type CaseFilter = 'test' | 'live' | 'both';

/**
 * The "Cases" parameter every Debitura trigger has (test cases only by default, to match Create
 * Case's Test Mode) and the notice shown while it is on test cases. What differs between the
 * triggers is said by the caller: what the notice reports, what starts the workflow, and how
 * "both" works.
 */
export function casesProperties(texts: {
	reporting: string;
	description: string;
	both?: string;
}): INodeProperties[] {
	return [
		{
			displayName: `Reporting ${texts.reporting} only, to match Create Case's Test Mode. Switch to "Live Cases Only" when the workflow goes live.`,
			name: 'testNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { cases: ['test'] } },
		},
		{
			displayName: 'Cases',
			name: 'cases',
			type: 'options',
			default: 'test',
			description: texts.description,
			options: [
				{ name: 'Test Cases Only', value: 'test' },
				{ name: 'Live Cases Only', value: 'live' },
				{
					name: 'Test and Live Cases',
					value: 'both',
					...(texts.both ? { description: texts.both } : {}),
				},
			],
		},
	];
}

/** The polling triggers' Options: the late-arrival window, described in the words of what the trigger follows. */
export function pollingOptions(lateWindowDescription: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Late Arrival Window (Minutes)',
				name: 'lateWindowMinutes',
				type: 'number',
				default: 60,
				typeOptions: { minValue: 1 },
				description: lateWindowDescription,
			},
		],
	};
}
