import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { debituraBaseUrl } from '../../credentials/DebituraApi.credentials';
import { debituraRequest } from '../shared/transport';
import { casesProperties } from '../shared/trigger-properties';
import type { Case } from '../shared/types';
import { forgetDelivered, markDelivered, wasDelivered } from './delivered';
import { verifySignature } from './signature';
import { createSubscriptions, removeSubscriptions, storedSubscriptions, subscriptionsExist } from './subscriptions';

/** The envelope Debitura posts (docs: "CloudEvents-inspired"); `id` is the deduplication key. */
interface DebituraEvent {
	id: string;
	event: string;
	timestamp?: string;
	data?: IDataObject;
}

function parseEvent(rawBody: Buffer): DebituraEvent | undefined {
	try {
		const parsed = JSON.parse(rawBody.toString('utf8')) as Partial<DebituraEvent>;
		if (typeof parsed?.id !== 'string' || parsed.id === '' || typeof parsed.event !== 'string') return undefined;
		return parsed as DebituraEvent;
	} catch {
		return undefined;
	}
}

function headerIs(value: string | string[] | undefined, expected: string): boolean {
	return typeof value === 'string' && value.trim().toLowerCase() === expected;
}

function webhookUrl(context: IHookFunctions): string {
	return context.getNodeWebhookUrl('default') as string;
}

function selectedEvents(context: IHookFunctions | IWebhookFunctions): string[] {
	return context.getNodeParameter('events', []) as string[];
}

export class DebituraTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Debitura Trigger',
		name: 'debituraTrigger',
		icon: { light: 'file:../../icons/debitura.svg', dark: 'file:../../icons/debitura.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow the moment Debitura reports a new case, a lifecycle change, a closed case, a payment or a chat message',
		defaults: { name: 'Debitura Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'debituraApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Debitura must be able to reach this n8n over public HTTPS (port 443 or 8443). If it cannot, use the Debitura Payment Trigger, which polls instead.',
				name: 'reachNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['payment.created'],
				description: 'The Debitura events that start the workflow',
				options: [
					{ name: 'Case Closed', value: 'case.closed', description: 'A case was closed (its close code says why)' },
					{ name: 'Case Created', value: 'case.created', description: 'A new collection case was opened' },
					{ name: 'Case Lifecycle Changed', value: 'case.updated', description: 'A case moved to another lifecycle stage, e.g. to Active' },
					{ name: 'Chat Message', value: 'chat.created', description: 'A chat message was posted on a case' },
					{ name: 'Payment Deleted', value: 'payment.deleted', description: 'A recorded payment was reversed' },
					{ name: 'Payment Received', value: 'payment.created', description: 'A payment was recorded on a case' },
				],
			},
			...casesProperties({
				reporting: 'test cases',
				description: 'Which cases\' events start the workflow. Test cases are those created with Test Mode on.',
				both: 'Two Debitura subscriptions, one for each',
			}),
			{
				displayName: 'Include Case Details',
				name: 'includeCaseDetails',
				type: 'boolean',
				default: false,
				description:
					'Whether to look the case up (one request per event) and add it as "case", so creditor reference, debtor and amounts are at hand for CRM and accounting nodes',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionsExist(this, webhookUrl(this), selectedEvents(this), this.getNodeParameter('cases', 'test') as string);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscriptions(this, webhookUrl(this), selectedEvents(this), this.getNodeParameter('cases', 'test') as string);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeSubscriptions(this, webhookUrl(this));
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const staticData = this.getWorkflowStaticData('node');

		// Only the raw bytes carry the signature: re-serialised JSON would not match.
		const rawBody = Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
		const secrets = storedSubscriptions(staticData).map((s) => s.secret);
		const verdict = verifySignature(request.headers['x-debitura-signature'], rawBody, secrets, Math.floor(Date.now() / 1000));
		if (!verdict.ok) {
			response.status(401).json({ error: `Signature check failed (${verdict.reason})` });
			return { noWebhookResponse: true };
		}
		const event = parseEvent(rawBody as Buffer);
		if (!event) {
			response.status(400).json({ error: 'The body is not a Debitura event' });
			return { noWebhookResponse: true };
		}
		// Acknowledged, no execution: an event this trigger no longer asks for, or one it already took.
		const processKey = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
		if (!selectedEvents(this).includes(event.event) || wasDelivered(staticData, processKey, event.id)) {
			return { webhookResponse: { received: true } };
		}
		markDelivered(staticData, processKey, event.id);

		const data = event.data ?? {};
		const item: IDataObject = {
			id: event.id,
			event: event.event,
			timestamp: event.timestamp ?? null,
			isTest: headerIs(request.headers['x-debitura-test'], 'true') || data.isTest === true,
			isReplay: headerIs(request.headers['x-debitura-replay'], 'true'),
			data,
		};
		if (this.getNodeParameter('includeCaseDetails', false) === true && typeof data.caseId === 'string') {
			let found = false;
			try {
				const baseURL = debituraBaseUrl(await this.getCredentials('debituraApi'));
				item.case = await debituraRequest<Case>(this, { method: 'GET', baseURL, url: `/cases/${encodeURIComponent(data.caseId)}` }, {
					action: 'look up the case of the event',
					lookup: `case ID "${data.caseId}"`,
				});
				found = true;
			} finally {
				// A failed lookup answers 500, so Debitura delivers the event again; that delivery must be taken.
				if (!found) forgetDelivered(staticData, processKey, event.id);
			}
		}
		return { workflowData: [[{ json: item }]] };
	}
}
