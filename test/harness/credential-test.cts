/**
 * n8n's "Test" button for a credential, as the CLI's `CredentialsTester` runs it for credentials
 * that declare a `test` request: a temporary node of the NoOp type whose only property routes the
 * test request, executed by n8n-core's `RoutingNode` with the credential under test; response
 * codes matched by the credential's `rules` become its messages.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INode, INodeCredentialTestResult, INodeType } from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { makeAdditionalData } from './additional-data.cjs';
import { TestCredentialsHelper } from './credentials-helper.cjs';
import { NODE, loadTypes } from './node-types.cjs';

export async function testCredential(
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const types = await loadTypes();
	const credentialsHelper = new TestCredentialsHelper(types);
	const testRequest = types.credentialType(credentialType).test;
	if (!testRequest) return { status: 'Error', message: 'No testing function found for this credential.' };

	const noOp = types.getByNameAndVersion(NODE.noOp);
	const nodeType: INodeType = {
		description: {
			...noOp.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' }],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: NODE.noOp,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType]: { id: 'cred-under-test', name: 'Credential under test' } },
	};
	// As in the CLI, the temporary node type stands in for NoOp while the test runs.
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = makeAdditionalData(
		credentialsHelper,
		'internal',
		{ id: 'cred-test', name: 'cred-test', nodes: [node], connections: {}, active: false } as never,
		'cred-test',
	);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = {
		id: 'cred-under-test',
		name: 'Credential under test',
		type: credentialType,
		data: credentialsHelper.withDefaults(credentialType, data),
	};
	try {
		await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (caught) {
		const error = caught as { message: string; cause?: { response?: { status: number; statusText?: string }; code?: string } };
		const response = error.cause?.response;
		if (response) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === response.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
		}
		return { status: 'Error', message: error.cause?.code ?? error.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
