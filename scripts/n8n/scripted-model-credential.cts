/**
 * The OpenAI credential the AI example uses out of the box: it points n8n's OpenAI Chat Model at
 * the scripted model on this machine (scripted-model.cts), so the agent runs without an OpenAI
 * key. Fixed id and name, like the sandbox credential, so a repeated import overwrites it.
 */
export const SCRIPTED_MODEL_CREDENTIAL = {
	id: 'dbtScriptedModel1',
	name: 'Scripted Model (no OpenAI key)',
	type: 'openAiApi',
} as const;

/** The key field must not be empty; the scripted model accepts any key. */
export const SCRIPTED_MODEL_API_KEY = 'scripted-model-needs-no-key';

/** The file `n8n import:credentials` reads, for a scripted model at `baseUrl` (…/v1). */
export function scriptedModelCredentialFile(baseUrl: string): string {
	const data = { apiKey: SCRIPTED_MODEL_API_KEY, organizationId: '', url: baseUrl, header: false };
	return `${JSON.stringify([{ ...SCRIPTED_MODEL_CREDENTIAL, data }], null, '\t')}\n`;
}
