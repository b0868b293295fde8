/**
 * n8n's "Test" button for a credential, as the CLI's `CredentialsTester` runs it for credentials
 * that declare a `test` request: a temporary node of the NoOp type whose only property routes the
 * test request, executed by n8n-core's `RoutingNode` with the credential under test; the
 * credential's `rules` (status codes of a failed answer, fields of a successful one) become its
 * messages, exactly as the CLI applies them.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
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
	if (!testRequest)
		return { status: 'Error', message: 'No testing function found for this credential.' };

	const noOp = types.getByNameAndVersion(NODE.noOp);
	const nodeType: INodeType = {
		description: {
			...noOp.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
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
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
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
	// What follows is the CLI's verdict (n8n 2.41.1 `CredentialsTester.runRequestTest`), step by step.
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (caught) {
		const error = caught as {
			message: string;
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		const failed = error.cause?.response;
		if (failed) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === failed.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (failed.status < 199 || failed.status > 299) {
				return {
					status: 'Error',
					message: failed.statusText || `Received HTTP status code: ${failed.status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}
	for (const rule of (testRequest.rules ?? []) as Array<{
		type: string;
		properties: { key?: string; value?: unknown; message: string };
	}>) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json as unknown;
			if (valueAt(body, rule.properties.key ?? '') === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash `get` for the dotted keys the rules use. */
function valueAt(value: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(current, key) =>
				current === null || current === undefined
					? undefined
					: (current as Record<string, unknown>)[key],
			value,
		);
}
