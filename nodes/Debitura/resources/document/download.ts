import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { answerError, invalidId, itemError, itemFailure } from '../../../common/errors';
import { handleDebituraResponse } from '../../../common/transport';
import { caseLocator, caseResourceErrorContext, lookUpCaseId } from '../../helpers/caseLocator';
import { requestUrl } from '../../helpers/requestUrl';
import { deepUtcTimestamps } from '../../helpers/output';
import { isUuid } from '../../helpers/values';
import { ALLOWED_EXTENSIONS } from './upload';

const showFor = { resource: ['document'], operation: ['download'] };
const DOING = 'find the document';

export const downloadDocumentOperation: INodePropertyOptions = {
	name: 'Download',
	value: 'download',
	action: 'Download a document',
	description:
		'Download one file of a case as binary data (with its file name and MIME type), ready for an email, storage or AI node; the document ID comes from Document → Get Many',
	routing: {
		request: { method: 'GET', url: requestUrl('/cases/{case}/files') },
		send: { preSend: [checkDocumentId, lookUpCaseId(DOING)] },
		output: {
			postReceive: [
				handleDebituraResponse(caseResourceErrorContext(DOING), 'list'),
				downloadDocument,
			],
		},
	},
};

export const downloadDocumentToolDescription =
	"Downloads one document of a case as a file for the workflow; the answer describes the file (name, type, size), not its contents. Needs the case and the document's id from the case's document list.";

/**
 * The MIME type a download is stored under: the storage's own, unless it only says
 * `application/octet-stream`. Then, for a file type Debitura accepts, none: n8n's
 * `prepareBinaryData` looks the type up from the file name. Any other file stays
 * `application/octet-stream`, where n8n would guess from the bytes or call it text.
 */
function mimeTypeOf(contentType: unknown, fileName: string): string | undefined {
	const declared =
		typeof contentType === 'string' ? contentType.split(';')[0].trim().toLowerCase() : '';
	if (declared && declared !== 'application/octet-stream') return declared;
	const extension = fileName.includes('.')
		? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase()
		: '';
	return ALLOWED_EXTENSIONS.includes(extension)
		? undefined
		: declared || 'application/octet-stream';
}

/** Debitura's own limit on a document, in MB: the default for Max File Size. */
const DEBITURA_DOCUMENT_LIMIT_MB = 25;

/**
 * The default for Download Timeout, in seconds: 25 MB in 5 minutes needs about 85 kB/s. n8n's
 * request timeout only covers the wait for the response headers, so without a limit of its own a
 * storage host that stalls mid-body would hold the item forever.
 */
const DEFAULT_DOWNLOAD_TIMEOUT_S = 300;

/**
 * Whether a download link may be fetched: only over https://, so the signed link (a bearer token
 * for the file) and the file never cross the network in the clear. A plain http:// link to the
 * machine itself is allowed: that is where a local sandbox serves its files.
 */
function isFetchableLink(link: URL): boolean {
	if (link.protocol === 'https:') return true;
	return (
		link.protocol === 'http:' &&
		['127.0.0.1', '[::1]', 'localhost'].includes(link.hostname.toLowerCase())
	);
}

function parsedLink(value: unknown): URL | undefined {
	if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return undefined;
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

/** A readable body as n8n's request helper returns it with `encoding: 'stream'`. */
interface ByteStream extends AsyncIterable<Buffer | Uint8Array> {
	destroy?: () => void;
}

/**
 * The body's bytes, read as they arrive and counted, into one buffer: never more than `limit`
 * bytes are kept, whatever the storage host announced. Returns undefined once the count passes
 * `limit` (the stream is then closed). When the length is announced, the bytes are copied into a
 * buffer of that size as they arrive, so the file is held once.
 */
async function readAtMost(
	body: ByteStream,
	declared: number | undefined,
	limit: number,
): Promise<Buffer | undefined> {
	const target = declared !== undefined ? Buffer.allocUnsafe(declared) : undefined;
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			const bytes = Buffer.isBuffer(chunk)
				? chunk
				: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
			if (size + bytes.length > limit) return undefined;
			if (target && size + bytes.length <= target.length) bytes.copy(target, size);
			else chunks.push(bytes);
			size += bytes.length;
		}
	} finally {
		body.destroy?.();
	}
	if (target && chunks.length === 0)
		return size === target.length ? target : target.subarray(0, size);
	return Buffer.concat(
		target ? [target.subarray(0, Math.min(size, target.length)), ...chunks] : chunks,
		size,
	);
}

/**
 * postReceive: pick the document from the case's file list and fetch its signed link. The link
 * points at Debitura's storage host, a different origin: it is fetched with a plain request — no
 * credential, so the API key never leaves for another host — only over https://, and a redirect
 * is not followed. A file larger than Max File Size is refused without being kept in memory.
 */
async function downloadDocument(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const documentId = String(this.getNodeParameter('documentId', '') ?? '').trim();
	const field = String(this.getNodeParameter('binaryPropertyName', 'data') ?? '').trim() || 'data';
	const options = (this.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const limitMb = Number(options.maxFileSizeMb ?? DEBITURA_DOCUMENT_LIMIT_MB);
	const timeoutS = Number(options.downloadTimeoutSeconds ?? DEFAULT_DOWNLOAD_TIMEOUT_S);
	const list = Array.isArray(items[0]?.json) ? (items[0].json as unknown as IDataObject[]) : [];
	const document = list.find(
		(entry) => String(entry.id).toLowerCase() === documentId.toLowerCase(),
	);
	if (!document) {
		throw itemError(
			this,
			itemIndex,
			`The case has no document with ID "${documentId}"`,
			`The case has ${list.length} document(s). Take the ID from Document → Get Many on the same case.`,
		);
	}
	if (!Number.isFinite(limitMb) || limitMb <= 0) {
		throw itemError(
			this,
			itemIndex,
			`"Max File Size (MB)" must be a number above 0`,
			`Debitura keeps documents of up to ${DEBITURA_DOCUMENT_LIMIT_MB} MB; leave the option out to allow that much. Nothing was downloaded.`,
		);
	}
	if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
		throw itemError(
			this,
			itemIndex,
			`"Download Timeout (Seconds)" must be a number above 0`,
			`Leave the option out to allow ${DEFAULT_DOWNLOAD_TIMEOUT_S} seconds. Nothing was downloaded.`,
		);
	}
	const fileName =
		typeof document.fileName === 'string' && document.fileName
			? document.fileName
			: `document-${documentId}`;
	const link = parsedLink(document.url);
	if (!link) {
		throw itemError(
			this,
			itemIndex,
			`Debitura gave no download link for document "${documentId}"`,
			'Run the node again; if it repeats, contact Debitura support (contact@debitura.com).',
		);
	}
	if (!isFetchableLink(link)) {
		throw itemError(
			this,
			itemIndex,
			`The download link Debitura gave for "${fileName}" is not an https:// link`,
			"A download link carries a signature that grants access to the file, so it is only used over an encrypted connection. Nothing was downloaded and nothing was sent to the link's host. If it repeats, contact Debitura support (contact@debitura.com).",
		);
	}
	// A refused download is aborted through the request, not only by destroying the body: n8n's
	// helper may hand back a wrapper around the response that, destroyed before it is read,
	// leaves the connection to the storage host open. The same signal ends the transfer when the
	// time limit runs out or the execution is cancelled (n8n only passes its cancel signal to
	// authenticated requests, and this one carries no credential).
	const transfer = new AbortController();
	const timeLimit = AbortSignal.timeout(Math.round(timeoutS * 1000));
	const cancelled =
		typeof this.getExecutionCancelSignal === 'function'
			? this.getExecutionCancelSignal()
			: undefined;
	const signal = AbortSignal.any(
		cancelled ? [transfer.signal, timeLimit, cancelled] : [transfer.signal, timeLimit],
	);
	// The American "canceled" matters: n8n records a run whose error says so as canceled, not failed.
	const stopped = () =>
		cancelled?.aborted
			? itemError(
					this,
					itemIndex,
					`The download of "${fileName}" stopped: the execution was canceled`,
					'Nothing was output for this item.',
				)
			: itemError(
					this,
					itemIndex,
					`The download of "${fileName}" did not finish within the ${timeoutS} s limit of "Download Timeout (Seconds)"`,
					'Debitura\'s storage sent the file too slowly or stopped sending it; the download was stopped and nothing was output for this item. Run the node again; if a large file needs more time, raise "Download Timeout (Seconds)" under Options. If it repeats, contact Debitura support (contact@debitura.com).',
				);
	const interrupted = () => !transfer.signal.aborted && (timeLimit.aborted || !!cancelled?.aborted);
	// Any other failure is wrapped the way n8n's routing would wrap it.
	const failed = (error: unknown) =>
		interrupted() ? stopped() : itemFailure(this, itemIndex, error);
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequest({
			method: 'GET',
			url: link.href,
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			abortSignal: signal,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw failed(error);
	}
	const body = response.body as ByteStream;
	if (response.statusCode >= 300) {
		transfer.abort();
		body.destroy?.();
		const redirect = response.statusCode < 400;
		throw answerError(this, {
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
	const limit = Math.floor(limitMb * 1024 * 1024);
	const announced = Number(response.headers?.['content-length']);
	const declared = Number.isSafeInteger(announced) && announced >= 0 ? announced : undefined;
	let bytes: Buffer | undefined;
	try {
		bytes =
			declared !== undefined && declared > limit
				? undefined
				: await readAtMost(body, declared, limit);
	} catch (error) {
		throw failed(error);
	}
	// An abort may end the body quietly rather than with an error: what was read is then a part.
	if (interrupted()) throw stopped();
	if (!bytes) {
		transfer.abort();
		body.destroy?.();
		throw itemError(
			this,
			itemIndex,
			`"${fileName}" is larger than the ${limitMb} MB limit of "Max File Size (MB)"`,
			`The download stopped there; nothing was output for this item. If the file is wanted, raise "Max File Size (MB)" under Options (Debitura keeps documents of up to ${DEBITURA_DOCUMENT_LIMIT_MB} MB).`,
		);
	}
	const binary = await this.helpers.prepareBinaryData(
		bytes,
		fileName,
		mimeTypeOf(response.headers?.['content-type'], fileName),
	);
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Max File Size (MB)',
				name: 'maxFileSizeMb',
				type: 'number',
				default: DEBITURA_DOCUMENT_LIMIT_MB,
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
				description:
					"Largest file to download, in megabytes; a larger one stops the item with an error instead of filling the workflow's memory. Debitura keeps documents of up to 25 MB.",
			},
			{
				displayName: 'Download Timeout (Seconds)',
				name: 'downloadTimeoutSeconds',
				type: 'number',
				default: DEFAULT_DOWNLOAD_TIMEOUT_S,
				typeOptions: { minValue: 1 },
				description:
					"Longest time the file may take to arrive, from asking Debitura's storage for it to its last byte; a download that takes longer, or stalls, stops the item with an error instead of holding the workflow",
			},
		],
	},
];

/** preSend: a document ID must be a UUID before anything is sent. */
async function checkDocumentId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const documentId = String(this.getNodeParameter('documentId', '') ?? '').trim();
	if (isUuid(documentId)) return requestOptions;
	throw invalidId(
		this,
		'Document ID',
		documentId,
		'A document ID is a UUID, as Document → Get Many returns it.',
	);
}
