/**
 * What the n8n CLI's `CredentialsHelper` does for a running workflow, minus the database: it
 * hands out decrypted credential data (with the credential type's defaults filled in, as n8n
 * does) and applies a credential's `authenticate` to each request. Generic `authenticate`
 * objects are resolved with the workflow's own expression engine and `$credentials`, exactly
 * as the CLI does, so the header our credential declares is the header the server receives.
 */
import { Credentials } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers } from 'n8n-workflow';

import type { LoadedTypes } from './node-types.cjs';

export class TestCredentialsHelper extends ICredentialsHelper {
	/** Credential data by credential type name. */
	private readonly stored = new Map<string, ICredentialDataDecryptedObject>();

	constructor(private readonly types: LoadedTypes) {
		super();
	}

	set(type: string, data: ICredentialDataDecryptedObject): void {
		this.stored.set(type, data);
	}

	/** The stored data with the credential type's defaults filled in, as n8n passes it to nodes. */
	withDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const properties = this.types.credentialType(type).properties;
		return (NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.stored.get(type);
		if (!data) throw new Error(`No test credentials of type ${type} were set`);
		return this.withDefaults(type, data);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.types.credentialType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (!authenticate) return requestOptions as IHttpRequestOptions;
		if (!workflow || !node) throw new Error('Generic authentication needs the workflow and node');

		const resolve = (value: string) => {
			if (!value.startsWith('=')) return value;
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved ? String(resolved) : '';
		};
		const target = requestOptions as unknown as Record<string, Record<string, string>>;
		for (const [section, entries] of Object.entries(authenticate.properties)) {
			target[section] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				target[section][resolve(key)] = resolve(value);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.credentialType(type).properties;
	}
}
