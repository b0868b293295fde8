import type { N8nApp } from '../../../../scripts/n8n/apps.cjs';
import { localOwner } from '../../../../scripts/n8n/local-owner.cjs';
import { PACKAGE_NODE_TYPES } from '../../../../scripts/n8n/repo.cjs';
import { generateOwnerPassword } from '../../../../scripts/n8n/local-secrets.cjs';
import { N8nRestSession } from '../../../../scripts/n8n/rest-session.cjs';
import {
	SANDBOX_CREDENTIAL,
	sandboxCredentialData,
} from '../../../../scripts/n8n/sandbox-credential.cjs';
import { startN8n, type RunningN8n } from '../../../../scripts/n8n/server.cjs';
import { startSandbox, type Sandbox } from '../../../../sandbox/index.cjs';
import { parseJsonLogs } from '../json-logs.cjs';
import { importSandboxCredential } from '../sandbox-credential-import.cjs';
import { createTestInstance, type TestInstance } from '../test-instance.cjs';

/**
 * The packed package inside a running `n8n start`: n8n loads it as a community package without a
 * loader error, serves its node and credential types to the editor, and the credential's own test
 * (the editor's "Test" button) tells a good API key from a bad one.
 */
export function packageInN8nScenario(app: N8nApp): void {
	describe(`the packed package in ${app.label}`, () => {
		let sandbox: Sandbox;
		let test: TestInstance;
		let n8n: RunningN8n;
		let session: N8nRestSession;

		beforeAll(async () => {
			sandbox = await startSandbox();
			test = await createTestInstance(app);
			await importSandboxCredential(test.instance, sandbox);
			n8n = startN8n(test.instance);
			await n8n.ready;
			session = new N8nRestSession(n8n.url);
			const owner = localOwner(generateOwnerPassword());
			expect(await session.setupOwner(owner)).toBe(true);
			await session.login(owner);
		});

		afterAll(async () => {
			await n8n?.stop();
			await sandbox?.close();
			test?.dispose();
		});

		it('loads the package from .n8n/nodes without loader errors', () => {
			const logs = parseJsonLogs(n8n.logs);
			const loaded = logs.find(
				(entry) => entry.message === 'Loaded all credentials and nodes from n8n-nodes-debitura',
			);
			expect(loaded?.metadata).toMatchObject({ nodes: PACKAGE_NODE_TYPES.length, credentials: 1 });
			const complaints = logs.filter(
				(entry) =>
					['error', 'warn'].includes(entry.level) &&
					/debitura/i.test(`${entry.message} ${JSON.stringify(entry.metadata ?? {})}`),
			);
			expect(complaints).toEqual([]);
		});

		it('offers the Debitura node types and credential type to the editor', async () => {
			const nodeTypes = await session.call<Array<{ name: string }>>('GET', '/types/nodes.json');
			const credentialTypes = await session.call<Array<{ name: string }>>(
				'GET',
				'/types/credentials.json',
			);
			expect(nodeTypes.status).toBe(200);
			expect(nodeTypes.body.map((type) => type.name)).toEqual(
				expect.arrayContaining(PACKAGE_NODE_TYPES),
			);
			expect(credentialTypes.body.map((type) => type.name)).toContain('debituraApi');
		});

		it('tests the credential over REST: OK with the sandbox key, an error with a wrong one', async () => {
			const credential = {
				id: SANDBOX_CREDENTIAL.id,
				name: SANDBOX_CREDENTIAL.name,
				type: SANDBOX_CREDENTIAL.type,
			};

			const good = await session.testCredential({
				...credential,
				data: sandboxCredentialData(sandbox.url, sandbox.apiKey),
			});
			expect(good.status).toBe('OK');

			const bad = await session.testCredential({
				...credential,
				data: sandboxCredentialData(sandbox.url, 'not-the-key'),
			});
			expect(bad.status).toBe('Error');

			// Both answers came from the sandbox, asked with the key each test carried.
			const keysSentToMe = sandbox.requests
				.filter((request) => request.path === '/me')
				.map((request) => request.headers.xapikey);
			expect(keysSentToMe).toEqual(expect.arrayContaining([sandbox.apiKey, 'not-the-key']));
		});
	});
}
