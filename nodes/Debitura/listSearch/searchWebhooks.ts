import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { debituraBaseUrlFor, debituraRequest } from '../../common/transport';

interface WebhookSummary {
	id: string;
	url?: string | null;
	events?: string[] | null;
	isActive?: boolean;
	isTestMode?: boolean;
}

/** "From List" for the Webhook field: every subscription (Debitura lists them in one answer), filtered on URL and events. */
export async function searchWebhooks(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const baseURL = await debituraBaseUrlFor(this);
	const list = await debituraRequest<WebhookSummary[]>(
		this,
		{ method: 'GET', baseURL, url: '/webhooks' },
		{ action: 'list webhook subscriptions' },
	);
	const needle = filter?.trim().toLowerCase();
	const results = (Array.isArray(list) ? list : [])
		.filter(
			(item) =>
				!needle ||
				[item.url, ...(item.events ?? [])].some((value) => value?.toLowerCase().includes(needle)),
		)
		.map((item) => ({
			name: [
				item.url,
				(item.events ?? []).join(', '),
				item.isTestMode ? '(test)' : '',
				item.isActive === false ? '(disabled)' : '',
			]
				.filter(Boolean)
				.join(' · '),
			value: item.id,
		}));
	return { results };
}
