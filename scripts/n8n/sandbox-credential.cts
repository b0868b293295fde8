/**
 * The "Debitura Sandbox" credential the example workflows point at. Its id and name are fixed so the
 * examples can reference it and a repeated import overwrites it instead of adding a copy.
 */
export const SANDBOX_CREDENTIAL = {
	id: 'dbtSandboxCred01',
	name: 'Debitura Sandbox',
	type: 'debituraApi',
} as const;

/** The credential's fields as the Debitura API credential defines them. */
export function sandboxCredentialData(sandboxUrl: string, apiKey: string): Record<string, string> {
	return { apiKey, environment: 'custom', baseUrl: sandboxUrl };
}

/** The file `n8n import:credentials` reads: one array, plain `data` that n8n encrypts on import. */
export function sandboxCredentialFile(sandboxUrl: string, apiKey: string): string {
	return `${JSON.stringify([{ ...SANDBOX_CREDENTIAL, data: sandboxCredentialData(sandboxUrl, apiKey) }], null, '\t')}\n`;
}
