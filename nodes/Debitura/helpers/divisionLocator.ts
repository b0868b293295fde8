import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { refuseItem } from '../../common/errors';
import { isUuid, UUID_PATTERN } from './values';

/**
 * The one way to pick a division: from the account's list (archived ones left out) or by its ID.
 * `name`/`displayName` differ per use: the Division operations' "Division", Create Case's
 * "Division" under Additional Fields (parameter `divisionId`).
 */
export function divisionLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Division',
		name: 'division',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'A division of your company (a business unit, branch or department)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a division…',
				typeOptions: { searchListMethod: 'searchDivisions', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '0b6e2f1a-3c4d-4e5f-8a9b-1c2d3e4f5a60',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid division ID (UUID)' },
					},
				],
			},
		],
		...overrides,
	};
}

/**
 * The chosen division's ID, checked: a picker value `{ mode, value }`, or the plain string a
 * saved workflow may hold. Throws naming the field and the item.
 */
export function divisionIdValue(
	context: IExecuteSingleFunctions,
	parameter = 'division',
	label = 'Division',
): string {
	const raw = context.getNodeParameter(parameter, '', { extractValue: true }) as unknown;
	const value = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (isUuid(value)) return value.toLowerCase();
	throw refuseItem(
		context,
		`"${label}" is not a valid division ID: "${(value || JSON.stringify(raw) || '').slice(0, 60)}"`,
		'A division ID is a UUID, as Division → Get Many returns it. Pick the division from the list instead.',
	);
}

/**
 * `/divisions/{id}<suffix>` from the Division field of the Division operations, the ID as
 * `divisionIdValue` gives it (trimmed, lowercase); `requireDivisionId` checks it before anything is sent.
 */
export function divisionUrl(suffix = ''): string {
	return `=/divisions/{{ encodeURIComponent(String($parameter.division ?? "").trim().toLowerCase()) }}${suffix}`;
}

/** preSend: the Division field must hold a division ID (a UUID); the request is left as routing built it. */
export async function requireDivisionId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	divisionIdValue(this);
	return requestOptions;
}
