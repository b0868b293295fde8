import type { INodeProperties } from 'n8n-workflow';

/**
 * What an AI model is told about each operation when the node is an AI tool (n8n's "Debitura Tool",
 * connected to an AI Agent or an MCP Server Trigger).
 *
 * n8n describes a node-as-tool by its `toolDescription` parameter; when the node has none, n8n adds
 * its own pair of fields (Set Automatically / Set Manually) whose automatic text is only the
 * operation's action label plus "in Debitura", and the operations' descriptions never reach the
 * model. Declaring `toolDescription` here makes n8n leave its pair out: each operation gets a field
 * shown only on the tool (`@tool`), pre-filled with a text written for a model, which the workflow
 * builder can edit. n8n's editor fills a field left at its default anew when the operation changes,
 * so an unedited description always matches the operation.
 *
 * Each text says what the tool does, when to use it, what it needs and what it returns; the exact
 * inputs are the fields the builder fills with `$fromAI()`, which n8n shows the model as the tool's
 * schema.
 */
const TOOL_TEXTS: Record<string, Record<string, string>> = {
	account: {
		get: "Returns the creditor's own company profile in Debitura (the account the API key belongs to): name, registration number, address and office contacts. Needs no input.",
		getCaseSummary:
			'Counts the cases of the Debitura account in each lifecycle stage (Active, Paused, Closed and so on). Use it for an overview before listing cases. Needs no input; returns one object of counts.',
		getContractStatus:
			"Tells whether the account's debt collection agreement with Debitura is signed or must be re-signed, with the link to sign when someone has to act. Use it when cases cannot proceed for a missing contract. Needs no input.",
	},
	case: {
		count:
			'Counts the Debitura cases that match the filters this tool is set up with (lifecycle, division, debtor, ID) without reading them; test cases are counted too. Returns one number.',
		getContractStatus:
			'Tells whether the agreement, power of attorney and pricing appendix a case needs are signed, with links to sign what is missing. Use it for a case waiting in Pending Contract Signing. Needs the case.',
		getExclusivePeriod:
			"Returns the collection partner's exclusive period on a case: start, end, days remaining, status (Active, Expired, Terminated) and extensions. A case no partner has taken on yet has none. Needs the case.",
		getMany:
			'Lists Debitura collection cases, filtered and sorted as this tool is set up, each with id, reference, creditorReference (the invoice number), lifecycle, isTestCase, currency, remainder (still outstanding), dueDate and debtorName. Use it to find cases and the case id other tools need.',
		getStatus:
			'Returns where one case stands: lifecycle, close code, amounts claimed, recovered and outstanding, and key dates. Use it to answer what the status of a case or invoice is. Needs the case.',
		getTimeline:
			'Returns everything that happened on one case in order (created, collection started, payments, messages, closed), each event with date, title and description, plus the current engagement phase. Use it to see what changed before acting on a case. Needs the case.',
		getValidation:
			'Returns what Debitura still needs before a case can proceed: whether information is missing and, per item, the area and what to supply. Use it for a case in More Info Required. Needs the case.',
		preview:
			'Checks, without creating anything, whether a case would be eligible, which partner would take it, what must be signed first and what it would cost. Use it before opening a case. Needs the debtor type and country, the currency and the amount.',
	},
	coverage: {
		checkEligibility:
			'Checks whether Debitura can collect from a debtor in a country (and US state): whether the case would be eligible, the partner that would handle it and whether its power of attorney is signed. Needs the debtor type and country, the currency and the amount.',
		get: "Returns one jurisdiction Debitura collects in: its collection partners, their conditions and whether their powers of attorney are signed. Needs the jurisdiction's number (jurisdictionId from the coverage list).",
		getMany:
			'Lists every jurisdiction Debitura collects in, with its collection partners, their conditions and whether their powers of attorney are signed. Use it to answer where Debitura can collect.',
	},
	division: {
		archive:
			'Archives a division of the company for good (it cannot be undone): it leaves the lists and its cases keep it. Use it only when the user asks to archive that division. Needs the division.',
		create:
			'Creates a division (business unit, branch or department) to organise cases under. Needs its company name, city and country. Returns the new division with its id.',
		delete:
			'Deletes a division for good; Debitura refuses while open cases belong to it. Use it only when the user asks to delete that division. Needs the division.',
		get: 'Returns one division of the company with its name, address and details. Needs the division.',
		getMany:
			"Lists the company's divisions (business units, branches, departments) with their id and details. Use it to find a division's id.",
		update:
			'Changes the given fields of a division; fields not given keep their values. Needs the division and the new values. Returns the updated division.',
	},
	document: {
		download:
			"Downloads one document of a case as a file for the workflow; the answer describes the file (name, type, size), not its contents. Needs the case and the document's id from the case's document list.",
		getMany:
			'Lists the files on a case (invoices, letters, partner documents): id, file name, document type, description, dates and a download link valid for about an hour. Needs the case.',
		upload:
			'Cannot upload from an AI tool call: uploading needs the file in the workflow item, which a tool call cannot carry, so it answers with an error and sends nothing. Attach files in a workflow instead.',
	},
	message: {
		getMany:
			"Returns a case's chat with its collection partner, oldest first: who wrote (roleLabel Partner or Creditor), when, the text and whether it was seen. Use it to read the partner's questions before answering. Needs the case.",
		send: "Posts a message in a case's chat with its collection partner, who is emailed. A message cannot be taken back: send each one once. Use it to answer the partner or give information. Needs the case and the text; returns the stored message.",
	},
	payment: {
		get: 'Returns one payment: amount, currency, date, method, who received it (partner or creditor) and the case (invoice) it belongs to. Needs the payment id.',
		getMany:
			"Lists payments, the whole account's or one case's as this tool is set up, each with amount, currency, date, method, recipient and its case. Use it to see what debtors have paid.",
	},
	quote: {
		get: "Returns one collection partner's quote in full, with the complete pricing breakdown and a link to it. Needs the case, the quote request id and the quote id.",
		getMany:
			"Lists the partners' quotes for a quote request of a case: partner, agreement type, fees (hourly, flat, success fee), currency and proposed solution. Use it to compare offers. Needs the case and the quote request id.",
	},
	quoteRequest: {
		get: 'Returns one quote request of a case: status, type, how many quotes arrived out of the maximum, outcome and dates. Needs the case and the quote request id.',
		getMany:
			"Lists a case's quote requests (collection partners, e.g. lawyers for legal action, asked to quote) with status, type, quotes received and outcome. Needs the case.",
	},
	task: {
		getMany:
			'Lists what Debitura needs the creditor to do (reply to a partner, add missing details, sign a contract) for the account or one case, each with title, type, status, deadline and a link to resolve it. Use it to find what needs attention.',
	},
	teamMember: {
		getMany:
			'Lists the users of the Debitura account with id, name and email: the people a case can be assigned to and messages can be sent as.',
	},
	testCase: {
		advance:
			'Moves a TEST case on as if a partner worked it: to Active, Closed: Paid (records a payment) or Closed: No Payment; webhooks fire as for a real case. Live cases are refused. Needs the test case.',
		delete:
			'Permanently deletes one TEST case with its payments, messages and files. Live cases are refused and left as they are. Needs the test case.',
		deleteByTag:
			'Permanently deletes every TEST case created with a tag. If any case with that tag is a live case, Debitura deletes none of them. Needs the tag.',
		fireWebhookEvent:
			"Sends one webhook event about a TEST case to the account's test webhook subscriptions, to try a receiver. Live cases are refused. Needs the test case; returns how many deliveries were queued (0: no test subscription listens).",
	},
	webhook: {
		create:
			"Subscribes a URL to Debitura's events (cases, payments and so on). The answer carries the subscription's signing secret, once. Needs the URL and the events.",
		delete:
			'Deletes a webhook subscription for good; Debitura stops delivering to its URL. Use it only when the user asks to delete that subscription. Needs the subscription id.',
		get: 'Returns one webhook subscription: URL, events, whether it is active (and why not) and whether it is for test cases. Needs the subscription id.',
		getMany:
			"Lists the account's webhook subscriptions: id, URL, events, whether active (and why not) and whether for test cases. Use it to find a subscription's id.",
		sendTest:
			"Has Debitura deliver a signed test event to a subscription's URL now and returns how it went (success, the receiver's HTTP status, duration, error). Needs the subscription id.",
		update:
			'Changes the given settings of a webhook subscription (URL, events, active or paused, test or live cases). Needs the subscription id and the new values. Returns the updated subscription.',
	},
	webhookEvent: {
		getMany:
			"Lists the webhook events Debitura sent about one case, newest first: event type, payload, when delivered, attempts and the receiver's last answer. Use it to check that an event fired. Needs the case.",
		replay:
			"Delivers a recorded webhook event again, with its original payload, to the subscription it was sent to. Needs the event id from the case's webhook event list.",
	},
};

/** Case → Create depends on Test Mode, so its text says which kind of case the tool opens. */
const CREATE_CASE_TEST =
	"Opens a TEST debt collection case in Debitura for one unpaid invoice: validated and stored like a real case, never sent to a collection partner, no emails. Needs the debtor's name, country, street address and city, the currency, the amount and the invoice date. Returns the case with its id and reference.";
const CREATE_CASE_LIVE =
	"Opens a REAL debt collection case in Debitura for one unpaid invoice: a collection partner will contact the debtor. Use it only when the user clearly asks to send that invoice to collection. Needs the debtor's name, country, street address and city, the currency, the amount and the invoice date. Returns the case with its id and reference.";

const field = (
	text: string,
	show: Record<string, Array<string | boolean>>,
	hide?: Record<string, boolean[]>,
): INodeProperties => ({
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 3 },
	default: text,
	description:
		'What the AI model is told about this tool: what it does, when to use it, what it needs and what it returns. Written for this operation; edit it to fit your agent.',
	displayOptions: { show: { '@tool': [true], ...show }, ...(hide ? { hide } : {}) },
});

export const toolDescriptionProperties: INodeProperties[] = [
	...Object.entries(TOOL_TEXTS).flatMap(([resource, texts]) =>
		Object.entries(texts).map(([operation, text]) =>
			field(text, { resource: [resource], operation: [operation] }),
		),
	),
	field(CREATE_CASE_TEST, { resource: ['case'], operation: ['create'], testMode: [true] }),
	// Hidden only when Test Mode is plainly on, so an expression in Test Mode gets the cautious text.
	field(CREATE_CASE_LIVE, { resource: ['case'], operation: ['create'] }, { testMode: [true] }),
];
