import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import { caseLocator, caseResourceErrorContext, lookUpCaseId } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { outputWithUtcTimestamps } from '../../helpers/output';
import { limitUnlessReturnAll, returnAllOrLimit, splitList } from '../../helpers/paging';

const showFor = { resource: ['document'], operation: ['getMany'] };
const DOING = 'list the documents';

export const getManyDocumentsOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many documents of a case',
	description:
		"List the files on a case (invoices, letters, partner documents): ID, file name, document type, description, dates and a download link valid for about an hour; use Download with a document's ID to get the file itself",
	routing: {
		request: { method: 'GET', url: requestUrl('/cases/{case}/files') },
		send: { preSend: [lookUpCaseId(DOING)] },
		output: {
			postReceive: [
				handleDebituraResponse(caseResourceErrorContext(DOING), 'list'),
				splitList,
				limitUnlessReturnAll,
				outputWithUtcTimestamps,
			],
		},
	},
};

export const getManyDocumentsToolDescription =
	'Lists the files on a case (invoices, letters, partner documents): id, file name, document type, description, dates and a download link valid for about an hour. Needs the case.';

export const getManyDocumentsDescription: INodeProperties[] = [
	caseLocator(showFor),
	...returnAllOrLimit(showFor),
];
