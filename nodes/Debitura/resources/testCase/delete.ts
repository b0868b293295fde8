import type { IExecuteSingleFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { explainStatus } from '../../../common/errors';
import { answerDeleted } from '../../helpers/output';
import { handleDebituraResponse, type SentRequest } from '../../../common/transport';
import { caseLocator, caseResourceErrorContext } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { lookUpTestCaseId } from './testCaseGuard';

const showFor = { resource: ['testCase'], operation: ['delete'] };
const DOING = 'delete the test case';

/** Deleting a test case that is already gone answers 204 again, so a retry is safe. */
const DELETE_RETRY_ADVICE =
	'Retrying is safe: deleting a test case that is already gone changes nothing. Turn on "Retry On Fail" in the node settings, or run the workflow again.';

export const deleteTestCaseOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a test case',
	description:
		'Permanently delete one test case with its payments, messages, files and webhook records. Live cases are refused. Deleting a test case that is already gone succeeds.',
	routing: {
		request: { method: 'DELETE', url: requestUrl('/test/cases/{case}') },
		send: { preSend: [lookUpTestCaseId(DOING, 'Delete')] },
		output: {
			postReceive: [
				explainStatus(
					400,
					DOING,
					() =>
						'Debitura deletes only test cases; this case is a live (production) case and was left as it is. Live cases cannot be deleted through the API.',
				),
				handleDebituraResponse(function (this: IExecuteSingleFunctions, request?: SentRequest) {
					return {
						...caseResourceErrorContext(DOING).call(this, request),
						retryAdvice: DELETE_RETRY_ADVICE,
					};
				}),
				answerDeleted,
			],
		},
	},
};

export const deleteTestCaseToolDescription =
	'Permanently deletes one TEST case with its payments, messages and files. Live cases are refused and left as they are. Needs the test case.';

export const deleteTestCaseDescription: INodeProperties[] = [caseLocator(showFor)];
