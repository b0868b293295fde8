import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { withUtcTimestamps } from '../../../common/timestamps';
import { debituraRequest } from '../../../common/transport';
import { asItemError, refusedInput, refusedInputOf } from '../../../common/errors';
import { CASE_FIELD_LABELS, caseAdditionalFields, caseFields } from './createCaseFields';
import { createCaseRequest } from './createCaseRequest';

/**
 * Case → Create as a custom operation (`customOperations` on the node) rather than routing.
 *
 * Why: n8n's routing engine, for every item, walks all of the node's properties twice (once for
 * the request, once more to learn the base URL) and resolves every expression the user wrote up to
 * four times. On a node with dozens of operations that made Create Case, the one operation run on
 * hundreds of invoices at a time, clearly slower than the same request from an HTTP Request node.
 * Here each field is read once per item.
 *
 * What stays the same: the fields and where their values go are still the definitions in
 * createCaseFields.ts (`routing.send.property` is the body path, and Case → Preview still routes
 * by it), the body is checked by the same code, requests go through the same transport (credential,
 * 429 waits, errors in words), and every item's request is sent at once, as routing does.
 * What is better: every item is checked before anything is sent, so a refused value stops the run
 * with nothing sent at all (with Continue On Fail, that item becomes an error item and the rest go).
 */

const ADDITIONAL_FIELDS = 'additionalFields';

/** Where a field's value goes in the body; fields without one (the Idempotency Key) are read on their own. */
const bodyPath = (field: INodeProperties) => field.routing?.send?.property as string | undefined;

/** Sets `debtor.name`-style paths: the body has one nested object, the debtor. */
function setAt(body: IDataObject, path: string, value: unknown) {
	const [head, ...rest] = path.split('.');
	if (rest.length === 0) {
		body[head] = value as IDataObject[string];
		return;
	}
	const inner = (body[head] ??= {}) as IDataObject;
	setAt(inner, rest.join('.'), value);
}

/**
 * Whether a field's own condition (Test Tag only in test mode, the US state only for "US") holds,
 * on the parameters as saved. Not n8n's `NodeHelpers.displayParameter`, which counts a field as
 * shown whenever the value it depends on is an expression: here an expression is not a value, so
 * the US state field stays out of the body when the country is an expression (the state then
 * comes from Additional Fields).
 */
function shown(field: INodeProperties, parameters: IDataObject): boolean {
	const show = field.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, values]) => {
		const given =
			name in parameters
				? parameters[name]
				: caseFields.find((other) => other.name === name)?.default;
		return (values as unknown[]).includes(given);
	});
}

/** Reads one item's parameter: n8n's per-item context for a custom operation or for routing. */
type ReadParameter = (
	name: string,
	fallback: unknown,
	options: { extractValue: boolean },
) => unknown;

/** One item's body as the fields assemble it, unchecked: what routing would have sent. */
function assembleBody(
	parameters: IDataObject,
	readParameter: ReadParameter,
): { raw: IDataObject; ownKey: unknown } {
	const raw: IDataObject = {};
	const read = (name: string, field: INodeProperties) =>
		readParameter(name, field.default, { extractValue: field.type === 'resourceLocator' });
	for (const field of caseFields) {
		const path = bodyPath(field);
		if (path !== undefined && shown(field, parameters)) setAt(raw, path, read(field.name, field));
	}
	// Only the additional fields the user added are read: each is one more expression to resolve.
	let ownKey: unknown;
	const added = (parameters[ADDITIONAL_FIELDS] ?? {}) as IDataObject;
	for (const field of caseAdditionalFields) {
		if (!(field.name in added)) continue;
		const value = read(`${ADDITIONAL_FIELDS}.${field.name}`, field);
		const path = bodyPath(field);
		if (path !== undefined) setAt(raw, path, value);
		else if (field.name === 'idempotencyKey') ownKey = value;
	}
	return { raw, ownKey };
}

/** One item's checked body and Idempotency-Key; throws an `InvalidValue` naming the field. */
function caseRequestOfItem(
	parameters: IDataObject,
	readParameter: ReadParameter,
	timezone: string,
) {
	const { raw, ownKey } = assembleBody(parameters, readParameter);
	return createCaseRequest(raw, ownKey, timezone);
}

type Prepared =
	| { itemIndex: number; body: IDataObject; idempotencyKey: string }
	| { itemIndex: number; error: NodeOperationError };

export async function createCases(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const timezone = this.getTimezone();

	const prepared: Prepared[] = items.map((_, itemIndex) => {
		try {
			const read: ReadParameter = (name, fallback, options) =>
				this.getNodeParameter(name, itemIndex, fallback, options);
			return {
				itemIndex,
				...caseRequestOfItem(this.getNode().parameters as IDataObject, read, timezone),
			};
		} catch (error) {
			const refused = refusedInputOf(this.getNode(), itemIndex, error);
			if (!this.continueOnFail()) throw refused;
			return { itemIndex, error: refused };
		}
	});

	const answers = await Promise.allSettled(
		prepared.map(async (item) => {
			if ('error' in item) throw item.error;
			const options = {
				method: 'POST' as const,
				url: '/cases',
				headers: { Accept: 'application/json', 'Idempotency-Key': item.idempotencyKey },
				body: item.body,
				json: true,
			};
			return await debituraRequest<IDataObject>(
				this,
				options,
				{ action: 'create the case', fieldLabels: CASE_FIELD_LABELS },
				item.itemIndex,
				'object',
			);
		}),
	);

	const output: INodeExecutionData[] = answers.map((answer, itemIndex) => {
		const pairedItem = { item: itemIndex };
		if (answer.status === 'fulfilled') return { json: withUtcTimestamps(answer.value), pairedItem };
		const error = asItemError(this, answer.reason, itemIndex);
		if (!this.continueOnFail()) throw error;
		return { json: { error: error.message }, error, pairedItem };
	});
	return [output];
}

/**
 * preSend of Create's routing, for callers that run the node's routing instead of its custom
 * operation: n8n's MCP Server Trigger calls the node type's `execute` directly, which for a
 * declarative node is routing only, one tool call (one item) at a time. The workflow engine keeps
 * running `createCases` above. The item's body and Idempotency-Key come from the same builder and
 * checks, and a refused value gives the same error, with nothing sent.
 */
export async function buildCreateCaseRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	let request: { body: IDataObject; idempotencyKey: string };
	try {
		const read: ReadParameter = (name, fallback, options) =>
			this.getNodeParameter(name, fallback, options);
		request = caseRequestOfItem(this.getNode().parameters as IDataObject, read, this.getTimezone());
	} catch (error) {
		throw refusedInput(this, error);
	}
	// The fields' own routing assembled a body as well; the checked one replaces it.
	requestOptions.body = request.body;
	requestOptions.headers = {
		...requestOptions.headers,
		Accept: 'application/json',
		'Idempotency-Key': request.idempotencyKey,
	};
	requestOptions.json = true;
	return requestOptions;
}
