import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { N8nApp } from '../../../scripts/n8n/apps.cjs';
import { installPackageInto } from '../../../scripts/n8n/community-package.cjs';
import type { N8nInstance } from '../../../scripts/n8n/instance.cjs';
import { anyFreePorts } from '../../../scripts/n8n/ports.cjs';

export interface TestInstance {
	instance: N8nInstance;
	/** Deletes the temporary user folder (stop n8n first). */
	dispose(): void;
}

/**
 * A throw-away n8n installation: a temporary user folder holding the packed package, ports no other
 * n8n on the machine uses, and JSON debug logs, so tests can read the loader's messages and
 * `n8n execute` results as data.
 */
export async function createTestInstance(app: N8nApp): Promise<TestInstance> {
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-debitura-e2e-'));
	await installPackageInto(userFolder);
	const [port, brokerPort] = await anyFreePorts(2);
	return {
		instance: {
			app,
			userFolder,
			port,
			brokerPort,
			encryptionKey: randomBytes(16).toString('hex'),
			logLevel: 'debug',
			logFormat: 'json',
		},
		dispose: () => rmSync(userFolder, { recursive: true, force: true }),
	};
}
