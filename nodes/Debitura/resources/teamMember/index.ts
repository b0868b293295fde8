import type { INodeProperties } from 'n8n-workflow';

import { handleDebituraResponse } from '../../../common/transport';
import { pagedList, returnAllOrLimit } from '../../helpers/paging';

const showFor = { resource: ['teamMember'], operation: ['getMany'] };

/** Each operation's text for an AI model, when the node is an AI tool (see toolDescriptions.ts). */
export const teamMemberToolDescriptions: Record<string, string> = {
	getMany:
		'Lists the users of the Debitura account with id, name and email: the people a case can be assigned to and messages can be sent as.',
};

export const teamMemberDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['teamMember'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many team members',
				description:
					'List the users of your Debitura account (ID, name, email): the people a case can be assigned to and a message sent as',
				routing: {
					request: { method: 'GET', url: '/users' },
					operations: { pagination: pagedList('users') },
					output: { postReceive: [handleDebituraResponse({ action: 'list the team members' })] },
				},
			},
		],
		default: 'getMany',
	},
	...returnAllOrLimit(showFor),
];
