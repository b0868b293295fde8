import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import { caseLocator, caseResourceErrorContext, lookUpCaseId } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { outputWithUtcTimestamps } from '../../helpers/output';
import { limitUnlessReturnAll, returnAllOrLimit, splitList } from '../../helpers/paging';

const showFor = { resource: ['message'], operation: ['getMany'] };
const DOING = 'get the messages';

/** Debitura's chat list can repeat a message (a known upstream fan-out); each message is output once. */
async function dropRepeatedMessages(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const seen = new Set<unknown>();
	return items.filter((item) => {
		const id = (item.json as IDataObject).id;
		if (id === undefined || id === null) return true;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
}

export const getManyMessagesOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many messages of a case',
	description:
		"Get a case's chat with the collection partner, oldest first: who wrote (roleLabel Partner, Creditor or Managed by partner; user), when, the text and whether it was seen; use it to read the partner's questions",
	routing: {
		request: { method: 'GET', url: requestUrl('/cases/{case}/chats') },
		send: { preSend: [lookUpCaseId(DOING)] },
		output: {
			postReceive: [
				handleDebituraResponse(caseResourceErrorContext(DOING), 'list'),
				splitList,
				dropRepeatedMessages,
				limitUnlessReturnAll,
				outputWithUtcTimestamps,
			],
		},
	},
};

export const getManyMessagesToolDescription =
	"Returns a case's chat with its collection partner, oldest first: who wrote (roleLabel Partner or Creditor), when, the text and whether it was seen. Use it to read the partner's questions before answering. Needs the case.";

export const getManyMessagesDescription: INodeProperties[] = [
	caseLocator(showFor),
	...returnAllOrLimit(showFor),
];
