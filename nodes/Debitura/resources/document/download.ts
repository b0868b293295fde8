import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { handleDebituraResponse, prepareForResponseHandling } from '../../../shared/transport';
import { caseLocator, caseResourceErrorContext, targetCaseResource } from '../../shared/case-locator';
import { deepUtcTimestamps } from '../../shared/output';
import { isUuid } from '../../shared/values';

const showFor = { resource: ['document'], operation: ['download'] };
const DOING = 'find the document';

/** MIME types by extension, for a storage answer that only says `application/octet-stream`. */
const MIME_BY_EXTENSION: Record<string, string> = {
	pdf: 'application/pdf',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv',
	txt: 'text/plain',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
};

export const downloadDocumentOperation: INodePropertyOptions = {
	name: 'Download',
	value: 'download',
	action: 'Download a document',
	description:
		'Download one file of a case as binary data (with its file name and MIME type), ready for an email, storage or AI node; the document ID comes from Document → Get Many',
	routing: {
		request: { method: 'GET', url: '/cases' },
		send: { preSend: [checkDocumentId, targetCaseResource('/files', DOING), prepareForResponseHandling] },
		output: { postReceive: [handleDebituraResponse(caseResourceErrorContext(DOING), 'list'), downloadDocument] },
	},
};

function mimeTypeOf(contentType: unknown, fileName: string): string {
	const declared = typeof contentType === 'string' ? contentType.split(';')[0].trim().toLowerCase() : '';
	if (declared && declared !== 'application/octet-stream') return declared;
	const extension = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : '';
	return MIME_BY_EXTENSION[extension] ?? (declared || 'application/octet-stream');
}

/**
 * postReceive: pick the document from the case's file list and fetch its signed link. The link
 * points at Debitura's storage host, a different origin: it is fetched with a plain request — no
 * credential, so the API key never leaves for another host — and a redirect is not followed.
 */
async function downloadDocument(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const documentId = String(this.getNodeParameter('documentId', '') ?? '').trim();
	const field = String(this.getNodeParameter('binaryPropertyName', 'data') ?? '').trim() || 'data';
	const list = Array.isArray(items[0]?.json) ? (items[0].json as unknown as IDataObject[]) : [];
	const document = list.find((entry) => String(entry.id).toLowerCase() === documentId.toLowerCase());
	if (!document) {
		throw new NodeOperationError(this.getNode(), `The case has no document with ID "${documentId}" [item ${itemIndex}]`, {
			itemIndex,
			description: `The case has ${list.length} document(s). Take the ID from Document → Get Many on the same case.`,
		});
	}
	const link = typeof document.url === 'string' ? document.url : '';
	if (!/^https?:\/\//i.test(link)) {
		throw new NodeOperationError(this.getNode(), `Debitura gave no download link for document "${documentId}" [item ${itemIndex}]`, {
			itemIndex,
			description: 'Run the node again; if it repeats, contact Debitura support (contact@debitura.com).',
		});
	}
	const response = (await this.helpers.httpRequest({
		method: 'GET',
		url: link,
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
	})) as IN8nHttpFullResponse;
	if (response.statusCode >= 300) {
		const redirect = response.statusCode < 400;
		throw new NodeApiError(this.getNode(), {}, {
			message: redirect
				? `Debitura's storage redirected the download of "${String(document.fileName)}"; the node does not follow redirects`
				: `Debitura's storage refused the download of "${String(document.fileName)}" (HTTP ${response.statusCode})`,
			description: redirect
				? 'A download link should answer with the file itself. Run the node again; if it repeats, contact Debitura support (contact@debitura.com).'
				: 'Download links are valid for about an hour and this node asks for a fresh one on every run: run it again. If it repeats, contact Debitura support (contact@debitura.com).',
			httpCode: String(response.statusCode),
			itemIndex,
		});
	}
	const fileName = typeof document.fileName === 'string' && document.fileName ? document.fileName : `document-${documentId}`;
	const bytes = Buffer.from(response.body as ArrayBuffer);
	const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeTypeOf(response.headers?.['content-type'], fileName));
	// The signed link is a bearer token for the file for an hour: it stays out of the output.
	const record: IDataObject = { ...document };
	delete record.url;
	return [{ json: deepUtcTimestamps(record) as IDataObject, binary: { [field]: binary } }];
}

export const downloadDocumentDescription: INodeProperties[] = [
	caseLocator(showFor),
	{
		displayName: 'Document ID',
		name: 'documentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
		description: "The document's ID, as Document → Get Many returns it",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		description: 'Binary field of the output item the file is stored in',
		displayOptions: { show: showFor },
	},
];

/** preSend: a document ID must be a UUID before anything is sent. */
async function checkDocumentId(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const documentId = String(this.getNodeParameter('documentId', '') ?? '').trim();
	if (isUuid(documentId)) return requestOptions;
	const itemIndex = this.getItemIndex();
	throw new NodeOperationError(this.getNode(), `"Document ID" is not a valid ID: "${documentId.slice(0, 60)}" [item ${itemIndex}]`, {
		itemIndex,
		description: 'A document ID is a UUID, as Document → Get Many returns it. Nothing was sent to Debitura.',
	});
}
