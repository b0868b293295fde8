import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** The one production host of Debitura's Customer API. Test cases live there too (see Test Mode). */
export const DEBITURA_PRODUCTION_URL = 'https://customer-api.debitura.com';

/**
 * Resolves to the API's base URL for both the credential test and every node request, so the
 * environment choice lives in exactly one place. A trailing slash on a custom URL is dropped.
 */
export const DEBITURA_BASE_URL_EXPRESSION = `={{ $credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : "${DEBITURA_PRODUCTION_URL}" }}`;

/** The same choice for code that holds the decrypted credential (the trigger, list searches). */
export function debituraBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return credentials.environment === 'custom'
		? String(credentials.baseUrl).replace(/\/+$/, '')
		: DEBITURA_PRODUCTION_URL;
}

export class DebituraApi implements ICredentialType {
	name = 'debituraApi';

	displayName = 'Debitura API';

	icon = { light: 'file:../icons/debitura.svg', dark: 'file:../icons/debitura.dark.svg' } as const;

	documentationUrl = 'https://github.com/debitura/n8n-nodes-debitura#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Create a key in the Debitura app under Settings → API keys (https://app.debitura.com/CreditorApiKey). A key has full access to your account.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: `Debitura's Customer API at ${DEBITURA_PRODUCTION_URL}. Use Test Mode on the nodes to try things without a collection partner ever seeing them.`,
				},
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'Another base URL: the local Debitura sandbox, a test host Debitura gave you, or a proxy',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:5688',
			placeholder: 'http://127.0.0.1:5688',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				XApiKey: '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: DEBITURA_BASE_URL_EXPRESSION,
			url: '/me',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Debitura rejected the API key. Copy it again from Settings → API keys in the Debitura app; keys are shown once, so create a new one if in doubt.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'The API key is valid, but Debitura found no creditor account behind it. Contact Debitura support.',
				},
			},
		],
	};
}
