import type { INodeProperties } from 'n8n-workflow';

import {
	downloadDocumentDescription,
	downloadDocumentOperation,
	downloadDocumentToolDescription,
} from './download';
import {
	getManyDocumentsDescription,
	getManyDocumentsOperation,
	getManyDocumentsToolDescription,
} from './getMany';
import {
	uploadDocumentDescription,
	uploadDocumentOperation,
	uploadDocumentToolDescription,
} from './upload';

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const documentToolDescriptions: Record<string, string> = {
	download: downloadDocumentToolDescription,
	getMany: getManyDocumentsToolDescription,
	upload: uploadDocumentToolDescription,
};

export const documentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [downloadDocumentOperation, getManyDocumentsOperation, uploadDocumentOperation],
		default: 'upload',
	},
	...uploadDocumentDescription,
	...downloadDocumentDescription,
	...getManyDocumentsDescription,
];
