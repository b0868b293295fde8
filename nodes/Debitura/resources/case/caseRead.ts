import type { INodeProperties, INodePropertyOptions, PostReceiveAction } from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import { caseLocator, caseResourceErrorContext, lookUpCaseId } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { outputWithUtcTimestamps } from '../../helpers/output';

interface CaseReadOptions {
	name: string;
	value: string;
	action: string;
	description: string;
	/** What an AI model is told about the operation when the node is an AI tool. */
	toolDescription: string;
	/** The request path, the case as `{case}` (see `requestUrl`), e.g. `/cases/{case}/timeline`. */
	path: string;
	/** What the node was doing, for errors: "get the case timeline". */
	doing: string;
	/** postReceive steps that see Debitura's answer before the transport turns a failure into an error. */
	before?: PostReceiveAction[];
}

/**
 * One GET of a case sub-resource that answers one object: the operation option, its case picker and
 * its text for an AI model.
 */
export function caseReadOperation(options: CaseReadOptions): {
	operation: INodePropertyOptions;
	description: INodeProperties[];
	toolDescription: string;
} {
	return {
		operation: {
			name: options.name,
			value: options.value,
			action: options.action,
			description: options.description,
			routing: {
				request: { method: 'GET', url: requestUrl(options.path) },
				send: { preSend: [lookUpCaseId(options.doing)] },
				output: {
					postReceive: [
						...(options.before ?? []),
						handleDebituraResponse(caseResourceErrorContext(options.doing)),
						outputWithUtcTimestamps,
					],
				},
			},
		},
		description: [caseLocator({ resource: ['case'], operation: [options.value] })],
		toolDescription: options.toolDescription,
	};
}
