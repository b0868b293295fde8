import type {
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { InvalidValue, refuseItem, refusedInputOf } from '../../../common/errors';
import { caseLocator } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { cleanText } from '../../helpers/values';

const showFor = { resource: ['document'], operation: ['upload'] };

/** Debitura's limits for case files (spec, `POST /cases/{id}/files`). */
const MAX_FILE_BYTES = 25 * 1024 * 1024;
export const ALLOWED_EXTENSIONS = ['pdf', 'xls', 'xlsx', 'csv', 'txt', 'jpg', 'jpeg', 'png', 'gif'];
/** Debitura's spec sets no limit for a file's description; this is our bound for a short note. */
const MAX_DESCRIPTION_LENGTH = 500;

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
	// In a workflow Upload runs as a custom operation (uploadExecute.ts), which n8n's engine prefers
	// to routing: it retries an item's transient failures itself and never stores a file twice.
	// This routing only serves callers that run a declarative node's routing alone (n8n's MCP Server
	// Trigger): a tool call carries JSON arguments, never a file, so it refuses with a sentence.
	routing: {
		request: { method: 'POST', url: requestUrl('/cases/{case}/files') },
		send: { preSend: [refuseUploadWithoutWorkflow] },
	},
};

export const uploadDocumentToolDescription =
	'Cannot upload from an AI tool call: uploading needs the file in the workflow item, which a tool call cannot carry, so it answers with an error and sends nothing. Attach files in a workflow instead.';

/** preSend of Upload's routing (see the operation): there is no input item with a file on this path. */
async function refuseUploadWithoutWorkflow(
	this: IExecuteSingleFunctions,
): Promise<IHttpRequestOptions> {
	const field = String(this.getNodeParameter('binaryPropertyName', 'data') ?? 'data');
	throw refuseItem(
		this,
		`Document → Upload needs the file in the input item's binary field "${field}", which a tool call (such as one from n8n's MCP Server Trigger) cannot carry`,
		'Upload files in a workflow, where the item arriving at this node carries the file (e.g. from an HTTP Request or Read/Write Files from Disk node); an AI tool can start that workflow instead.',
	);
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
		description:
			'Binary field of the input item that holds the file (PDF, XLS, XLSX, CSV, TXT, JPG, JPEG, PNG or GIF; at most 25 MB)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		default: 'OriginalInvoice',
		options: [
			{
				name: 'Creditor Documents',
				value: 'CreditorDocuments',
				description: 'Your own supporting documents',
			},
			{
				name: 'Debtor Documents',
				value: 'DebtorDocuments',
				description: 'Documents from or about the debtor',
			},
			{
				name: 'Demand Letter',
				value: 'DemandLetter',
				description: 'Reminders and demand letters already sent',
			},
			{ name: 'Miscellaneous', value: 'Miscellaneous' },
			{
				name: 'Original Invoice',
				value: 'OriginalInvoice',
				description: 'The unpaid invoice itself',
			},
			{
				name: 'Partner Documents',
				value: 'PartnerDocuments',
				description: 'Documents meant for the collection partner',
			},
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
	{
		displayName: 'Skip If Already on Case',
		name: 'skipIfAlreadyOnCase',
		type: 'boolean',
		default: true,
		description:
			"Whether to leave out a file when the case already holds one with the same file name (ignoring letter case), document type and description. Debitura lists no file sizes or checksums, so these three are what is compared. The skipped item's output says so and names the file it matched. Turn it off to upload such a file again.",
		displayOptions: { show: showFor },
	},
];

/** One item's file and form fields, checked against Debitura's rules; nothing is sent yet. */
export interface PreparedUpload {
	fileName: string;
	mimeType: string;
	buffer: Buffer;
	documentType: string;
	description?: string;
}

/**
 * Checks an item's file against Debitura's size and type rules and reads it. Throws an error
 * naming the field and the item; nothing has been sent then.
 */
export async function prepareUpload(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<PreparedUpload> {
	const fail = (message: string, howToFix: string) =>
		refusedInputOf(context.getNode(), itemIndex, new InvalidValue(message), howToFix);

	const field = context.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const item = context.getInputData()[itemIndex];
	const binary = item.binary?.[field];
	if (!binary) {
		const available = Object.keys(item.binary ?? {});
		throw fail(
			`No file in the input binary field "${field}"`,
			available.length
				? `This item has binary fields ${available.map((name) => `"${name}"`).join(', ')}. Set "Input Binary Field" to the one holding the document.`
				: 'This item carries no file. Put a node that downloads or reads the document (HTTP Request, Google Drive, Read Binary File …) before this one.',
		);
	}
	const extension =
		(binary.fileName?.includes('.')
			? binary.fileName.split('.').pop()?.toLowerCase()
			: undefined) ??
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
	const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, field);
	if (buffer.length === 0)
		throw fail(`The file in "${field}" is empty`, 'Check the node that produced the file.');
	if (buffer.length > MAX_FILE_BYTES) throw tooLarge(buffer.length);
	const fileName = binary.fileName?.includes('.')
		? binary.fileName
		: `${binary.fileName ?? 'document'}.${extension}`;
	let description: string | undefined;
	try {
		description = cleanText(context.getNodeParameter('description', itemIndex, ''), 'Description', {
			maxLength: MAX_DESCRIPTION_LENGTH,
		});
	} catch (error) {
		throw refusedInputOf(context.getNode(), itemIndex, error);
	}
	return {
		fileName,
		mimeType: binary.mimeType || 'application/octet-stream',
		buffer,
		documentType: context.getNodeParameter('documentType', itemIndex, 'OriginalInvoice') as string,
		description,
	};
}

/** How long one upload may take: what n8n's routing allows a request. */
const UPLOAD_TIMEOUT_MS = 300_000;

/**
 * The multipart request for one upload: the file with its own name and MIME type. No JSON
 * Content-Type may be set, or n8n's client sends the form as JSON and the file is lost.
 */
export function uploadRequest(caseId: string, upload: PreparedUpload): IHttpRequestOptions {
	const form = new FormData();
	form.append(
		'File',
		new Blob([new Uint8Array(upload.buffer)], { type: upload.mimeType }),
		upload.fileName,
	);
	form.append('DocumentType', upload.documentType);
	if (upload.description) form.append('Description', upload.description);
	return {
		method: 'POST',
		url: `/cases/${caseId}/files`,
		headers: { Accept: 'application/json' },
		body: form,
		json: false,
		timeout: UPLOAD_TIMEOUT_MS,
	};
}
