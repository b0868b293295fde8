import type { INodeExecutionData } from 'n8n-workflow';

import { toUtcIso } from '../common/timestamps';
import type { Case, Payment } from '../common/types';
import type { PaymentEvent } from './paymentFeed';

/**
 * One flat item per payment event, named for mapping into CRM and accounting nodes: the payment,
 * the case it belongs to by Debitura's ids, and — with Include Case Details — the references and
 * status a bookkeeper matches on. Timestamps are UTC with `Z`.
 */
export function toOutputItem(
	payment: Payment,
	event: PaymentEvent,
	caseDetails?: Case,
): INodeExecutionData {
	const json: INodeExecutionData['json'] = {
		event: event === 'created' ? 'payment.created' : 'payment.updated',
		paymentId: payment.id,
		grossAmount: payment.grossAmount ?? null,
		currency: payment.currency ?? null,
		date: toUtcIso(payment.date) ?? null,
		dateCreated: toUtcIso(payment.dateCreated) ?? null,
		dateUpdated: toUtcIso(payment.dateUpdated) ?? null,
		recipient: payment.recipient ?? null,
		method: payment.method ?? null,
		caseId: payment.invoice?.invoiceId ?? null,
		caseReference: payment.invoice?.reference ?? null,
		caseStatus: payment.invoice?.status ?? null,
	};
	if (caseDetails) {
		Object.assign(json, {
			creditorReference: caseDetails.creditorReference ?? null,
			debtorName: caseDetails.debtor?.name ?? null,
			lifecycle: caseDetails.lifecycle ?? null,
			closeCode: caseDetails.closeCode ?? null,
			caseRemainder: caseDetails.remainder ?? null,
			isTestCase: caseDetails.isTestCase ?? null,
		});
	}
	return { json };
}
