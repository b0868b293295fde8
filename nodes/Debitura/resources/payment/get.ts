import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { explainNotFound, invalidId } from '../../../common/errors';
import { handleDebituraResponse } from '../../../common/transport';
import { outputWithUtcTimestamps } from '../../helpers/output';
import { requestUrl } from '../../helpers/requestUrl';
import { isUuid } from '../../helpers/values';

const showFor = { resource: ['payment'], operation: ['get'] };

const paymentId = (context: IExecuteSingleFunctions) =>
	String(context.getNodeParameter('paymentId', '') ?? '').trim();

export const getPaymentOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a payment',
	description:
		'Get one payment by its ID: amount, currency, date, method, who received it (partner or creditor) and the case (invoice) it belongs to',
	routing: {
		request: { method: 'GET', url: requestUrl('/Payments/{paymentId}') },
		send: { preSend: [requirePaymentId] },
		output: {
			postReceive: [
				explainNotFound(
					'payment',
					'Payment ID',
					paymentId,
					'. Payments can be deleted (Debitura then sends a payment.deleted event), and a key for another account cannot see them.',
				),
				handleDebituraResponse({ action: 'get the payment' }),
				outputWithUtcTimestamps,
			],
		},
	},
};

export const getPaymentToolDescription =
	'Returns one payment: amount, currency, date, method, who received it (partner or creditor) and the case (invoice) it belongs to. Needs the payment id.';

/** preSend: the Payment ID must be a UUID; the request is left as routing built it. */
async function requirePaymentId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const id = paymentId(this);
	if (!isUuid(id)) {
		throw invalidId(
			this,
			'Payment ID',
			id,
			'A payment ID is a UUID, as Payment → Get Many or the Debitura Payment Trigger returns it.',
		);
	}
	return requestOptions;
}

export const getPaymentDescription: INodeProperties[] = [
	{
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a',
		description:
			"The payment's ID, as Payment → Get Many or the Debitura Payment Trigger returns it",
		displayOptions: { show: showFor },
	},
];
