import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { debituraBaseUrl } from '../../credentials/DebituraApi.credentials';
import { asErrorBody } from '../shared/errors';
import { apiError, sendRaw } from '../shared/transport';
import { checkReachable, isLoopbackApi } from './reachability';

/**
 * The trigger's Debitura subscriptions. A subscription is either for test cases or for live
 * cases (`isTestMode`), so "Both" means two, each with its own secret. The id and the secret
 * (which Debitura shows only once, at creation) are kept in the node's static data.
 */

export interface StoredSubscription {
	id: string;
	/** Base64, exactly as Debitura returned it. */
	secret: string;
	url: string;
	isTestMode: boolean;
	events: string[];
}

interface WebhookDto {
	id: string;
	url?: string | null;
	events?: string[] | null;
	isActive?: boolean;
	isTestMode?: boolean;
	secret?: string | null;
	disabledReason?: string | null;
}

const STATIC_KEY = 'subscriptions';

export function storedSubscriptions(staticData: IDataObject): StoredSubscription[] {
	return Array.isArray(staticData[STATIC_KEY]) ? (staticData[STATIC_KEY] as unknown as StoredSubscription[]) : [];
}

function store(staticData: IDataObject, subscriptions: StoredSubscription[]): void {
	staticData[STATIC_KEY] = subscriptions as unknown as IDataObject[];
}

export function modesFor(cases: string): boolean[] {
	if (cases === 'live') return [false];
	if (cases === 'both') return [true, false];
	return [true];
}

function sameEvents(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

async function apiBase(context: IHookFunctions): Promise<string> {
	return debituraBaseUrl(await context.getCredentials('debituraApi'));
}

/** Does Debitura still hold exactly this subscription, active? 404 means it is gone. */
async function isIntact(context: IHookFunctions, baseURL: string, stored: StoredSubscription, events: string[]): Promise<boolean> {
	const response = await sendRaw(context, { method: 'GET', baseURL, url: `/webhooks/${encodeURIComponent(stored.id)}` });
	if (response.statusCode === 404) return false;
	if (response.statusCode >= 400) throw apiError(context, response, { action: 'check the Debitura webhook subscription' });
	const remote = response.body as WebhookDto;
	return remote.isActive === true && remote.url === stored.url && remote.isTestMode === stored.isTestMode && sameEvents(remote.events ?? [], events);
}

/** Deletes one subscription; true when it is gone (204, or 404: someone deleted it already). */
async function remove(context: IHookFunctions, baseURL: string, id: string): Promise<boolean> {
	const response = await sendRaw(context, { method: 'DELETE', baseURL, url: `/webhooks/${encodeURIComponent(id)}` });
	return response.statusCode < 300 || response.statusCode === 404;
}

/**
 * n8n's checkExists: true only when every wanted subscription (test, live or both) exists, is
 * active and matches this URL, the events and the mode. Otherwise what is left is deleted and
 * n8n calls create.
 */
export async function subscriptionsExist(context: IHookFunctions, url: string, events: string[], cases: string): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const mine = storedSubscriptions(staticData).filter((s) => s.url === url);
	if (mine.length === 0) return false;
	const baseURL = await apiBase(context);
	const wanted = modesFor(cases);
	let intact = mine.length === wanted.length && wanted.every((mode) => mine.some((s) => s.isTestMode === mode));
	for (const stored of mine) {
		if (intact && !(await isIntact(context, baseURL, stored, events))) intact = false;
	}
	if (intact) return true;
	await removeSubscriptions(context, url);
	return false;
}

function unreachable(context: IHookFunctions, url: string, problem: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Debitura cannot deliver webhooks to this n8n: ${problem}`, {
		description:
			`n8n's webhook URL for this trigger is ${url}. Debitura only calls public HTTPS addresses on port 443 or 8443 ` +
			'and refuses local and private addresses. Set the WEBHOOK_URL environment variable of n8n to the public HTTPS ' +
			'address that reaches this instance (for example https://n8n.example.com/) and activate again — or, if n8n ' +
			'cannot be reached from the internet, use the Debitura Payment Trigger, which polls Debitura and needs no ' +
			'incoming connection.',
	});
}

/** n8n's create: one subscription per wanted mode; if one fails, the others are removed again. */
export async function createSubscriptions(context: IHookFunctions, url: string, events: string[], cases: string): Promise<boolean> {
	const baseURL = await apiBase(context);
	if (!isLoopbackApi(baseURL)) {
		const reachable = checkReachable(url);
		if (!reachable.ok) throw unreachable(context, url, reachable.problem);
	}
	const staticData = context.getWorkflowStaticData('node');
	const created: StoredSubscription[] = [];
	for (const isTestMode of modesFor(cases)) {
		const response = await sendRaw(context, { method: 'POST', baseURL, url: '/webhooks', body: { url, events, isTestMode }, json: true });
		const body = response.body as WebhookDto;
		if (response.statusCode >= 400 || typeof body?.id !== 'string' || typeof body.secret !== 'string') {
			for (const done of created) await remove(context, baseURL, done.id);
			if (response.statusCode === 400 || response.statusCode === 422) {
				const said = asErrorBody(response.body);
				throw unreachable(context, url, `Debitura refused the subscription (${said.message ?? said.error ?? response.statusCode})`);
			}
			if (response.statusCode < 400) {
				throw new NodeOperationError(context.getNode(), 'Debitura created the webhook subscription but returned no id or secret');
			}
			throw apiError(context, response, { action: 'subscribe to Debitura webhooks' });
		}
		created.push({ id: body.id, secret: body.secret, url, isTestMode, events: [...events] });
	}
	store(staticData, [...storedSubscriptions(staticData).filter((s) => s.url !== url), ...created]);
	return true;
}

/**
 * n8n's delete: removes this URL's subscriptions. One that cannot be deleted now stays in the
 * static data, so the next activation checks (and reuses or removes) it instead of leaking it.
 */
export async function removeSubscriptions(context: IHookFunctions, url: string): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const all = storedSubscriptions(staticData);
	const mine = all.filter((s) => s.url === url);
	if (mine.length === 0) return true;
	const baseURL = await apiBase(context);
	const kept: StoredSubscription[] = [];
	for (const stored of mine) {
		if (!(await remove(context, baseURL, stored.id))) kept.push(stored);
	}
	store(staticData, [...all.filter((s) => s.url !== url), ...kept]);
	return kept.length === 0;
}
