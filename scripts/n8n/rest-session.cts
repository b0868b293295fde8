import { randomUUID } from 'node:crypto';

/**
 * A logged-in conversation with n8n's internal REST API, as the editor has it: n8n ties the auth
 * cookie to the `browser-id` header it was issued with, so one session sends the same id throughout.
 */
export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface RestAnswer<T = unknown> {
	status: number;
	body: T;
}

export class N8nRestSession {
	private readonly browserId = randomUUID();

	private cookie = '';

	constructor(readonly baseUrl: string) {}

	/** A call to the REST API: `path` is below /rest. */
	request<T = unknown>(method: string, path: string, body?: unknown): Promise<RestAnswer<T>> {
		return this.call<T>(method, `/rest${path}`, body);
	}

	/** Any path of the server as this session, e.g. the editor's /types/nodes.json. */
	async call<T = unknown>(method: string, path: string, body?: unknown): Promise<RestAnswer<T>> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const auth = response.headers.getSetCookie().find((line) => line.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// Not JSON (e.g. an HTML error page): keep the text for the error message.
		}
		return { status: response.status, body: parsed as T };
	}

	/** Creates the instance owner; false when an owner exists already (a reused user folder). */
	async setupOwner(owner: Owner): Promise<boolean> {
		const answer = await this.request('POST', '/owner/setup', owner);
		if (answer.status === 200) return true;
		if (answer.status === 400 && JSON.stringify(answer.body).toLowerCase().includes('already'))
			return false;
		throw new Error(`Owner setup failed with ${answer.status}: ${JSON.stringify(answer.body)}`);
	}

	async login(owner: Pick<Owner, 'email' | 'password'>): Promise<void> {
		const answer = await this.request('POST', '/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
		if (answer.status !== 200)
			throw new Error(
				`Login as ${owner.email} failed with ${answer.status}: ${JSON.stringify(answer.body)}`,
			);
	}

	/**
	 * n8n's "Test" button on a saved credential: `{ status: 'OK' | 'Error', message }`. n8n tests only
	 * credentials the user can read, with the given `data` taking the place of what is stored.
	 */
	async testCredential(credential: {
		id: string;
		name: string;
		type: string;
		data: Record<string, unknown>;
	}) {
		const answer = await this.request<{ data?: { status: string; message?: string } }>(
			'POST',
			'/credentials/test',
			{
				credentials: credential,
			},
		);
		if (answer.status !== 200 || !answer.body.data) {
			throw new Error(
				`Credential test request failed with ${answer.status}: ${JSON.stringify(answer.body)}`,
			);
		}
		return answer.body.data;
	}
}
