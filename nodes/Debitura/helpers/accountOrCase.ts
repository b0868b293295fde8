import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { handleDebituraResponse, sendToDebitura } from '../../common/transport';
import { caseResourceErrorContext } from './caseLocator';
import { limitUnlessReturnAll, splitList } from './paging';

/**
 * Get Many operations that list either the whole account (a paged object, read by n8n's pagination)
 * or one case (a plain list Debitura answers in one go), chosen by the operation's `scope` parameter.
 */

export const forOneCase = (context: IExecuteSingleFunctions) =>
	context.getNodeParameter('scope', 'account') === 'case';

type Send = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** How the request is sent: the account's list page by page (`paged`), a case's list as one request. */
export function pagedForTheAccount(paged: Send): Send {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	) {
		return forOneCase(this)
			? await sendToDebitura.call(this, requestData)
			: await paged.call(this, requestData);
	};
}

/** First postReceive: the account answers a page object, a case a list; a failure is worded for either. */
export function handleAccountOrCaseAnswer(doing: string) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	) {
		return forOneCase(this)
			? await handleDebituraResponse(caseResourceErrorContext(doing), 'list').call(
					this,
					items,
					response,
				)
			: await handleDebituraResponse({ action: doing }).call(this, items, response);
	};
}

/** A case's list is one answer: split into items and limited here (the account's pages are limited by the pagination). */
export async function splitCaseList(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return forOneCase(this)
		? await limitUnlessReturnAll.call(this, await splitList.call(this, items))
		: items;
}
