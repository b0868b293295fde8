/** The pieces most node tests share: a sandbox per test file and a credential pointing at it. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.cjs';

export interface SandboxFixture {
	sandbox: Sandbox;
	credentials: ICredentialDataDecryptedObject;
}

/** Starts a fresh sandbox for the file, resets it before each test and closes it at the end. */
export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
	const fixture = {} as SandboxFixture;
	beforeAll(async () => {
		fixture.sandbox = await startSandbox(options);
		fixture.credentials = {
			apiKey: fixture.sandbox.apiKey,
			environment: 'custom',
			baseUrl: fixture.sandbox.url,
		};
	});
	beforeEach(() => fixture.sandbox.reset());
	afterAll(async () => await fixture.sandbox.close());
	return fixture;
}

/** Create Case parameters for a valid Danish company debtor; override what a test is about. */
export function createCaseParameters(overrides: Record<string, unknown> = {}) {
	return {
		resource: 'case',
		operation: 'create',
		testMode: true,
		debtorType: 'Company',
		debtorName: 'Nordisk Byg ApS',
		debtorCountry: 'DK',
		debtorAddress: 'Vesterbrogade 12',
		debtorCity: 'København V',
		currency: 'DKK',
		amountToRecover: 12500,
		invoiceDate: '2026-09-01T00:00:00',
		...overrides,
	};
}
