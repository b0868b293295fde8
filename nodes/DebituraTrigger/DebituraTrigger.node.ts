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
import { debituraRequest } from '../common/transport';
import { casesProperties } from '../common/triggerProperties';
import type { Case } from '../common/types';
import { markTaken, wasTaken } from './delivered';
import { acknowledgedEarlier } from './deliveryLog';
import { verifySignature } from './signature';
import {
	createSubscriptions,
	removeSubscriptions,
	storedSubscriptions,
	subscriptionsExist,
} from './subscriptions';

/** The envelope Debitura posts (docs: "CloudEvents-inspired"); `id` is the deduplication key. */
interface DebituraEvent {
	id: string;
	event: string;
	timestamp?: string;
	data?: IDataObject;
}

/** One answer for every refused signature: telling a sender why helps only a forger. */
const SIGNATURE_REFUSED = "The delivery is not signed by this trigger's Debitura subscription.";

function parseEvent(rawBody: Buffer): DebituraEvent | undefined {
	try {
		const parsed = JSON.parse(rawBody.toString('utf8')) as Partial<DebituraEvent>;
		if (typeof parsed?.id !== 'string' || parsed.id === '' || typeof parsed.event !== 'string')
			return undefined;
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
		description:
			'Starts the workflow the moment Debitura reports a new case, a lifecycle change, a closed case, a payment or a chat message',
		defaults: { name: 'Debitura Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'debituraApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
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
					{
						name: 'Case Closed',
						value: 'case.closed',
						description: 'A case was closed (its close code says why)',
					},
					{
						name: 'Case Created',
						value: 'case.created',
						description: 'A new collection case was opened',
					},
					{
						name: 'Case Lifecycle Changed',
						value: 'case.updated',
						description: 'A case moved to another lifecycle stage, e.g. to Active',
					},
					{
						name: 'Chat Message',
						value: 'chat.created',
						description: 'A chat message was posted on a case',
					},
					{
						name: 'Payment Deleted',
						value: 'payment.deleted',
						description: 'A recorded payment was reversed',
					},
					{
						name: 'Payment Received',
						value: 'payment.created',
						description: 'A payment was recorded on a case',
					},
				],
			},
			...casesProperties({
				reporting: 'test cases',
				description:
					"Which cases' events start the workflow. Test cases are those created with Test Mode on.",
				both: 'Two Debitura subscriptions, one for each',
			}),
			{
				displayName: 'Include Case Details',
				name: 'includeCaseDetails',
				type: 'boolean',
				default: false,
				description:
					'Whether to look the case up (one request per event) and add it as "case", so creditor reference, debtor and amounts are at hand for CRM and accounting nodes. If the lookup fails, the event still runs, with "case" empty and "caseLookupError" saying why.',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionsExist(
					this,
					webhookUrl(this),
					selectedEvents(this),
					this.getNodeParameter('cases', 'test') as string,
				);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscriptions(
					this,
					webhookUrl(this),
					selectedEvents(this),
					this.getNodeParameter('cases', 'test') as string,
				);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeSubscriptions(this, webhookUrl(this));
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		// Read only: a delivery's execution must not save static data, or it could roll back
		// subscriptions and secrets that a re-publish wrote while it ran (n8n's last save wins).
		const subscriptions = storedSubscriptions(this.getWorkflowStaticData('node'));

		// Only the raw bytes carry the signature: re-serialised JSON would not match.
		const rawBody = Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
		const verdict = verifySignature(
			request.headers['x-debitura-signature'],
			rawBody,
			subscriptions.map((s) => s.secret),
			Math.floor(Date.now() / 1000),
		);
		if (!verdict.ok) {
			// The sender learns nothing about why; the reason is for whoever reads n8n's log.
			this.logger.debug(`Debitura Trigger refused a delivery: signature ${verdict.reason}`, {
				workflowId: this.getWorkflow().id,
			});
			response.status(401).json({ error: SIGNATURE_REFUSED });
			return { noWebhookResponse: true };
		}
		const signedBy = subscriptions[verdict.matched];
		const event = parseEvent(rawBody as Buffer);
		if (!event) {
			response.status(400).json({ error: 'The body is not a Debitura event' });
			return { noWebhookResponse: true };
		}
		// Acknowledged, no execution: an event this trigger no longer asks for, or one it already took.
		const processKey = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
		if (!selectedEvents(this).includes(event.event) || wasTaken(processKey, event.id)) {
			return { webhookResponse: { received: true } };
		}
		// Taken before any await, so a copy arriving meanwhile in this process starts nothing.
		markTaken(processKey, event.id);
		const data = event.data ?? {};
		const isReplay = headerIs(request.headers['x-debitura-replay'], 'true');
		if (isReplay) {
			// A replay this process does not know: it may have run before a restart or in another
			// webhook process. Debitura's delivery log says whether an earlier attempt was acknowledged.
			// (The lookup never throws: an unreadable log is an answer too.)
			const log = await acknowledgedEarlier(this, event.id, data.caseId);
			if ('acknowledged' in log && log.acknowledged) return { webhookResponse: { received: true } };
			if ('unreadable' in log) {
				// Answering 5xx would count toward Debitura's 8 failures that disable the subscription;
				// running the replay can at worst repeat an event the user asked to be sent again.
				this.logger.warn(
					`Debitura Trigger runs replayed event ${event.id} without knowing whether it ran before: Debitura's delivery log could not be read (${log.unreadable}). The item carries isReplay: true.`,
					{ workflowId: this.getWorkflow().id, eventId: event.id },
				);
			}
		}
		const item: IDataObject = {
			id: event.id,
			event: event.event,
			timestamp: event.timestamp ?? null,
			// From what the signature vouches for: the subscription whose secret signed it (a test or a
			// live one) and the signed body. The X-Debitura-Test header is not signed, so anyone could add it.
			isTest: signedBy.isTestMode || data.isTest === true,
			isReplay,
			data,
		};
		if (
			this.getNodeParameter('includeCaseDetails', false) !== true ||
			typeof data.caseId !== 'string'
		) {
			// n8n answers this one itself, once it has stored the execution ("onReceived"): an event is
			// acknowledged only when a crash can no longer lose it, and an unanswered one is sent again.
			return { webhookResponse: { received: true }, workflowData: [[{ json: item }]] };
		}
		// The case lookup is slow work, and Debitura gives up after 10 s and sends the event again: it
		// is answered first. If n8n stops before it has stored the execution, this event is lost.
		response.status(200).json({ received: true });
		try {
			const baseURL = debituraBaseUrl(await this.getCredentials('debituraApi'));
			item.case = await debituraRequest<Case>(
				this,
				{ method: 'GET', baseURL, url: `/cases/${encodeURIComponent(data.caseId)}` },
				{
					action: 'look up the case of the event',
					lookup: `case ID "${data.caseId}"`,
				},
			);
		} catch (error) {
			// The event is acknowledged already; it runs without the case rather than not at all.
			item.case = null;
			item.caseLookupError = (error as Error).message;
		}
		return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
	}
}
