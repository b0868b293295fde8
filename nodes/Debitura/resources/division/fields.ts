import type { INodeProperties } from 'n8n-workflow';

import { COUNTRIES } from '../../../common/referenceData';

/**
 * A division's fields (CreateDivisionRequestDto = UpdateDivisionRequestDto), each once: label,
 * body property and the spec's length limit. Create shows the required three up front and the rest
 * under Additional Fields; Update shows them all under Update Fields.
 */

interface DivisionField {
	name: string;
	label: string;
	maxLength?: number;
	required?: boolean;
	placeholder?: string;
	description?: string;
}

export const DIVISION_FIELDS: DivisionField[] = [
	{
		name: 'companyName',
		label: 'Company Name',
		maxLength: 200,
		required: true,
		placeholder: 'Nordlys Trading GmbH',
		description: 'Name of the division',
	},
	{ name: 'city', label: 'City', required: true, placeholder: 'Hamburg' },
	{
		name: 'countryCode',
		label: 'Country',
		required: true,
		description:
			'Country of the division. With an expression, give an ISO code such as DE or an English name.',
	},
	{ name: 'address', label: 'Address' },
	{ name: 'zipCode', label: 'ZIP Code', maxLength: 50 },
	{ name: 'state', label: 'State / Region' },
	{
		name: 'registrationNumber',
		label: 'Registration Number',
		maxLength: 50,
		description: 'Company registration or VAT number, e.g. a CVR or HRB number',
	},
	{ name: 'officeEmail', label: 'Office Email', maxLength: 250, placeholder: 'name@email.com' },
	{ name: 'officePhone', label: 'Office Phone', maxLength: 50 },
];

export const DIVISION_LABELS: Record<string, string> = Object.fromEntries(
	DIVISION_FIELDS.map((field) => [field.name, field.label]),
);

const countryOptions = COUNTRIES.map(([code, name]) => ({
	name: `${name} (${code})`,
	value: code,
})).sort((a, b) => a.name.localeCompare(b.name));

/** The n8n parameter for a division field; `required` only where Create shows it up front. */
export function divisionParameter(field: DivisionField, upFront: boolean): INodeProperties {
	const limit = field.maxLength ? ` (at most ${field.maxLength} characters)` : '';
	const base = {
		displayName: field.label,
		name: field.name,
		required: upFront && field.required,
		placeholder: field.placeholder,
		description: field.description
			? `${field.description}${limit}`
			: limit
				? `At most ${field.maxLength} characters`
				: undefined,
	};
	const parameter: INodeProperties =
		field.name === 'countryCode'
			? { ...base, type: 'options', options: countryOptions, default: '' }
			: { ...base, type: 'string', default: '' };
	return Object.fromEntries(
		Object.entries(parameter).filter(([, value]) => value !== undefined),
	) as unknown as INodeProperties;
}
