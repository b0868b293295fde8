import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { explainStatus, refusedInput, refuseItem } from '../../../common/errors';
import {
	handleDebituraResponse,
	sendToDebitura,
	type SentRequest,
} from '../../../common/transport';
import { caseIdInUrl, caseLocator, caseResourceErrorContext } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { MAX_AMOUNT, positiveAmount } from '../../helpers/values';
import { lookUpTestCaseId } from './testCaseGuard';

const showFor = { resource: ['testCase'], operation: ['advance'] };
const DOING = 'advance the test case';

/** The targets of `POST /test/cases/{id}/advance`, as Debitura spells them. */
const ADVANCE_TARGETS = ['Active', 'Closed:Paid', 'Closed:NoPayment'] as const;

/** Advancing twice is harmless (the second answers `advanced: false`), so a retry after a server error is safe. */
const ADVANCE_RETRY_ADVICE =
	'Retrying is safe: advancing a test case to a state it already reached changes nothing (Debitura answers advanced: false). Turn on "Retry On Fail" in the node settings, or run the workflow again.';

const REFUSED_400 =
	'Debitura advances only test cases, and refuses: a live case; Closed: Paid without an amount above 0; a target other than Active, Closed: Paid or Closed: No Payment; a case already closed with a different outcome (a test case closed as No Payment cannot become Paid). Nothing was changed.';

function advanceErrorContext(this: IExecuteSingleFunctions, request?: SentRequest) {
	return {
		...caseResourceErrorContext(DOING).call(this, request),
		retryAdvice: ADVANCE_RETRY_ADVICE,
		fieldLabels: { to: 'Advance To', amount: 'Amount Paid' },
	};
}

/** preSend: the target (and for Closed: Paid the checked amount) to `/test/cases/{id}/advance`. */
async function advanceBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const to = String(this.getNodeParameter('to', '') ?? '').trim();
	if (!(ADVANCE_TARGETS as readonly string[]).includes(to)) {
		throw refuseItem(
			this,
			`"Advance To" must be Active, Closed:Paid or Closed:NoPayment (got "${to.slice(0, 60)}")`,
			'Pick the state from the list.',
		);
	}
	const body: { to: string; amount?: number } = { to };
	if (to === 'Closed:Paid') {
		try {
			body.amount = positiveAmount(this.getNodeParameter('amount', 0), 'Amount Paid');
		} catch (error) {
			throw refusedInput(
				this,
				error,
				'Closed: Paid records a payment of this amount, in the case currency, before closing the case.',
			);
		}
	}
	requestOptions.body = body;
	requestOptions.json = true;
	return requestOptions;
}

/**
 * Sends the request (`sendToDebitura`), then adds to Debitura's `{ advanced, state }` the case it
 * concerns, for the next node: the ID the request went to, which for a reference is the one looked up.
 */
async function sendNamingTheCase(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const items = await sendToDebitura.call(this, requestData);
	const caseId = caseIdInUrl(requestData.options.url);
	return caseId ? items.map((item) => ({ ...item, json: { caseId, ...item.json } })) : items;
}

export const advanceTestCaseOperation: INodePropertyOptions = {
	name: 'Advance',
	value: 'advance',
	action: 'Advance a test case',
	description:
		"Move a test case on as if a partner worked it: to Active, to Closed: Paid (records a payment, so the Payment Trigger fires) or to Closed: No Payment. Debitura's webhooks fire as for a real case; advancing again to the same state changes nothing.",
	routing: {
		request: { method: 'POST', url: requestUrl('/test/cases/{case}/advance') },
		send: { preSend: [advanceBody, lookUpTestCaseId(DOING, 'Advance')] },
		operations: { pagination: sendNamingTheCase },
		output: {
			postReceive: [
				explainStatus(400, DOING, () => REFUSED_400),
				handleDebituraResponse(advanceErrorContext),
			],
		},
	},
};

export const advanceTestCaseToolDescription =
	'Moves a TEST case on as if a partner worked it: to Active, Closed: Paid (records a payment) or Closed: No Payment; webhooks fire as for a real case. Live cases are refused. Needs the test case.';

export const advanceTestCaseDescription: INodeProperties[] = [
	caseLocator(showFor),
	{
		displayName: 'Advance To',
		name: 'to',
		type: 'options',
		options: [
			{
				name: 'Active',
				value: 'Active',
				description:
					'Activate a case waiting for verification; no change if it is already active or closed',
			},
			{
				name: 'Closed: Paid',
				value: 'Closed:Paid',
				description:
					'Record a payment of the amount, then close the case as paid (activating it first if needed)',
			},
			{
				name: 'Closed: No Payment',
				value: 'Closed:NoPayment',
				description: 'Close the case as exhausted without payment (activating it first if needed)',
			},
		],
		default: 'Closed:Paid',
		description: 'The state to move the test case to',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Amount Paid',
		name: 'amount',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { minValue: 0, maxValue: MAX_AMOUNT, numberPrecision: 2 },
		description: 'The payment to record, in the case currency; must be greater than 0',
		displayOptions: { show: { ...showFor, to: ['Closed:Paid'] } },
	},
];
