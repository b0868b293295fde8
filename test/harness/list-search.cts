/**
 * A resource locator's "From List" as the editor asks for it: the CLI's DynamicNodeParametersService
 * builds a one-node workflow ("Temp-Node") and calls the node's listSearch method with n8n-core's
 * `LoadOptionsContext` as `this`.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { makeAdditionalData } from './additional-data.cjs';
import { TestCredentialsHelper } from './credentials-helper.cjs';
import { NODE, loadTypes } from './node-types.cjs';
import { CREDENTIAL_TYPE } from './run-workflow.cjs';

export async function runListSearch(options: {
	method: string;
	credentials: ICredentialDataDecryptedObject;
	parameters?: INodeParameters;
	filter?: string;
	paginationToken?: string;
}): Promise<INodeListSearchResult> {
	const types = await loadTypes();
	const credentialsHelper = new TestCredentialsHelper(types);
	credentialsHelper.set(CREDENTIAL_TYPE, options.credentials);
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: NODE.debitura,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters ?? { resource: 'case', operation: 'getStatus' },
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Debitura account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: types,
	});
	const additionalData = makeAdditionalData(
		credentialsHelper,
		'internal',
		{
			id: 'list',
			name: 'list',
			nodes: [node],
			connections: {},
			active: false,
		} as unknown as IWorkflowBase,
		'list-search',
	);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.case');
	const search = types.getByNameAndVersion(NODE.debitura).methods?.listSearch?.[options.method];
	if (!search) throw new Error(`The Debitura node has no list search "${options.method}"`);
	return await search.call(context, options.filter, options.paginationToken);
}
