import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { sendToDebitura } from '../common/transport';
import { searchCases } from './listSearch/searchCases';
import { searchCollectionPartners } from './listSearch/searchCollectionPartners';
import { searchDivisions } from './listSearch/searchDivisions';
import { searchTeamMembers } from './listSearch/searchTeamMembers';
import { searchWebhooks } from './listSearch/searchWebhooks';
import { accountDescription } from './resources/account';
import { caseDescription } from './resources/case';
import { createCases } from './resources/case/createCaseExecute';
import { coverageDescription } from './resources/coverage';
import { divisionDescription } from './resources/division';
import { documentDescription } from './resources/document';
import { uploadDocuments } from './resources/document/uploadExecute';
import { messageDescription } from './resources/message';
import { sendMessages } from './resources/message/send';
import { paymentDescription } from './resources/payment';
import { quoteDescription } from './resources/quote';
import { quoteRequestDescription } from './resources/quoteRequest';
import { taskDescription } from './resources/task';
import { teamMemberDescription } from './resources/teamMember';
import { testCaseDescription } from './resources/testCase';
import { webhookDescription } from './resources/webhook';
import { webhookEventDescription } from './resources/webhookEvent';
import { toolDescriptionProperties } from './toolDescriptions';

/**
 * Debitura's Customer API as a declarative n8n node: each operation is routing on its option
 * (see `resources/`), with preSend functions that build and check requests and postReceive
 * functions that turn answers into output or into errors a person can act on. Case → Create,
 * Document → Upload and Message → Send are custom operations (below), which n8n's engine runs
 * instead of their routing; their routing serves callers that run routing alone (n8n's MCP Server
 * Trigger calls the node type's `execute`).
 */
export class Debitura implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Debitura',
		name: 'debitura',
		icon: { light: 'file:../../icons/debitura.svg', dark: 'file:../../icons/debitura.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Open debt collection cases, attach invoices and track case status with Debitura',
		defaults: { name: 'Debitura' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'debituraApi', required: true }],
		// No baseURL: requests give a path and the credential's authenticate sends it to the
		// credential's base URL (an expression here would be evaluated twice per item).
		requestDefaults: {
			headers: { Accept: 'application/json' },
		},
		properties: [
			// Shown only on the AI tool, first as n8n places its own tool description field.
			...toolDescriptionProperties,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				// Every operation's request goes out through sendToDebitura (transport.ts), the one hook
				// where n8n hands over the request with its answer: n8n calls the pagination function of any
				// request marked `paginate`, and the first `paginate` set wins, so nothing after this can
				// turn it off. Get Many operations set their own pagination, which sends each page the same way.
				routing: { send: { paginate: true }, operations: { pagination: sendToDebitura } },
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Case', value: 'case' },
					{ name: 'Coverage', value: 'coverage' },
					{ name: 'Division', value: 'division' },
					{ name: 'Document', value: 'document' },
					{ name: 'Message', value: 'message' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Quote', value: 'quote' },
					{ name: 'Quote Request', value: 'quoteRequest' },
					{ name: 'Task', value: 'task' },
					{ name: 'Team Member', value: 'teamMember' },
					{ name: 'Test Case', value: 'testCase' },
					{ name: 'Webhook', value: 'webhook' },
					{ name: 'Webhook Event', value: 'webhookEvent' },
				],
				default: 'case',
			},
			...accountDescription,
			...caseDescription,
			...coverageDescription,
			...divisionDescription,
			...documentDescription,
			...messageDescription,
			...paymentDescription,
			...quoteDescription,
			...quoteRequestDescription,
			...taskDescription,
			...teamMemberDescription,
			...testCaseDescription,
			...webhookDescription,
			...webhookEventDescription,
		],
	};

	methods = {
		listSearch: {
			searchCases,
			searchCollectionPartners,
			searchDivisions,
			searchTeamMembers,
			searchWebhooks,
		},
	};

	// Operations run by code instead of routing: Create Case where routing costs what users feel,
	// Upload and Send where each item must retry by itself without writing twice (see the files).
	customOperations = {
		case: { create: createCases },
		document: { upload: uploadDocuments },
		message: { send: sendMessages },
	};
}
