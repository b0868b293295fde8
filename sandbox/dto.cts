import { createHmac } from 'node:crypto';
import { CREDITOR_BANK_ACCOUNT, creditorDto } from './creditor.cjs';
import { lifecycleLabel } from './lifecycle.cjs';
import { blendedAgeUpliftPoints, preLegalSuccessFee } from './pricing.cjs';
import type { CaseRecord, FileRecord, PaymentRecord } from './records.cjs';
import type { SandboxStore } from './store.cjs';
import { DAY_MS, formatTimestamp, type TimestampStyle } from './time.cjs';
import type { CaseFileDto, InvoiceDto, PaymentDto } from './types.cjs';

/**
 * Record → wire shape. Every mapper takes the timestamp style because the same record is shown
 * with `Z` in write responses and zone-less in reads.
 */

const EXCLUSIVE_PERIOD_MS = 90 * DAY_MS;

export function invoiceDto(
	store: SandboxStore,
	record: CaseRecord,
	style: TimestampStyle,
): InvoiceDto {
	const at = (epochMs: number): string => formatTimestamp(epochMs, style);
	const maybeAt = (epochMs: number | null): string | null =>
		epochMs === null ? null : at(epochMs);
	const remainder = store.remainderOf(record);
	const collectionHasStarted = record.dateCollectionStarted !== null;
	return {
		id: record.id,
		dateCreated: at(record.dateCreated),
		dateUpdated: maybeAt(record.dateUpdated),
		reference: record.reference,
		creditorReference: record.creditorReference,
		creditorComments: record.comments,
		claimDescription: record.claimDescription,
		grossAmount: record.grossAmount,
		remainder,
		interestFees: 0,
		reminderFees: 0,
		collectionFees: 0,
		totalAddedFees: 0,
		currency: record.currency,
		isTestCase: record.isTest,
		lifecycle: lifecycleLabel(record.lifecycle),
		dueDate: at(record.dueDate),
		date: at(record.date),
		dateFinished: maybeAt(record.dateFinished),
		dateCollectionStarted: maybeAt(record.dateCollectionStarted),
		closeCode: record.lifecycle === 'Closed' ? record.closeCode : null,
		// Engagement starts with collection; every case the sandbox works stays pre-legal.
		currentEngagementPhase: collectionHasStarted ? 'Pre-legal' : null,
		claimType: 'Unpaid Invoice',
		creditorDivisionId: record.creditorDivisionId,
		debtor: { ...record.debtor },
		collectionPartner: record.collectionPartner === null ? null : { ...record.collectionPartner },
		creditor: creditorDto(record.creditorDivisionId),
		bankAccount: { ...CREDITOR_BANK_ACCOUNT },
		blendedAgeUpliftPoints: blendedAgeUpliftPoints(record),
		preLegalSuccessFee: preLegalSuccessFee(record),
		solutionUrl: record.combinedSigningUrl,
		signingHandoff: { combinedSigningUrl: record.combinedSigningUrl },
		exclusivePeriodEndDate: collectionHasStarted
			? at(record.dateCollectionStarted! + EXCLUSIVE_PERIOD_MS)
			: null,
		disputeStatus: null,
		validation: { needsInfo: record.lifecycle === 'NeedsAdditionalDetails' },
		assignedUser:
			record.assignedUserEmail === null ? null : { email: record.assignedUserEmail, name: null },
		allocationOutstanding: {
			principal: remainder,
			interest: 0,
			reminderFees: 0,
			collectionFees: 0,
		},
	};
}

export function paymentDto(
	store: SandboxStore,
	payment: PaymentRecord,
	style: TimestampStyle,
): PaymentDto {
	const owningCase = store.findCase(payment.caseId);
	return {
		id: payment.id,
		dateCreated: formatTimestamp(payment.dateCreated, style),
		dateUpdated: payment.dateUpdated === null ? null : formatTimestamp(payment.dateUpdated, style),
		date: formatTimestamp(payment.date, style),
		grossAmount: payment.grossAmount,
		recipient: payment.recipient,
		method: payment.method,
		currency: payment.currency,
		invoice: {
			status: owningCase ? lifecycleLabel(owningCase.lifecycle) : null,
			reference: owningCase ? owningCase.reference : null,
			invoiceId: payment.caseId,
		},
	};
}

/** Download links behave like Azure SAS URLs: valid for an hour, expiry in `se`. */
const DOWNLOAD_LINK_LIFETIME_MS = 60 * 60 * 1000;
const LINK_SIGNING_KEY = 'debitura-sandbox-file-links';

function linkSignature(path: string, expiry: string): string {
	return createHmac('sha256', LINK_SIGNING_KEY).update(`${path}\n${expiry}`).digest('base64');
}

/** Whether `sig` is the signature fileDownloadUrl gave this path and expiry. */
export function isSignedDownload(path: string, expiry: string, sig: string): boolean {
	return linkSignature(path, expiry) === sig;
}

export function fileDownloadUrl(baseUrl: string, file: FileRecord, now: number): string {
	const path = `/__sandbox/cases/${file.caseId}/files/${file.id}/content`;
	const expiry = new Date(now + DOWNLOAD_LINK_LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const signature = linkSignature(path, expiry);
	const query = new URLSearchParams({
		sv: '2023-11-03',
		sr: 'b',
		sp: 'r',
		se: expiry,
		sig: signature,
	});
	return `${baseUrl}${path}?${query.toString()}`;
}

export function caseFileDto(
	file: FileRecord,
	baseUrl: string,
	now: number,
	style: TimestampStyle,
): CaseFileDto {
	return {
		id: file.id,
		dateCreated: formatTimestamp(file.dateCreated, style),
		dateUpdated: formatTimestamp(file.dateCreated, style),
		caseId: file.caseId,
		entityType: 'Invoice',
		entityId: file.caseId,
		fileName: file.fileName,
		url: fileDownloadUrl(baseUrl, file, now),
		description: file.description,
		documentType: file.documentType,
	};
}
