import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import { CASE_FIELD_LABELS, caseAdditionalFields, caseFields } from './createCaseFields';
import { checkPreviewCaseRequest } from './createCaseRequest';

const showFor = { resource: ['case'], operation: ['preview'] };

/**
 * Debitura paths a preview takes (PreviewCaseRequestApiViewModel). Preview shows Create Case's own
 * field definitions for these — the same objects, so a label, limit or option changed there
 * changes here. `debtor.state` is not sent: it carries a US state given by expression, which the
 * preview sends as `stateAlpha2`, as Create Case does.
 */
const PREVIEW_PATHS = new Set([
	'debtor.type',
	'debtor.countryAlpha2',
	'debtor.stateAlpha2',
	'debtor.state',
	'currencyCode',
	'amountToRecover',
	'amountToRecoverOver6Months',
	'amountToRecoverOver12Months',
	'amountToRecoverOver24Months',
	'dueDate',
	'returnUrl',
]);

const takenByPreview = (field: INodeProperties) =>
	PREVIEW_PATHS.has(String(field.routing?.send?.property));

export const previewCaseOperation: INodePropertyOptions = {
	name: 'Preview',
	value: 'preview',
	action: 'Preview a case',
	description:
		'Check before creating a case whether it is eligible, which partner would take it, what must be signed first and what it would cost; nothing is created',
	routing: {
		request: { method: 'POST', url: '/cases/preview' },
		send: { preSend: [checkPreviewCaseRequest] },
		output: {
			postReceive: [
				// A POST, but it stores nothing: a retry is as safe as a read.
				handleDebituraResponse({
					action: 'preview the case',
					fieldLabels: CASE_FIELD_LABELS,
					retry: 'read',
				}),
				{ type: 'rootProperty', properties: { property: 'result' } },
			],
		},
	},
};

export const previewCaseToolDescription =
	'Checks, without creating anything, whether a case would be eligible, which partner would take it, what must be signed first and what it would cost. Use it before opening a case. Needs the debtor type and country, the currency and the amount.';

export const previewCaseDescription: INodeProperties[] = [
	...caseFields.filter(takenByPreview).map((field) => ({
		...field,
		displayOptions: { show: { ...showFor, ...field.displayOptions?.show } },
	})),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: caseAdditionalFields.filter(takenByPreview),
	},
];
