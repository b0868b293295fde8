import { mediaType, type ApiRequest } from '../api-request.cjs';
import { jsonResponse, type ApiResponse } from '../api-response.cjs';
import { caseFileDto } from '../dto.cjs';
import { apiError, badRequest, notFound } from '../errors.cjs';
import { isUuid, newId } from '../ids.cjs';
import { boundaryOf, parseMultipart, type MultipartPart } from '../multipart.cjs';
import type { FileRecord } from '../records.cjs';
import type { Route, RouteContext } from './route.cjs';

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const ALLOWED_EXTENSIONS = new Set([
	'pdf',
	'xls',
	'xlsx',
	'csv',
	'txt',
	'jpg',
	'jpeg',
	'png',
	'gif',
]);

const DOCUMENT_TYPES = [
	'OriginalInvoice',
	'DebtorDocuments',
	'CreditorDocuments',
	'PartnerDocuments',
	'DemandLetter',
	'Miscellaneous',
];

const CONTENT_TYPES_BY_EXTENSION: Record<string, string> = {
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

/** Form field names bind case-insensitively in ASP.NET, so `file` finds `File`. */
function findPart(
	parts: MultipartPart[],
	name: string,
	wantFile: boolean,
): MultipartPart | undefined {
	return parts.find(
		(p) => p.name.toLowerCase() === name.toLowerCase() && (p.fileName !== null) === wantFile,
	);
}

function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function uploadFile(caseId: string, request: ApiRequest, context: RouteContext): ApiResponse {
	if (!isUuid(caseId)) return badRequest('The case ID must be a GUID.', 'InvalidId');
	const owningCase = context.store.findCase(caseId);
	if (!owningCase) return notFound('Case not found.');

	const boundary =
		mediaType(request) === 'multipart/form-data'
			? boundaryOf(request.headers['content-type'] ?? '')
			: undefined;
	const parts = boundary === undefined ? undefined : parseMultipart(request.rawBody, boundary);
	const filePart = parts && findPart(parts, 'File', true);
	if (!parts || !filePart)
		return badRequest(
			'File missing: send the document as multipart/form-data in a part named File.',
			'FileMissing',
		);
	if (filePart.data.length === 0) return badRequest('The uploaded file is empty.', 'FileEmpty');
	if (filePart.data.length > MAX_UPLOAD_BYTES)
		return apiError(413, 'FileTooLarge', 'The file is larger than the 25 MB limit.');
	if (context.store.storedFileBytes() + filePart.data.length > context.fileStorageLimitBytes) {
		// The sandbox's own limit, not Debitura's: it keeps every file in memory.
		return apiError(
			507,
			'SandboxStorageFull',
			`The sandbox stores at most ${context.fileStorageLimitBytes} bytes of files and this one does not fit. ` +
				'Delete test cases, POST /__sandbox/reset or restart the sandbox.',
		);
	}
	const extension = extensionOf(filePart.fileName!);
	if (!ALLOWED_EXTENSIONS.has(extension)) {
		return apiError(
			415,
			'UnsupportedFileType',
			`Files of type '.${extension}' are not accepted. Allowed: ${[...ALLOWED_EXTENSIONS].map((e) => `.${e}`).join(', ')}.`,
		);
	}

	const sentDocumentType = findPart(parts, 'DocumentType', false)?.data.toString('utf8').trim();
	const documentType = sentDocumentType
		? DOCUMENT_TYPES.find((t) => t.toLowerCase() === sentDocumentType.toLowerCase())
		: 'OriginalInvoice';
	if (documentType === undefined) {
		return badRequest(
			`Invalid DocumentType '${sentDocumentType}'. Use one of: ${DOCUMENT_TYPES.join(', ')}.`,
			'InvalidDocumentType',
		);
	}
	const description = findPart(parts, 'Description', false)?.data.toString('utf8') ?? null;

	const file: FileRecord = {
		id: newId(),
		caseId: owningCase.id,
		dateCreated: context.now(),
		fileName: filePart.fileName!,
		contentType: filePart.contentType ?? CONTENT_TYPES_BY_EXTENSION[extension],
		documentType,
		description,
		bytes: Buffer.from(filePart.data),
	};
	context.store.insertFile(file);
	return jsonResponse(200, caseFileDto(file, context.fileBaseUrl, context.now(), 'zulu'));
}

function listFiles(caseId: string, context: RouteContext): ApiResponse {
	if (!isUuid(caseId)) return badRequest('The case ID must be a GUID.', 'InvalidId');
	const owningCase = context.store.findCase(caseId);
	if (!owningCase) return notFound('Case not found.');
	const now = context.now();
	return jsonResponse(
		200,
		context.store
			.filesOfCase(owningCase.id)
			.map((f) => caseFileDto(f, context.fileBaseUrl, now, 'naive')),
	);
}

export const fileRoutes: Route[] = [
	{
		method: 'POST',
		path: '/cases/:id/files',
		handle: (request, params, context) => uploadFile(params.id, request, context),
	},
	{
		method: 'GET',
		path: '/cases/:id/files',
		handle: (_r, params, context) => listFiles(params.id, context),
	},
];
