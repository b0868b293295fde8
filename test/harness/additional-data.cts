/**
 * The per-execution context the n8n application hands to n8n-core. Only what executing our nodes
 * touches is filled in; every URL is absolute, as n8n-core requires.
 */
import { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials-helper.cjs';

const INSTANCE_URL = 'http://127.0.0.1:5678/';

export function makeAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	mode: WorkflowExecuteMode,
	workflowData: IWorkflowBase,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${INSTANCE_URL}rest`,
		instanceBaseUrl: INSTANCE_URL,
		formBaseUrl: `${INSTANCE_URL}form`,
		formWaitingBaseUrl: `${INSTANCE_URL}form-waiting`,
		formTestBaseUrl: `${INSTANCE_URL}form-test`,
		webhookBaseUrl: `${INSTANCE_URL}webhook`,
		webhookWaitingBaseUrl: `${INSTANCE_URL}webhook-waiting`,
		webhookTestBaseUrl: `${INSTANCE_URL}webhook-test`,
		mcpBaseUrl: `${INSTANCE_URL}mcp`,
		mcpTestBaseUrl: `${INSTANCE_URL}mcp-test`,
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not part of these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}
