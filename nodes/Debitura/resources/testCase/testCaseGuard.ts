import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { itemError } from '../../../common/errors';
import { caseLookupDescription, lookUpCase, withCaseIdInUrl } from '../../helpers/caseLocator';

/**
 * Debitura's /test endpoints work only on test cases and answer 400 for a live one. When the node
 * already knows the case is live, it refuses before sending anything that changes it, naming the
 * item: the look-up of a creditor or case reference returned the case, or the item being processed
 * is that case (the output of Case → Create, Get Status, Get Many, a payment with case details)
 * and says `isTestCase: false`. A bare case ID is not looked up; Debitura's own refusal covers it.
 */
export async function testCaseId(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	doing: string,
	operation: string,
	retryAdvice?: string,
): Promise<string> {
	const { path, found } = await lookUpCase(context, baseURL, doing, retryAdvice);
	const id = path.slice('/cases/'.length);
	const known = found ?? sameCaseInItem(context, id);
	if (known?.isTestCase === false) {
		const itemIndex = context.getItemIndex();
		throw itemError(
			context,
			itemIndex,
			`The case with ${caseLookupDescription(context)} is a live case; Test Case → ${operation} works only on test cases`,
			`Debitura's test tools act only on test cases (created with Test Mode on) and refuse live ones. Nothing was changed on Debitura. Check that the Case field points at the test case you meant${found ? '' : ' (this item is the live case itself, with isTestCase false)'}.`,
		);
	}
	return id;
}

/**
 * preSend of a URL such as `requestUrl('/test/cases/{case}/advance')`: `testCaseId`, put in the place
 * of the case the Case field gave (a reference by the ID it was looked up to).
 */
export function lookUpTestCaseId(doing: string, operation: string) {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		requestOptions.url = withCaseIdInUrl(
			requestOptions.url,
			await testCaseId(this, requestOptions.baseURL, doing, operation),
		);
		return requestOptions;
	};
}

function sameCaseInItem(context: IExecuteSingleFunctions, id: string): IDataObject | undefined {
	const json = context.getInputData()?.json;
	if (!json) return undefined;
	const same = (value: unknown) =>
		typeof value === 'string' && value.toLowerCase() === id.toLowerCase();
	return same(json.id) || same(json.caseId) ? json : undefined;
}
