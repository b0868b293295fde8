import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { explainNotFound, InvalidValue, refusedInput, refuseItem } from '../../../common/errors';
import { handleDebituraResponse } from '../../../common/transport';
import { limitUnlessReturnAll, returnAllOrLimit, splitList } from '../../helpers/paging';
import { requestUrl } from '../../helpers/requestUrl';
import { countryCode, currencyCode, positiveAmount, usStateCode } from '../../helpers/values';
import { caseAdditionalFields, caseFields } from '../case/createCaseFields';

const show = (operation: string) => ({ resource: ['coverage'], operation: [operation] });

const jurisdictionIdOf = (context: IExecuteSingleFunctions) =>
	String(context.getNodeParameter('jurisdictionId', '')).trim();

/** preSend of Get: the Jurisdiction ID must be Debitura's whole-number jurisdiction ID. */
async function requireJurisdictionId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const id = jurisdictionIdOf(this);
	if (!/^\d{1,9}$/.test(id)) {
		throw refuseItem(
			this,
			`"Jurisdiction ID" must be a whole number: "${id.slice(0, 60)}"`,
			'Jurisdiction IDs are numbers, as Coverage → Get Many returns them (jurisdictionId).',
		);
	}
	return requestOptions;
}

/**
 * Create Case's own definitions of the fields an eligibility check shares with a case, each routed
 * to its place in CaseEligibilityRequestApiDTO: the same labels, options and limits as there.
 */
const ELIGIBILITY_ROUTES: Record<string, string> = {
	debtorType: 'debtorType',
	debtorCountry: 'countryAlpha2',
	debtorUsState: 'stateAlpha2',
	currency: 'currencyCode',
	amountToRecover: 'amount',
	// Given by expression for US debtors whose country is an expression too; sent as stateAlpha2.
	debtorState: 'state',
};

const eligibilityFields = [...caseFields, ...caseAdditionalFields]
	.filter((field) => field.name in ELIGIBILITY_ROUTES)
	.map(
		(field): INodeProperties => ({
			...field,
			routing: { send: { type: 'body', property: ELIGIBILITY_ROUTES[field.name] } },
			displayOptions: { show: { ...show('checkEligibility'), ...field.displayOptions?.show } },
		}),
	);

const labelOf = (name: string) =>
	String(eligibilityFields.find((field) => field.name === name)?.displayName);

/** preSend of Check Eligibility: codes verified and upper-cased, the amount a number, the US state required for US debtors. */
async function checkEligibilityRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const raw = (requestOptions.body ?? {}) as IDataObject;
	try {
		const country = countryCode(raw.countryAlpha2, labelOf('debtorCountry'));
		const given = [raw.stateAlpha2, raw.state].find(
			(value) => typeof value === 'string' && value.trim() !== '',
		);
		if (country === 'US' && given === undefined)
			throw new InvalidValue(`"${labelOf('debtorUsState')}" is required`);
		const debtorType = String(raw.debtorType ?? '');
		if (!['Company', 'Private'].includes(debtorType))
			throw new InvalidValue(`"Debtor Type" must be Company or Private (got "${debtorType}")`);
		requestOptions.body = {
			countryAlpha2: country,
			...(country === 'US' ? { stateAlpha2: usStateCode(given, labelOf('debtorUsState')) } : {}),
			debtorType,
			amount: positiveAmount(raw.amount, labelOf('amountToRecover')),
			currencyCode: currencyCode(raw.currencyCode, labelOf('currency')),
		};
	} catch (error) {
		throw refusedInput(this, error);
	}
	requestOptions.json = true;
	return requestOptions;
}

const ELIGIBILITY_LABELS = {
	countryAlpha2: labelOf('debtorCountry'),
	stateAlpha2: labelOf('debtorUsState'),
	debtorType: labelOf('debtorType'),
	amount: labelOf('amountToRecover'),
	currencyCode: labelOf('currency'),
};

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const coverageToolDescriptions: Record<string, string> = {
	checkEligibility:
		'Checks whether Debitura can collect from a debtor in a country (and US state): whether the case would be eligible, the partner that would handle it and whether its power of attorney is signed. Needs the debtor type and country, the currency and the amount.',
	get: "Returns one jurisdiction Debitura collects in: its collection partners, their conditions and whether their powers of attorney are signed. Needs the jurisdiction's number (jurisdictionId from the coverage list).",
	getMany:
		'Lists every jurisdiction Debitura collects in, with its collection partners, their conditions and whether their powers of attorney are signed. Use it to answer where Debitura can collect.',
};

export const coverageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['coverage'] } },
		options: [
			{
				name: 'Check Eligibility',
				value: 'checkEligibility',
				action: 'Check whether a case would be eligible',
				description:
					'Check whether Debitura can take a case against a debtor in a country (and US state): the partner that would handle it and whether its power of attorney is signed. The debt collection agreement is not checked here (Account → Get Contract Status).',
				routing: {
					request: { method: 'POST', url: '/coverage/check-eligibility' },
					send: { preSend: [checkEligibilityRequest] },
					output: {
						postReceive: [
							handleDebituraResponse({
								action: 'check the eligibility',
								fieldLabels: ELIGIBILITY_LABELS,
								retry: 'read',
							}),
						],
					},
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the coverage of a jurisdiction',
				description:
					'Get one jurisdiction: its partners, their conditions and whether their powers of attorney are signed',
				routing: {
					request: { method: 'GET', url: requestUrl('/coverage/{jurisdictionId}') },
					send: { preSend: [requireJurisdictionId] },
					output: {
						postReceive: [
							explainNotFound('jurisdiction', 'Jurisdiction ID', jurisdictionIdOf),
							handleDebituraResponse({ action: 'get the jurisdiction' }),
						],
					},
				},
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many jurisdictions',
				description:
					'List every jurisdiction Debitura collects in, with its partners, their conditions and whether their powers of attorney are signed (with the link to sign)',
				routing: {
					request: { method: 'GET', url: '/coverage' },
					output: {
						postReceive: [
							handleDebituraResponse({ action: 'list the coverage' }, 'list'),
							splitList,
							limitUnlessReturnAll,
						],
					},
				},
			},
		],
		default: 'checkEligibility',
	},
	...eligibilityFields,
	{
		displayName: 'Jurisdiction ID',
		name: 'jurisdictionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '58',
		description: "Debitura's number for the jurisdiction (jurisdictionId in Get Many)",
		displayOptions: { show: show('get') },
	},
	...returnAllOrLimit(show('getMany')),
];
