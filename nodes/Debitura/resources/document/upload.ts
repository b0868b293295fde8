import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ErrorContext } from '../../../shared/errors';
import { debituraRequest, handleDebituraResponse, prepareForResponseHandling } from '../../../shared/transport';
import type { Case } from '../../../shared/types';
import { caseLocator, caseLookupDescription, casePath, casePathForId } from '../../shared/case-locator';
import { refusedInput, refuseItem } from '../../shared/refused-input';
import { cleanText } from '../../shared/values';
import { outputDocument } from './output';

const showFor = { resource: ['document'], operation: ['upload'] };

/** Debitura's limits for case files (spec, `POST /cases/{id}/files`). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
export const ALLOWED_EXTENSIONS = ['pdf', 'xls', 'xlsx', 'csv', 'txt', 'jpg', 'jpeg', 'png', 'gif'];
/** Debitura's spec sets no limit for a file's description; this is our bound for a short note. */
export const MAX_DESCRIPTION_LENGTH = 500;

/** File extensions for the MIME types n8n gives binaries that arrive without a usable name. */
const EXTENSION_BY_MIME: Record<string, string> = {
	'application/pdf': 'pdf',
	'application/vnd.ms-excel': 'xls',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'text/csv': 'csv',
	'text/plain': 'txt',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/gif': 'gif',
};

export const uploadDocumentOperation: INodePropertyOptions = {
	name: 'Upload',
	value: 'upload',
	action: 'Upload a document',
	description: 'Attach a file (the invoice, correspondence, a contract) to a case',
	routing: {
		request: { method: 'POST', url: '/cases' },
		send: { preSend: [buildUploadRequest, prepareForResponseHandling] },
		output: { postReceive: [handleDebituraResponse(uploadErrorContext), outputDocument] },
	},
};

/** The case an item's look-up found, so a later 404 is not blamed on the reference. */
const foundByLookUp = new WeakMap<IExecuteSingleFunctions, string>();

/** Errors of the upload itself: a case found by the look-up is known to exist. */
function uploadErrorContext(this: IExecuteSingleFunctions): ErrorContext {
	const found = foundByLookUp.get(this);
	return {
		action: 'upload the document',
		...(found ? { foundCase: found } : { lookup: caseLookupDescription(this) }),
	};
}

export const uploadDocumentDescription: INodeProperties[] = [
	caseLocator(showFor),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to upload',
		description: 'Binary field of the input item that holds the file (PDF, XLS, XLSX, CSV, TXT, JPG, JPEG, PNG or GIF; at most 25 MB)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		default: 'OriginalInvoice',
		options: [
			{ name: 'Creditor Documents', value: 'CreditorDocuments', description: 'Your own supporting documents' },
			{ name: 'Debtor Documents', value: 'DebtorDocuments', description: 'Documents from or about the debtor' },
			{ name: 'Demand Letter', value: 'DemandLetter', description: 'Reminders and demand letters already sent' },
			{ name: 'Miscellaneous', value: 'Miscellaneous' },
			{ name: 'Original Invoice', value: 'OriginalInvoice', description: 'The unpaid invoice itself' },
			{ name: 'Partner Documents', value: 'PartnerDocuments', description: 'Documents meant for the collection partner' },
		],
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'Invoice INV-2026-00789',
		description: `Short note shown with the file in Debitura (at most ${MAX_DESCRIPTION_LENGTH} characters)`,
		displayOptions: { show: showFor },
	},
];

/**
 * preSend of Upload: finds the case ID (a reference costs one look-up), checks the file against
 * Debitura's size and type rules, and sends it as multipart form data with its own name and MIME
 * type. The JSON Content-Type n8n would otherwise set must go, or the form is sent as JSON and the
 * file is lost.
 */
export async function buildUploadRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const itemIndex = this.getItemIndex();
	const fail = (message: string, howToFix: string) => refuseItem(this, message, howToFix);

	const field = this.getNodeParameter('binaryPropertyName', 'data') as string;
	const binary = this.getInputData().binary?.[field];
	if (!binary) {
		const available = Object.keys(this.getInputData().binary ?? {});
		throw fail(
			`No file in the input binary field "${field}"`,
			available.length
				? `This item has binary fields ${available.map((name) => `"${name}"`).join(', ')}. Set "Input Binary Field" to the one holding the document.`
				: 'This item carries no file. Put a node that downloads or reads the document (HTTP Request, Google Drive, Read Binary File …) before this one.',
		);
	}
	const extension =
		(binary.fileName?.includes('.') ? binary.fileName.split('.').pop()?.toLowerCase() : undefined) ??
		binary.fileExtension?.toLowerCase() ??
		EXTENSION_BY_MIME[binary.mimeType];
	if (!extension || !ALLOWED_EXTENSIONS.includes(extension)) {
		throw fail(
			`Debitura does not accept "${binary.fileName ?? binary.mimeType}" as a case document`,
			`Allowed file types: ${ALLOWED_EXTENSIONS.join(', ')}. Convert the file (e.g. to PDF) before uploading.`,
		);
	}
	const tooLarge = (bytes: number) =>
		fail(
			`The file "${binary.fileName ?? field}" is ${(bytes / 1024 / 1024).toFixed(1)} MB; Debitura accepts at most 25 MB`,
			'Compress the document or split it into several files.',
		);
	// n8n records the size with the binary: an oversized file is refused without reading it.
	if ((binary.bytes ?? 0) > MAX_FILE_BYTES) throw tooLarge(binary.bytes as number);
	const buffer = await this.helpers.getBinaryDataBuffer(field);
	if (buffer.length === 0) throw fail(`The file in "${field}" is empty`, 'Check the node that produced the file.');
	if (buffer.length > MAX_FILE_BYTES) throw tooLarge(buffer.length);
	const fileName = binary.fileName?.includes('.') ? binary.fileName : `${binary.fileName ?? 'document'}.${extension}`;
	let description: string | undefined;
	try {
		description = cleanText(this.getNodeParameter('description', ''), 'Description', { maxLength: MAX_DESCRIPTION_LENGTH });
	} catch (error) {
		throw refusedInput(this, error);
	}

	let path = casePath(this);
	if (!/^\/cases\/[0-9a-f-]{36}$/i.test(path)) {
		const found = await debituraRequest<Case>(this, { method: 'GET', url: path, baseURL: requestOptions.baseURL }, {
			action: 'find the case for the upload',
			lookup: caseLookupDescription(this),
		}, itemIndex);
		path = casePathForId(found.id, this);
		foundByLookUp.set(this, `the case with ${caseLookupDescription(this)} (ID ${found.id})`);
	}

	const form = new FormData();
	form.append('File', new Blob([new Uint8Array(buffer)], { type: binary.mimeType || 'application/octet-stream' }), fileName);
	form.append('DocumentType', this.getNodeParameter('documentType', 'OriginalInvoice') as string);
	if (description) form.append('Description', description);

	const headers = { ...(requestOptions.headers ?? {}) };
	for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name];
	requestOptions.headers = headers;
	requestOptions.url = `${path}/files`;
	requestOptions.body = form;
	requestOptions.json = false;
	return requestOptions;
}
