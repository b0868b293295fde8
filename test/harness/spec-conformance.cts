/**
 * What Debitura's OpenAPI document says a request may contain, written down for the requests our
 * nodes send, so tests can assert every recorded request against it: field names (the spec sets
 * `additionalProperties: false`), JSON types, formats (date-time with a zone, uuid, email), length
 * limits and the enumerations the docs give.
 */

type FieldRule = {
	type: 'string' | 'number' | 'boolean' | 'object' | 'array';
	/** For arrays: the rule every entry follows, and the fewest entries allowed. */
	items?: FieldRule;
	minItems?: number;
	format?: 'date-time' | 'uuid' | 'email' | 'iso-currency' | 'iso-country' | 'us-state';
	maxLength?: number;
	minLength?: number;
	enum?: string[];
	fields?: Record<string, FieldRule>;
};

const text = (maxLength?: number): FieldRule => ({ type: 'string', maxLength });

export const CREATE_CASE_REQUEST: Record<string, FieldRule> = {
	currencyCode: { type: 'string', format: 'iso-currency' },
	date: { type: 'string', format: 'date-time' },
	dueDate: { type: 'string', format: 'date-time' },
	comments: text(4000),
	claimDescription: text(4000),
	creditorReference: text(50),
	creditorDivisionId: { type: 'string', format: 'uuid' },
	amountToRecover: { type: 'number' },
	amountToRecoverOver6Months: { type: 'number' },
	amountToRecoverOver12Months: { type: 'number' },
	amountToRecoverOver24Months: { type: 'number' },
	skipDebituraVerification: { type: 'boolean' },
	skipCreationEmails: { type: 'boolean' },
	allowPendingContracts: { type: 'boolean' },
	isTest: { type: 'boolean' },
	tag: text(100),
	collectionPartnerId: { type: 'string', format: 'uuid' },
	assignedUserEmail: { type: 'string', format: 'email', maxLength: 320 },
	returnUrl: text(2048),
	debtor: {
		type: 'object',
		fields: {
			type: { type: 'string', enum: ['Company', 'Private'], minLength: 1 },
			name: { type: 'string', minLength: 1 },
			contactPerson: text(),
			companyRegistrationNumber: text(),
			address: text(),
			zipCode: text(),
			city: text(),
			state: text(),
			stateAlpha2: { type: 'string', format: 'us-state' },
			countryAlpha2: { type: 'string', format: 'iso-country' },
			country: text(),
			email: text(),
			phone: text(),
		},
	},
};

/** PreviewCaseRequestApiViewModel: the amounts, currency, due date, return URL and a routing-only debtor. */
export const PREVIEW_CASE_REQUEST: Record<string, FieldRule> = {
	amountToRecover: { type: 'number' },
	currencyCode: { type: 'string', format: 'iso-currency', minLength: 3, maxLength: 3 },
	amountToRecoverOver6Months: { type: 'number' },
	amountToRecoverOver12Months: { type: 'number' },
	amountToRecoverOver24Months: { type: 'number' },
	dueDate: { type: 'string', format: 'date-time' },
	returnUrl: text(2048),
	debtor: {
		type: 'object',
		fields: {
			type: { type: 'string', enum: ['Company', 'Private'], minLength: 1 },
			countryAlpha2: { type: 'string', format: 'iso-country', minLength: 2, maxLength: 2 },
			stateAlpha2: { type: 'string', format: 'us-state', minLength: 2, maxLength: 2 },
		},
	},
};

/** CaseEligibilityRequestApiDTO. */
export const CHECK_ELIGIBILITY_REQUEST: Record<string, FieldRule> = {
	countryAlpha2: { type: 'string', format: 'iso-country', minLength: 1 },
	stateAlpha2: { type: 'string', format: 'us-state' },
	debtorType: { type: 'string', enum: ['Company', 'Private'], minLength: 1 },
	amount: { type: 'number' },
	currencyCode: { type: 'string', format: 'iso-currency', minLength: 1 },
};

/** CreateDivisionRequestDto and UpdateDivisionRequestDto (the same fields and limits). */
export const DIVISION_REQUEST: Record<string, FieldRule> = {
	companyName: text(200),
	registrationNumber: text(50),
	address: text(),
	zipCode: text(50),
	state: text(),
	city: { type: 'string', minLength: 1 },
	countryCode: { type: 'string', format: 'iso-country', minLength: 2, maxLength: 2 },
	officeEmail: { type: 'string', format: 'email', maxLength: 250 },
	officePhone: text(50),
};

/** The Customer API's webhook event names (`POST /webhooks`). */
const WEBHOOK_EVENT_NAMES = [
	'case.created',
	'case.updated',
	'case.closed',
	'payment.created',
	'payment.deleted',
	'chat.created',
];

/** CreateWebhookRequest: `url` and `events` required. */
export const CREATE_WEBHOOK_REQUEST: Record<string, FieldRule> = {
	url: { type: 'string', maxLength: 1024 },
	events: { type: 'array', minItems: 1, items: { type: 'string', enum: WEBHOOK_EVENT_NAMES } },
	isTestMode: { type: 'boolean' },
};

/** UpdateWebhookRequest: every field optional. */
export const UPDATE_WEBHOOK_REQUEST: Record<string, FieldRule> = {
	url: { type: 'string', maxLength: 1024 },
	events: { type: 'array', items: { type: 'string', enum: WEBHOOK_EVENT_NAMES } },
	isActive: { type: 'boolean' },
	regenerateSecret: { type: 'boolean' },
	isTestMode: { type: 'boolean' },
};

/** The fields of the answers the spec documents for webhooks (`WebhookDto`, `TestResultDto`), for shape checks. */
export const WEBHOOK_DTO_FIELDS = [
	'id',
	'url',
	'events',
	'isActive',
	'createdUtc',
	'updatedUtc',
	'disabledReason',
	'secret',
	'isTestMode',
];
export const TEST_RESULT_FIELDS = [
	'success',
	'httpStatusCode',
	'durationMs',
	'errorMessage',
	'errorCategory',
	'testPayload',
];

export const DOCUMENT_TYPES = [
	'OriginalInvoice',
	'DebtorDocuments',
	'CreditorDocuments',
	'PartnerDocuments',
	'DemandLetter',
	'Miscellaneous',
];

const FORMATS: Record<NonNullable<FieldRule['format']>, RegExp> = {
	// The spec's date-time, which Debitura only accepts with a zone.
	'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
	uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
	email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
	'iso-currency': /^[A-Z]{3}$/,
	'iso-country': /^[A-Z]{2}$/,
	'us-state': /^[A-Z]{2}$/,
};

/** Every way `value` breaks the rules, as readable strings; empty when it conforms. */
export function specViolations(
	value: unknown,
	rules: Record<string, FieldRule>,
	path = '',
): string[] {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		return [`${path || 'body'} is not an object`];
	const problems: string[] = [];
	for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
		const where = path ? `${path}.${key}` : key;
		const rule = rules[key];
		if (!rule) {
			problems.push(`${where} is not a field of the spec`);
			continue;
		}
		if (field === null) continue;
		if (rule.type === 'object') {
			problems.push(...specViolations(field, rule.fields ?? {}, where));
			continue;
		}
		if (rule.type === 'array') {
			if (!Array.isArray(field)) {
				problems.push(`${where} should be a list, is ${typeof field}`);
				continue;
			}
			if (rule.minItems !== undefined && field.length < rule.minItems)
				problems.push(`${where} has fewer than ${rule.minItems} entries`);
			if (rule.items)
				field.forEach((entry, index) =>
					problems.push(...entryViolations(entry, rule.items!, `${where}[${index}]`)),
				);
			continue;
		}
		problems.push(...entryViolations(field, rule, where));
	}
	return problems;
}

/** How one plain value (not an object or list) breaks its rule. */
function entryViolations(field: unknown, rule: FieldRule, where: string): string[] {
	if (typeof field !== rule.type) return [`${where} should be a ${rule.type}, is ${typeof field}`];
	const problems: string[] = [];
	if (rule.format && !FORMATS[rule.format].test(String(field)))
		problems.push(`${where} "${String(field)}" is not ${rule.format}`);
	if (rule.maxLength && String(field).length > rule.maxLength)
		problems.push(`${where} exceeds ${rule.maxLength} characters`);
	if (rule.minLength && String(field).length < rule.minLength)
		problems.push(`${where} is shorter than ${rule.minLength} characters`);
	if (rule.enum && !rule.enum.includes(String(field)))
		problems.push(`${where} "${String(field)}" is not one of ${rule.enum.join(', ')}`);
	return problems;
}
