import type { Owner } from './rest-session.cjs';

export interface WelcomeFacts {
	editorUrl: string;
	/** e.g. "n8n 2.41.1 on Node 24". */
	n8nLabel: string;
	owner: Owner;
	/** Where the owner password and the encryption key are kept, relative to the repository. */
	secretsFile: string;
	encryptionKey: string;
	ownerCreated: boolean;
	loginWorks: boolean;
	sandboxUrl: string;
	sandboxApiKey: string;
	credentialName: string;
	/** The scripted OpenAI-compatible model the AI example runs against, and its credential's name. */
	scriptedModelUrl: string;
	scriptedModelCredentialName: string;
	/** The n8n user folder of this version, relative to the repository. */
	dataFolder: string;
}

/** What a newcomer needs on screen once everything runs: where to go, how to log in, what to try. */
export function printWelcome(facts: WelcomeFacts): void {
	const login = facts.loginWorks
		? `${facts.owner.email} / ${facts.owner.password}${facts.ownerCreated ? '   (account created just now)' : ''}`
		: `${facts.owner.email} with the password you set (the generated ${facts.owner.password} no longer works)`;
	const lines = [
		'',
		'──────────────────────────────────────────────────────────────────────────',
		` n8n with n8n-nodes-debitura:  ${facts.editorUrl}   (${facts.n8nLabel})`,
		` Log in:                       ${login}`,
		` n8n encryption key:           ${facts.encryptionKey}`,
		`   both made at random on the first start, kept in ${facts.secretsFile} (readable only by you)`,
		` Debitura sandbox:             ${facts.sandboxUrl}   (API key: ${facts.sandboxApiKey})`,
		`   in-memory demo data, fresh on every start; the credential "${facts.credentialName}" points at it`,
		'',
		' Try first (Overview → the "Debitura example" workflows):',
		'   1. "Debitura example: overdue invoice to collection case" → Execute workflow.',
		'      Opens a test case, uploads the invoice PDF and reads the case status.',
		'   2. "Debitura example: status check over several cases" → Execute workflow.',
		'      Looks cases up by your invoice numbers and splits closed from open ones.',
		'   3. "Debitura example: payment to bookkeeping record" → Publish, then record a payment',
		'      on the test case from step 1 (its id is in the Create Case output):',
		`        curl -X POST ${facts.sandboxUrl}/__sandbox/payments -H 'content-type: application/json' \\`,
		`             -d '{"caseId": "<case id>", "grossAmount": 100}'`,
		'      Within a minute the workflow runs (Executions tab).',
		'   4. "Debitura example: AI collections assistant" → Open chat (or Execute workflow).',
		`      An AI Agent with Debitura tools. No OpenAI key needed: the credential "${facts.scriptedModelCredentialName}"`,
		`      points it at a scripted model on ${facts.scriptedModelUrl}, which plays a fixed plan whatever you type.`,
		'',
		` Everything the sandbox holds: curl ${facts.sandboxUrl}/__sandbox/state`,
		` n8n keeps its data in ${facts.dataFolder}/ (delete .n8n-local/ to start over, new secrets included). Stop everything: Ctrl-C`,
		'──────────────────────────────────────────────────────────────────────────',
		'',
	];
	console.log(lines.join('\n'));
}
