import { createCaseRecord } from './case-creation.cjs';
import { caseInputToNewCase } from './case-input.cjs';
import { sortCases } from './case-query.cjs';
import { lifecycleFromText } from './lifecycle.cjs';
import { UnknownEntityError } from './sandbox-errors.cjs';
import { seedDemoData } from './demo.cjs';
import { invoiceDto, paymentDto } from './dto.cjs';
import { FaultQueue } from './faults.cjs';
import { IdempotencyRecords } from './idempotency.cjs';
import { deletePayment, editPayment, recordPayment } from './payment-ops.cjs';
import type { RouteContext } from './routes/route.cjs';
import { SandboxStore } from './store.cjs';
import { parseUtcLenient } from './time.cjs';
import type {
	AddPaymentInput,
	CaseSortMode,
	CaseUpdate,
	FaultSpec,
	InvoiceDto,
	PaymentDto,
	PaymentOrder,
	RecordedRequest,
	SandboxCaseInput,
	StoredFileContent,
} from './types.cjs';
import { WebhookHub, type WebhookHubOptions } from './webhooks.cjs';

/**
 * The sandbox minus its HTTP server: state plus the operations the JS API and the control
 * surface share. The HTTP layer and `startSandbox` both delegate here.
 */
export class SandboxCore {
	readonly store = new SandboxStore();
	readonly idempotency = new IdempotencyRecords();
	readonly faults = new FaultQueue();
	/** Never replaced, only emptied, so a reference a test holds stays live across reset(). */
	readonly requests: RecordedRequest[] = [];
	baseUrl = '';
	caseSort: CaseSortMode = 'honoured';
	/** The storage origin of file download links (file-host.ts); the API origin until it is started. */
	fileBaseUrl = '';
	/** Whether the storage host announces a file's length (see Sandbox.setFileHostLength). */
	fileLength: 'declared' | 'omitted' = 'declared';
	private demoSeeded = false;
	readonly webhooks: WebhookHub;

	constructor(
		readonly apiKey: string,
		public paymentOrder: PaymentOrder,
		readonly fileStorageLimitBytes: number,
		webhookOptions: WebhookHubOptions,
	) {
		this.webhooks = new WebhookHub(
			this.store,
			() => this.now(),
			() => this.baseUrl,
			webhookOptions,
		);
		this.store.events = this.webhooks;
	}

	now(): number {
		return Date.now();
	}

	routeContext(): RouteContext {
		return {
			store: this.store,
			idempotency: this.idempotency,
			apiKey: this.apiKey,
			baseUrl: this.baseUrl,
			fileBaseUrl: this.fileBaseUrl || this.baseUrl,
			paymentOrder: this.paymentOrder,
			caseSort: this.caseSort,
			fileStorageLimitBytes: this.fileStorageLimitBytes,
			webhooks: this.webhooks,
			now: () => this.now(),
		};
	}

	reset(): void {
		this.store.clear();
		this.idempotency.clear();
		this.faults.clear();
		this.webhooks.reset();
		this.requests.length = 0;
		this.demoSeeded = false;
	}

	setContractsSigned(signed: boolean): void {
		this.store.contractsSigned = signed;
	}

	/** Seeds once per reset, so calling it twice does not duplicate creditor references. */
	seedDemoData(): void {
		if (this.demoSeeded) return;
		seedDemoData(this.store, this.baseUrl, this.now());
		this.demoSeeded = true;
	}

	createCase(input: SandboxCaseInput): InvoiceDto {
		const now = this.now();
		const { newCase, overrides } = caseInputToNewCase(input, now);
		return invoiceDto(
			this.store,
			createCaseRecord(this.store, newCase, this.baseUrl, now, overrides),
			'zulu',
		);
	}

	/** A change Debitura records on a case: dateUpdated becomes now; closing sets the close code and dateFinished. */
	updateCase(id: string, update: CaseUpdate): InvoiceDto {
		const record = this.store.findCase(id);
		if (!record) throw new UnknownEntityError(`No case with id ${id}`);
		const now = this.now();
		if (update.lifecycle !== undefined) {
			const lifecycle = lifecycleFromText(update.lifecycle);
			if (lifecycle === undefined) throw new Error(`Unknown lifecycle: ${update.lifecycle}`);
			record.lifecycle = lifecycle;
			record.closeCode = lifecycle === 'Closed' ? (update.closeCode ?? 'Other') : null;
			record.dateFinished = lifecycle === 'Closed' || lifecycle === 'Merged' ? now : null;
		}
		record.dateUpdated = now;
		return invoiceDto(this.store, record, 'naive');
	}

	getCase(id: string): InvoiceDto | undefined {
		const record = this.store.findCase(id);
		return record && invoiceDto(this.store, record, 'naive');
	}

	/** In GET /cases' default order (oldest first). */
	listCases(): InvoiceDto[] {
		return sortCases(this.store.allCases(), [], this.store).map((c) =>
			invoiceDto(this.store, c, 'naive'),
		);
	}

	addPayment(input: AddPaymentInput): PaymentDto {
		const payment = recordPayment(
			this.store,
			{
				caseId: input.caseId,
				grossAmount: input.grossAmount,
				date: input.date === undefined ? undefined : parseUtcLenient(input.date),
				dateCreated:
					input.dateCreated === undefined ? undefined : parseUtcLenient(input.dateCreated),
				recipient: input.recipient,
				method: input.method,
			},
			this.now(),
		);
		return paymentDto(this.store, payment, 'naive');
	}

	editPayment(id: string, patch: Partial<PaymentDto>): PaymentDto {
		return paymentDto(this.store, editPayment(this.store, id, patch, this.now()), 'naive');
	}

	deletePayment(id: string): void {
		deletePayment(this.store, id, this.now());
	}

	/** The ids GET /Payments serves now, in its current order. */
	orderedPaymentIds(): string[] {
		return this.store.orderedPayments(this.paymentOrder).map((payment) => payment.id);
	}

	listPayments(): PaymentDto[] {
		return this.store.allPayments().map((p) => paymentDto(this.store, p, 'naive'));
	}

	getFile(caseId: string, fileId: string): StoredFileContent | undefined {
		const file = this.store.findFile(caseId, fileId);
		if (!file) return undefined;
		const { bytes, fileName, contentType, documentType, description } = file;
		return { bytes, fileName, contentType, documentType, description };
	}

	injectFault(spec: FaultSpec): void {
		// Plain text only: a RegExp would run against every request, and a bad one stalls the sandbox.
		if (spec.path !== undefined && typeof spec.path !== 'string') {
			throw new Error(
				'Fault path must be a string: an exact path, or a prefix ending in * (e.g. "/payments*")',
			);
		}
		this.faults.inject(spec);
	}
}
