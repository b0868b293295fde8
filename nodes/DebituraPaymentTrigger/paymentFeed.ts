import type { IPollFunctions } from 'n8n-workflow';

import { debituraRequest } from '../common/transport';
import { parseDebituraTime } from '../common/timestamps';
import type { Payment, PaymentList } from '../common/types';
import { toFeedPage, type Feed } from '../common/polling/feed';

export type PaymentEvent = 'created' | 'updated';

/** Debitura's largest page. */
const PAGE_SIZE = 100;

export function eventTime(payment: Payment, event: PaymentEvent): number {
	if (event === 'created') return parseDebituraTime(payment.dateCreated);
	// An "update" is an edit after creation; a payment whose dateUpdated equals its creation time was never edited.
	const updated = parseDebituraTime(payment.dateUpdated);
	return updated > parseDebituraTime(payment.dateCreated) ? updated : Number.NaN;
}

/**
 * `GET /Payments` as a feed of New Payment or Payment Updated events. An event is the payment
 * for New Payment, the payment at one edit time for Payment Updated; an edit can be on any
 * page, so Payment Updated never stops a read early. `totalResults` lets a read notice that a
 * deletion shifted rows under it.
 */
export function paymentFeed(
	context: IPollFunctions,
	baseURL: string,
	event: PaymentEvent,
): Feed<Payment> {
	const source = { endpoint: 'GET /Payments', root: 'payments' };
	return {
		source,
		async readPage(page) {
			const list = await debituraRequest<PaymentList>(
				context,
				{ method: 'GET', baseURL, url: '/Payments', qs: { Page: page, PageSize: PAGE_SIZE } },
				{ action: 'list payments' },
			);
			return toFeedPage<Payment>(context, list, source, page, PAGE_SIZE);
		},
		rowId: (payment) => payment.id ?? '',
		time: (payment) => eventTime(payment, event),
		key: (payment) =>
			event === 'created' ? payment.id : `${payment.id}@${eventTime(payment, event)}`,
		sortTime: (payment) => parseDebituraTime(payment.dateCreated),
		// Debitura might sort by the payment's value date instead; a back-dated payment would then sit deep in the list.
		otherSortTime: (payment) => parseDebituraTime(payment.date),
		orderedReads: event === 'created',
	};
}
