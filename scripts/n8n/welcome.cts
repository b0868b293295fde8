import type { Owner } from './rest-session.cjs';

export interface WelcomeFacts {
	editorUrl: string;
	owner: Owner;
	ownerCreated: boolean;
	loginWorks: boolean;
	sandboxUrl: string;
	sandboxApiKey: string;
	credentialName: string;
}

/** What a newcomer needs on screen once everything runs: where to go, how to log in, what to try. */
export function printWelcome(facts: WelcomeFacts): void {
	const login = facts.loginWorks
		? `${facts.owner.email} / ${facts.owner.password}${facts.ownerCreated ? '   (account created just now)' : ''}`
		: `${facts.owner.email} with the password you set (the default ${facts.owner.password} no longer works)`;
	const lines = [
		'',
		'──────────────────────────────────────────────────────────────────────────',
		` n8n with n8n-nodes-debitura:  ${facts.editorUrl}`,
		` Log in:                       ${login}`,
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
		'',
		` Everything the sandbox holds: curl ${facts.sandboxUrl}/__sandbox/state`,
		' n8n keeps its data in .n8n-local/ (delete it to start over). Stop everything: Ctrl-C',
		'──────────────────────────────────────────────────────────────────────────',
		'',
	];
	console.log(lines.join('\n'));
}
