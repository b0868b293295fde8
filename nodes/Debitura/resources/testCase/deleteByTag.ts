import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { explainStatus, refusedInput, refuseItem } from '../../../common/errors';
import { handleDebituraResponse } from '../../../common/transport';
import { cleanText } from '../../helpers/values';

const showFor = { resource: ['testCase'], operation: ['deleteByTag'] };
const DOING = 'delete the test cases by tag';

/** Debitura's limit for a test case's tag (spec, `CreateCaseRequest.tag`). */
const MAX_TAG_LENGTH = 100;

const tagOf = (context: IExecuteSingleFunctions) =>
	String(context.getNodeParameter('tag', '') ?? '').trim();

/** preSend: the checked tag as `?tag=`; an empty tag would be Debitura's 400, so it is refused here. */
async function targetTag(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	let tag: string | undefined;
	try {
		tag = cleanText(this.getNodeParameter('tag', ''), 'Tag', { maxLength: MAX_TAG_LENGTH });
	} catch (error) {
		throw refusedInput(this, error, 'Give the tag the test cases were created with.');
	}
	if (!tag) {
		throw refuseItem(
			this,
			'"Tag" is empty',
			'Give the tag the test cases were created with (Create Case → Test Tag).',
		);
	}
	requestOptions.qs = { tag };
	return requestOptions;
}

/** postReceive: Debitura answers 204 whether or not anything matched; the output says which tag was cleaned up. */
async function answerDeletedTag(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true, tag: tagOf(this) } }];
}

/** Debitura's rule, said where it bites: one live case among the matches and nothing at all is deleted. */
const ALL_OR_NOTHING =
	'Debitura deletes by tag all or nothing: if any case with this tag is a live (production) case, it refuses the whole request and deletes none of them, test cases included.';

export const deleteTestCasesByTagOperation: INodePropertyOptions = {
	name: 'Delete by Tag',
	value: 'deleteByTag',
	action: 'Delete test cases by tag',
	description: `Permanently delete every test case created with a tag, e.g. after a rehearsal. ${ALL_OR_NOTHING} A tag that matches nothing succeeds.`,
	routing: {
		request: { method: 'DELETE', url: '/test/cases' },
		send: { preSend: [targetTag] },
		output: {
			postReceive: [
				explainStatus(400, DOING, function () {
					return `${ALL_OR_NOTHING} Nothing was deleted. Find the live case with tag "${tagOf(this)}" (Case → Get Many shows isTestCase), then clean up the test cases one by one with Test Case → Delete, or tag test runs with a tag no live case carries.`;
				}),
				handleDebituraResponse({
					action: DOING,
					retryAdvice:
						'Retrying is safe: deleting by tag again deletes only what is left. Turn on "Retry On Fail" in the node settings, or run the workflow again.',
				}),
				answerDeletedTag,
			],
		},
	},
};

export const deleteTestCasesByTagToolDescription =
	'Permanently deletes every TEST case created with a tag. If any case with that tag is a live case, Debitura deletes none of them. Needs the tag.';

export const deleteTestCasesByTagDescription: INodeProperties[] = [
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. n8n-rehearsal',
		description: `The Test Tag the cases were created with (at most ${MAX_TAG_LENGTH} characters)`,
		displayOptions: { show: showFor },
	},
	{
		displayName:
			'All or nothing: if any case with this tag is a live case, Debitura deletes none of them',
		name: 'allOrNothingNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor },
	},
];
