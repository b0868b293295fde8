import type {
	IDataObject,
	IHookFunctions,
	IN8nHttpFullResponse,
	NodeOperationError,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { debituraBaseUrl } from '../../credentials/DebituraApi.credentials';
import { apiError, asErrorBody, nodeError } from '../common/errors';
import { debituraRequest, sendRaw, waitOutRateLimits } from '../common/transport';
import { OLD_STATIC_KEY } from './delivered';
import { checkReachable, isLoopbackApi } from './reachability';

/**
 * The trigger's Debitura subscriptions. A subscription is either for test cases or for live
 * cases (`isTestMode`), so "Both" means two, each with its own secret. The id and the secret
 * (which Debitura shows only once, at creation) are kept in the node's static data, written only
 * here (activation, re-check, deactivation); deliveries only read them.
 *
 * Debitura never reveals a secret again, so a subscription for this workflow's URL that the node
 * has no record of cannot be used: every activation lists the account's subscriptions and
 * removes such strays. A delete that fails is retried, then reported in n8n's log and kept on
 * record (`pendingRemoval`) for the next activation or deactivation.
 */

interface AccountMarker {
	/** The credential's API base URL, without a trailing slash. */
	baseUrl: string;
	/** The creditor `GET /me` names. Neither is secret; together they tell accounts apart. */
	creditorId: string;
}

interface StoredSubscription {
	id: string;
	/** Base64, exactly as Debitura returned it. */
	secret: string;
	url: string;
	isTestMode: boolean;
	events: string[];
	/** The account that holds it; absent from some saved records, which are then taken to be the current credential's. */
	account?: AccountMarker;
}

/** A subscription that should be gone but whose delete failed: no secret is kept for it. */
interface PendingRemoval {
	id: string;
	url: string;
	account?: AccountMarker;
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
const PENDING_KEY = 'pendingRemoval';

/** Bytes an HMAC-SHA256 key needs to be as strong as the hash; Debitura's secrets have 32. */
const MIN_SECRET_BYTES = 32;

/** Attempts per delete, and the waits between them. */
const DELETE_WAITS_MS = [0, 250, 1000];

export function storedSubscriptions(staticData: IDataObject): StoredSubscription[] {
	return Array.isArray(staticData[STATIC_KEY])
		? (staticData[STATIC_KEY] as unknown as StoredSubscription[])
		: [];
}

function pendingRemovals(staticData: IDataObject): PendingRemoval[] {
	return Array.isArray(staticData[PENDING_KEY])
		? (staticData[PENDING_KEY] as unknown as PendingRemoval[])
		: [];
}

function store(
	staticData: IDataObject,
	subscriptions: StoredSubscription[],
	pending: PendingRemoval[],
): void {
	staticData[STATIC_KEY] = subscriptions as unknown as IDataObject[];
	if (pending.length > 0) staticData[PENDING_KEY] = pending as unknown as IDataObject[];
	else delete staticData[PENDING_KEY];
	// Saved data may still carry delivered ids under this key; deliveries do not write static data.
	if (OLD_STATIC_KEY in staticData) delete staticData[OLD_STATIC_KEY];
}

function modesFor(cases: string): boolean[] {
	if (cases === 'live') return [false];
	if (cases === 'both') return [true, false];
	return [true];
}

function sameEvents(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

function sameAccount(a: AccountMarker, b: AccountMarker): boolean {
	return a.baseUrl === b.baseUrl && a.creditorId.toLowerCase() === b.creditorId.toLowerCase();
}

/** Bytes of a base64 secret as Debitura writes it; undefined when it is not base64 at all. */
function secretBytes(secret: string): number | undefined {
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(secret) || secret.length % 4 !== 0) return undefined;
	return Buffer.from(secret, 'base64').length;
}

function sameId(a: string, b: string): boolean {
	return a.toLowerCase() === b.toLowerCase();
}

/** Which account the credential reaches now. */
async function currentAccount(context: IHookFunctions): Promise<AccountMarker> {
	const baseUrl = debituraBaseUrl(await context.getCredentials('debituraApi')).replace(/\/+$/, '');
	const me = await debituraRequest<{ id?: string | null }>(
		context,
		{ method: 'GET', baseURL: baseUrl, url: '/me' },
		{
			action: 'check which Debitura account the credential belongs to',
		},
	);
	return { baseUrl, creditorId: typeof me.id === 'string' ? me.id : '' };
}

async function listRemote(context: IHookFunctions, baseURL: string): Promise<WebhookDto[]> {
	return await debituraRequest<WebhookDto[]>(
		context,
		{ method: 'GET', baseURL, url: '/webhooks' },
		{
			action: 'list the Debitura webhook subscriptions',
		},
		undefined,
		'list',
	);
}

type Removal = { gone: true; notFound: boolean } | { gone: false; why: string };

/** Deletes one subscription, retrying; gone on 204, or on 404 (deleted already, or another account's). */
async function removeOne(context: IHookFunctions, baseURL: string, id: string): Promise<Removal> {
	let why = '';
	for (const wait of DELETE_WAITS_MS) {
		if (wait > 0) await sleep(wait);
		let response: IN8nHttpFullResponse;
		try {
			({ response } = await waitOutRateLimits(
				async () =>
					await sendRaw(context, {
						method: 'DELETE',
						baseURL,
						url: `/webhooks/${encodeURIComponent(id)}`,
					}),
			));
		} catch (error) {
			why = (error as Error).message;
			continue;
		}
		if (response.statusCode === 404) return { gone: true, notFound: true };
		if (response.statusCode < 300) return { gone: true, notFound: false };
		why = `Debitura answered ${response.statusCode}`;
	}
	return { gone: false, why };
}

function workflowLabel(context: IHookFunctions): string {
	const workflow = context.getWorkflow();
	return `workflow "${workflow.name ?? workflow.id ?? ''}" (node "${context.getNode().name}")`;
}

function reportFailedRemoval(
	context: IHookFunctions,
	subscription: PendingRemoval,
	why: string,
): void {
	context.logger.warn(
		`Debitura Trigger in ${workflowLabel(context)}: could not delete Debitura webhook subscription ${subscription.id} ` +
			`for ${subscription.url} (${why}), after ${DELETE_WAITS_MS.length} attempts. It stays on record and is deleted at the ` +
			'next activation or deactivation of the workflow. Until then Debitura keeps sending events to it; what this ' +
			'workflow does not accept there (n8n answers 404 while it is inactive, the trigger 401 for a subscription it no ' +
			'longer uses) counts as failed, and Debitura disables the subscription after 8 failed deliveries. To remove it ' +
			`now, delete it with this account's API key: DELETE /webhooks/${subscription.id}.`,
		{ workflowId: context.getWorkflow().id, subscriptionId: subscription.id },
	);
}

function reportOtherAccount(
	context: IHookFunctions,
	subscription: PendingRemoval,
	now: AccountMarker,
): void {
	const before = subscription.account!;
	context.logger.warn(
		`Debitura Trigger in ${workflowLabel(context)}: the credential now reaches another Debitura account (creditor ` +
			`${now.creditorId} at ${now.baseUrl}) than the one holding webhook subscription ${subscription.id} (creditor ` +
			`${before.creditorId} at ${before.baseUrl}), and the new key cannot delete it, so the node forgets it. Delete it ` +
			`with the previous account's API key (DELETE /webhooks/${subscription.id}); otherwise that account keeps sending ` +
			'its events to this workflow, this node refuses them (401), and Debitura disables the subscription after 8 ' +
			'failed deliveries.',
		{ workflowId: context.getWorkflow().id, subscriptionId: subscription.id },
	);
}

/**
 * Deletes each of `doomed`; returns those still to delete. A 404 for a subscription recorded
 * under another account means the new key cannot see it: reported and forgotten.
 */
async function removeAll(
	context: IHookFunctions,
	baseURL: string,
	account: AccountMarker,
	doomed: PendingRemoval[],
): Promise<PendingRemoval[]> {
	const left: PendingRemoval[] = [];
	for (const subscription of doomed) {
		const removal = await removeOne(context, baseURL, subscription.id);
		const elsewhere =
			subscription.account !== undefined && !sameAccount(subscription.account, account);
		if (removal.gone) {
			if (removal.notFound && elsewhere) reportOtherAccount(context, subscription, account);
			continue;
		}
		if (elsewhere) {
			reportOtherAccount(context, subscription, account);
			continue;
		}
		reportFailedRemoval(context, subscription, removal.why);
		left.push({ ...subscription, account: subscription.account ?? account });
	}
	return left;
}

function asPending(subscription: StoredSubscription): PendingRemoval {
	return {
		id: subscription.id,
		url: subscription.url,
		...(subscription.account ? { account: subscription.account } : {}),
	};
}

/** This URL's subscriptions at Debitura that the node does not hold, plus its pending removals. */
function strays(
	remote: WebhookDto[],
	url: string,
	known: StoredSubscription[],
	pending: PendingRemoval[],
	account: AccountMarker,
): PendingRemoval[] {
	const found: PendingRemoval[] = remote
		.filter((r) => r.url === url && !known.some((k) => sameId(k.id, r.id)))
		.map((r) => ({ id: r.id, url, account }));
	for (const entry of pending.filter((p) => p.url === url)) {
		const elsewhere = entry.account !== undefined && !sameAccount(entry.account, account);
		// Pending in this account but no longer listed: someone deleted it already.
		if (!elsewhere && !remote.some((r) => sameId(r.id, entry.id))) continue;
		if (!found.some((f) => sameId(f.id, entry.id))) found.push(entry);
	}
	return found;
}

/**
 * n8n's checkExists: true only when every wanted subscription (test, live or both) exists in the
 * credential's account, is active and matches this URL, the events and the mode. Strays for the
 * URL are removed either way; when the answer is false, what is left of the node's own is
 * removed too and n8n calls create.
 */
export async function subscriptionsExist(
	context: IHookFunctions,
	url: string,
	events: string[],
	cases: string,
): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const all = storedSubscriptions(staticData);
	let mine = all.filter((s) => s.url === url);
	const pending = pendingRemovals(staticData);
	if (mine.length === 0 && !pending.some((p) => p.url === url)) return false;

	const account = await currentAccount(context);
	const baseURL = account.baseUrl;
	const others = all.filter((s) => s.url !== url);
	const otherPending = pending.filter((p) => p.url !== url);

	// Recorded under another account: the new key cannot use them (their secrets sign nothing it receives).
	const switched = mine.filter((s) => s.account !== undefined && !sameAccount(s.account, account));
	mine = mine.filter((s) => !switched.includes(s));
	let left = await removeAll(context, baseURL, account, switched.map(asPending));

	const remote = await listRemote(context, baseURL);
	left = [
		...left,
		...(await removeAll(context, baseURL, account, strays(remote, url, mine, pending, account))),
	];

	const wanted = modesFor(cases);
	const intact =
		mine.length === wanted.length &&
		wanted.every((mode) => mine.some((s) => s.isTestMode === mode)) &&
		mine.every((s) => {
			const r = remote.find((candidate) => sameId(candidate.id, s.id));
			return (
				r !== undefined &&
				r.isActive === true &&
				r.url === s.url &&
				r.isTestMode === s.isTestMode &&
				sameEvents(r.events ?? [], events)
			);
		});
	if (intact) {
		store(
			staticData,
			[...others, ...mine.map((s) => ({ ...s, account }))],
			[...otherPending, ...left],
		);
		return true;
	}
	// Those Debitura no longer lists are gone already.
	const listed = mine.filter((s) => remote.some((r) => sameId(r.id, s.id)));
	left = [
		...left,
		...(await removeAll(
			context,
			baseURL,
			account,
			listed.map((s) => ({ ...asPending(s), account: s.account ?? account })),
		)),
	];
	store(staticData, others, [...otherPending, ...left]);
	return false;
}

function unreachable(context: IHookFunctions, url: string, problem: string): NodeOperationError {
	return nodeError(
		context,
		`Debitura cannot deliver webhooks to this n8n: ${problem}`,
		`n8n's webhook URL for this trigger is ${url}. Debitura only calls public HTTPS addresses on port 443 or 8443 ` +
			'and refuses local and private addresses. Set the WEBHOOK_URL environment variable of n8n to the public HTTPS ' +
			'address that reaches this instance (for example https://n8n.example.com/) and activate again — or, if n8n ' +
			'cannot be reached from the internet, use the Debitura Payment Trigger, which polls Debitura and needs no ' +
			'incoming connection.',
	);
}

function weakSecret(
	context: IHookFunctions,
	bytes: number | undefined,
	notRemoved: PendingRemoval[],
): NodeOperationError {
	const leftover = notRemoved.length
		? ` The subscription${notRemoved.length > 1 ? 's' : ''} ${notRemoved.map((s) => s.id).join(', ')} could not be deleted again; ` +
			`the next activation deletes ${notRemoved.length > 1 ? 'them' : 'it'}, or delete ${notRemoved.length > 1 ? 'them' : 'it'} now with ` +
			"this account's API key (DELETE /webhooks/{id})."
		: '';
	const what =
		bytes === undefined
			? 'a webhook secret that is not base64'
			: `a webhook secret of ${bytes} bytes, too short to check deliveries safely`;
	return nodeError(
		context,
		`Debitura returned ${what}`,
		`Debitura signs every delivery with the subscription's secret, and a secret of fewer than ${MIN_SECRET_BYTES} bytes ` +
			'could be guessed, letting anyone send this workflow events. The trigger deleted the subscription again and did ' +
			'not activate. Activate again later; if Debitura keeps returning short secrets, contact Debitura support.' +
			leftover,
	);
}

/**
 * n8n's create: removes every subscription for this URL the node does not hold, then one
 * subscription per wanted mode. If one cannot be created, or comes with a weak secret, those
 * created here are removed again and activation fails.
 */
export async function createSubscriptions(
	context: IHookFunctions,
	url: string,
	events: string[],
	cases: string,
): Promise<boolean> {
	const credentials = await context.getCredentials('debituraApi');
	if (!isLoopbackApi(debituraBaseUrl(credentials))) {
		const reachable = checkReachable(url);
		if (!reachable.ok) throw unreachable(context, url, reachable.problem);
	}
	const account = await currentAccount(context);
	const baseURL = account.baseUrl;
	const staticData = context.getWorkflowStaticData('node');
	const others = storedSubscriptions(staticData).filter((s) => s.url !== url);
	const pending = pendingRemovals(staticData);
	const otherPending = pending.filter((p) => p.url !== url);

	const remote = await listRemote(context, baseURL);
	const left = await removeAll(
		context,
		baseURL,
		account,
		strays(remote, url, [], pending, account),
	);

	const created: StoredSubscription[] = [];
	const undo = async () => await removeAll(context, baseURL, account, created.map(asPending));
	for (const isTestMode of modesFor(cases)) {
		const response = await sendRaw(context, {
			method: 'POST',
			baseURL,
			url: '/webhooks',
			body: { url, events, isTestMode },
			json: true,
		});
		const body = response.body as WebhookDto;
		if (
			response.statusCode >= 400 ||
			typeof body?.id !== 'string' ||
			typeof body.secret !== 'string'
		) {
			if (response.statusCode < 400 && typeof body?.id === 'string')
				created.push({ id: body.id, secret: '', url, isTestMode, events, account });
			await undo();
			if (response.statusCode === 400 || response.statusCode === 422) {
				const said = asErrorBody(response.body);
				throw unreachable(
					context,
					url,
					`Debitura refused the subscription (${said.message ?? said.error ?? response.statusCode})`,
				);
			}
			if (response.statusCode < 400) {
				throw nodeError(
					context,
					'Debitura created the webhook subscription but returned no id or secret',
					'The trigger deleted the subscription again and did not activate. Activate again later.',
				);
			}
			throw apiError(context, response, { action: 'subscribe to Debitura webhooks' });
		}
		created.push({
			id: body.id,
			secret: body.secret,
			url,
			isTestMode,
			events: [...events],
			account,
		});
		const bytes = secretBytes(body.secret);
		if (bytes === undefined || bytes < MIN_SECRET_BYTES)
			throw weakSecret(context, bytes, await undo());
	}
	store(staticData, [...others, ...created], [...otherPending, ...left]);
	return true;
}

/**
 * n8n's delete: removes this URL's subscriptions (and pending removals). n8n ignores the answer,
 * so a subscription that cannot be deleted now is reported in n8n's log and stays on record:
 * the next activation re-checks it (and reuses it if intact) instead of leaking it.
 */
export async function removeSubscriptions(context: IHookFunctions, url: string): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const all = storedSubscriptions(staticData);
	const mine = all.filter((s) => s.url === url);
	const pending = pendingRemovals(staticData);
	const minePending = pending.filter((p) => p.url === url);
	if (mine.length === 0 && minePending.length === 0) return true;
	const account = await currentAccount(context);
	const left = await removeAll(context, account.baseUrl, account, [
		...mine.map(asPending),
		...minePending,
	]);
	const kept = mine.filter((s) => left.some((l) => sameId(l.id, s.id)));
	const stillPending = left.filter((l) => !kept.some((s) => sameId(s.id, l.id)));
	store(
		staticData,
		[...all.filter((s) => s.url !== url), ...kept],
		[...pending.filter((p) => p.url !== url), ...stillPending],
	);
	return left.length === 0;
}
