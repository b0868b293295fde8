import type { INodeProperties } from 'n8n-workflow';

import { uploadDocumentDescription, uploadDocumentOperation } from './upload';

export const documentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [uploadDocumentOperation],
		default: 'upload',
	},
	...uploadDocumentDescription,
];
