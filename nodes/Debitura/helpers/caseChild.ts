import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { invalidId, notFoundError } from '../../common/errors';
import { debituraBaseUrlFor, debituraRequest } from '../../common/transport';
import { caseIdPath, caseResourceErrorContext, lookUpCaseId } from './caseLocator';
import { isUuid } from './values';

/** An ID parameter of something inside a case (a quote request, a quote). */
export interface ChildId {
	/** Parameter name, e.g. `quoteRequestId`. */
	name: string;
	/** Its label, e.g. `Quote Request ID`. */
	label: string;
	/** What it names, e.g. `quote request`. */
	noun: string;
}

/** The quote request a quote belongs to: Quote Request → Get and both Quote operations name it. */
export const QUOTE_REQUEST_ID: ChildId = {
	name: 'quoteRequestId',
	label: 'Quote Request ID',
	noun: 'quote request',
};

function childIdValue(context: IExecuteSingleFunctions, child: ChildId): string {
	const value = String(context.getNodeParameter(child.name, '') ?? '').trim();
	if (isUuid(value)) return value;
	throw invalidId(
		context,
		child.label,
		value,
		`A ${child.noun} ID is a UUID, as the Get Many operation returns it.`,
	);
}

/** preSend of a URL such as `requestUrl('/cases/{case}/quote-requests/{quoteRequestId}')`: checks the child IDs, then `lookUpCaseId`. */
export function lookUpCaseIdForChild(doing: string, children: ChildId[]) {
	const lookUp = lookUpCaseId(doing);
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		for (const child of children) childIdValue(this, child);
		return await lookUp.call(this, requestOptions);
	};
}

/**
 * postReceive before the transport's: Debitura answers 404 both for an unknown case and for an
 * unknown quote request or quote inside it. On a 404 the case is read (only then): an unknown case
 * fails there, naming the case; otherwise the error names the inner ID.
 */
export function explainChildNotFound(doing: string, children: ChildId[]) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	) {
		if (response.statusCode !== 404) return items;
		const baseURL = await debituraBaseUrlFor(this);
		const path = await caseIdPath(this, baseURL, doing);
		await debituraRequest<IDataObject>(
			this,
			{ method: 'GET', url: path, baseURL },
			caseResourceErrorContext(doing).call(this, { url: path }),
			this.getItemIndex(),
		);
		const named = children
			.map((child) => `${child.noun} ID "${String(this.getNodeParameter(child.name, '')).trim()}"`)
			.join(' and ');
		const last = children[children.length - 1];
		throw notFoundError(
			this,
			last.noun,
			last.label,
			`The case exists, but it has nothing with ${named}. Take the IDs from the Get Many operations on the same case.`,
		);
	};
}

export function childIdParameter(
	child: ChildId,
	show: Record<string, string[]>,
	placeholder: string,
): INodeProperties {
	return {
		displayName: child.label,
		name: child.name,
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description: `The ${child.noun}'s ID, as its Get Many operation returns it`,
		displayOptions: { show },
	};
}
