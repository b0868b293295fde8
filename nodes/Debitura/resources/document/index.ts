import type { INodeProperties } from 'n8n-workflow';

import { downloadDocumentDescription, downloadDocumentOperation } from './download';
import { getManyDocumentsDescription, getManyDocumentsOperation } from './getMany';
import { uploadDocumentDescription, uploadDocumentOperation } from './upload';

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
