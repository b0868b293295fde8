import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ErrorContext } from '../../../common/errors';
import { withUtcTimestamps } from '../../../common/timestamps';
import { debituraRequest } from '../../../common/transport';
import { writeWithRecovery } from '../../../common/writeRetry';
import { caseIdOfItem } from '../../helpers/caseLocator';
import { runCaseWrites } from '../../helpers/caseWrites';
import { prepareUpload, uploadRequest, type PreparedUpload } from './upload';

/**
 * Document → Upload as a custom operation. Debitura takes no idempotency key for files, and n8n's
 * Retry On Fail would send every item's file again, so this operation makes retrying its own job:
 *
 * - Before the first upload to a case, the case's files are read (`GET /cases/{id}/files`, once
 *   per case and run; items uploading the same document to one case go one after another). With
 *   "Skip If Already on Case" on (the default), a file the case already holds — same name,
 *   document type and description — is not sent; the item says so. That makes Retry On Fail, and
 *   running the workflow again, skip what went through.
 * - A transient failure (5xx, 408, a broken connection) is retried by the item itself, a few times
 *   with short waits; before each new try the case's files are read again, and a matching file
 *   that was not there before is the failed try's own: it is the item's result, not sent again.
 */

const DOING = 'upload the document';

type CaseFile = IDataObject & {
	id?: string;
	fileName?: string | null;
	documentType?: string | null;
	description?: string | null;
};

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** What tells one document from another in Debitura's file list: name (any letter case), type and description. */
function documentKey(fileName: unknown, documentType: unknown, description: unknown): string {
	return JSON.stringify([
		text(fileName).toLowerCase(),
		text(documentType).toLowerCase(),
		text(description),
	]);
}

const uploadKey = (upload: PreparedUpload) =>
	documentKey(upload.fileName, upload.documentType, upload.description);

/** The same document, as far as Debitura's file list can tell. */
function sameDocument(file: CaseFile, upload: PreparedUpload): boolean {
	return documentKey(file.fileName, file.documentType, file.description) === uploadKey(upload);
}

export async function uploadDocuments(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await uploadEach(this);
}

async function uploadEach(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	/** Per case: the files known to be on it, read once and kept up to date by this run's own uploads. */
	const known = new Map<string, Promise<CaseFile[]>>();
	const located = new Map<number, { foundCase?: string; lookup: string }>();

	const errorContext = (itemIndex: number): ErrorContext => {
		const where = located.get(itemIndex);
		return {
			action: DOING,
			...(where?.foundCase ? { foundCase: where.foundCase } : { lookup: where?.lookup }),
		};
	};
	const skips = (itemIndex: number) =>
		context.getNodeParameter('skipIfAlreadyOnCase', itemIndex, true) as boolean;
	const readFiles = async (caseId: string, itemIndex: number) =>
		await debituraRequest<CaseFile[]>(
			context,
			{ method: 'GET', url: `/cases/${caseId}/files` },
			{
				...errorContext(itemIndex),
				action: "read the case's files before uploading",
				retryAdvice: rerunAdvice(skips(itemIndex)),
			},
			itemIndex,
			'list',
		);

	return await runCaseWrites(context, {
		prepare: async (itemIndex) => await prepareUpload(context, itemIndex),
		sameAs: uploadKey,
		caseOf: async (itemIndex) => {
			const { id, foundCase, lookup } = await caseIdOfItem(
				context,
				itemIndex,
				DOING,
				rerunAdvice(skips(itemIndex)),
			);
			located.set(itemIndex, { foundCase, lookup });
			return id;
		},
		write: async (upload, itemIndex, caseId) => {
			const skipExisting = skips(itemIndex);
			if (!known.has(caseId)) known.set(caseId, readFiles(caseId, itemIndex));
			const onCase = await (known.get(caseId) as Promise<CaseFile[]>);
			const match = skipExisting ? onCase.find((file) => sameDocument(file, upload)) : undefined;
			if (match) {
				return {
					...withUtcTimestamps(match),
					skipped: true,
					skipReason: `A file with the same name, document type and description is already on the case ("${String(match.fileName)}", ID ${String(match.id)}); it was not uploaded again`,
					matchedFileId: match.id,
				} as IDataObject;
			}
			const result = await writeWithRecovery<CaseFile>({
				context,
				request: uploadRequest(caseId, upload),
				itemIndex,
				errorContext: {
					...errorContext(itemIndex),
					retry: skipExisting ? 'skipsExisting' : 'duplicates',
					retryAdvice: skipExisting ? undefined : NOT_SKIPPING_ADVICE,
				},
				findApplied: async () => {
					const now = await readFiles(caseId, itemIndex);
					const before = new Set(onCase.map((file) => file.id));
					return now.find((file) => !before.has(file.id) && sameDocument(file, upload));
				},
			});
			const stored = (result.found ?? result.answer) as CaseFile;
			onCase.push(stored);
			return withUtcTimestamps(stored) as IDataObject;
		},
	});
}

/** What running the node again does, for errors before an upload was tried. */
function rerunAdvice(skipExisting: boolean): string {
	return skipExisting
		? 'Running the node again is safe: files already on the case (same name, document type and description) are skipped, so only the missing ones are uploaded.'
		: 'Running the node again would upload once more the files of this run that did go through, since "Skip If Already on Case" is off: upload only the missing ones, or turn that option on first.';
}

const NOT_SKIPPING_ADVICE =
	'No file was stored twice: before every new try the node looked at the case\'s files. But "Skip If Already on Case" is off, so running the node again would upload once more the files of this run that did go through. Upload only the missing ones, or turn that option on first.';
