/**
 * Runs a workflow — Manual Trigger → (Test Input →) the node under test — through n8n-core's
 * `WorkflowExecute`, the engine n8n itself runs. Nothing about the node's `this` is mocked:
 * routing, credential authentication, n8n's HTTP client, binary data, Retry On Fail and
 * Continue On Fail all behave as in n8n.
 */
import { WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowBase,
	NodeParameterValueType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { makeAdditionalData } from './additional-data.cjs';
import { TestCredentialsHelper } from './credentials-helper.cjs';
import { NODE, loadTypes } from './node-types.cjs';

export const CREDENTIAL_TYPE = 'debituraApi';

export interface InputItem {
	json: Record<string, unknown>;
	/** Files to attach: `{ data: { base64, fileName, mimeType } }`. */
	binary?: Record<string, { base64: string; fileName: string; mimeType?: string }>;
}

export interface NodeUnderTest {
	parameters: INodeParameters;
	type?: string;
	/** n8n's node settings. */
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	onError?: INode['onError'];
}

export interface RunOptions {
	node: NodeUnderTest;
	/** Items fed into the node by a Test Input node; without it the node gets the trigger's one empty item. */
	input?: InputItem[];
	credentials: ICredentialDataDecryptedObject;
	/** Reuse to model "the same execution run again"; a fresh one otherwise. */
	executionId?: string;
	/**
	 * Called once the execution has started, with a way to cancel it the way n8n's Stop button
	 * does (n8n-core's `WorkflowExecute` run is cancelable: cancelling aborts the execution's
	 * cancel signal, and the run still settles once the running node returns).
	 */
	onStarted?: (execution: { cancel: () => void }) => void;
}

export interface RunResult {
	/** The node-under-test's output items (main output 0). */
	items: INodeExecutionData[];
	/** The workflow-level error, when the node failed and the run stopped. */
	error?: Error & { description?: string; httpCode?: string; context?: Record<string, unknown> };
	run: IRun;
}

export const NODE_UNDER_TEST = 'Debitura';

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const types = await loadTypes();
	const credentialsHelper = new TestCredentialsHelper(types);
	credentialsHelper.set(CREDENTIAL_TYPE, options.credentials);

	const nodes: INode[] = [
		{
			id: 'trigger',
			name: 'When clicking Execute',
			type: NODE.manualTrigger,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: IWorkflowBase['connections'] = {};
	let previous = nodes[0].name;
	if (options.input) {
		nodes.push({
			id: 'input',
			name: 'CRM',
			type: NODE.testInput,
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(options.input) as NodeParameterValueType },
		});
		connections[previous] = { main: [[{ node: 'CRM', type: 'main', index: 0 }]] };
		previous = 'CRM';
	}
	const { parameters, type, ...settings } = options.node;
	nodes.push({
		id: 'subject',
		name: NODE_UNDER_TEST,
		type: type ?? NODE.debitura,
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Debitura account' } },
		...settings,
	});
	connections[previous] = { main: [[{ node: NODE_UNDER_TEST, type: 'main', index: 0 }]] };

	const workflowData: IWorkflowBase = {
		id: 'wf1',
		name: 'Debitura test',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections,
		active: false,
		nodeTypes: types,
		settings: workflowData.settings,
	});
	const additionalData = makeAdditionalData(
		credentialsHelper,
		'manual',
		workflowData,
		options.executionId ?? randomUUID(),
	);
	const execution = new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: nodes[0],
	});
	options.onStarted?.({ cancel: () => execution.cancel() });
	const run = await execution;

	const taskData = run.data.resultData.runData[NODE_UNDER_TEST]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: (run.data.resultData.error ?? taskData?.error) as RunResult['error'],
		run,
	};
}
