/**
 * The few core nodes a test workflow needs that live in `n8n-nodes-base` rather than n8n-core:
 * n8n ships them with the application, so a harness supplies equivalents. They do the minimum
 * the real ones do and nothing that could hide a bug in the node under test.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

const base = (
	name: string,
	displayName: string,
): Omit<INodeTypeDescription, 'inputs' | 'outputs' | 'properties'> => ({
	name,
	displayName,
	group: ['transform'],
	version: 1,
	description: displayName,
	defaults: { name: displayName },
});

/** `n8n-nodes-base.manualTrigger`: starts a manual execution with one empty item. */
export class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		...base('manualTrigger', 'Manual Trigger'),
		group: ['trigger'],
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/**
 * Stands in for whatever node feeds ours in a real workflow (a CRM, an accounting system): it
 * emits the items given in its `items` parameter, and turns `{ binary: { field: { base64,
 * fileName, mimeType } } }` into real n8n binary data through `prepareBinaryData`, so binary data
 * takes the same path (inline or filesystem) it would in n8n.
 */
export class TestInput implements INodeType {
	description: INodeTypeDescription = {
		...base('testInput', 'Test Input'),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | unknown[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{
			json: Record<string, unknown>;
			binary?: Record<string, { base64: string; fileName: string; mimeType?: string }>;
		}>;
		const output: INodeExecutionData[] = [];
		for (const item of items) {
			const out: INodeExecutionData = {
				json: item.json as INodeExecutionData['json'],
				pairedItem: { item: 0 },
			};
			if (item.binary) {
				out.binary = {};
				for (const [field, file] of Object.entries(item.binary)) {
					out.binary[field] = await this.helpers.prepareBinaryData(
						Buffer.from(file.base64, 'base64'),
						file.fileName,
						file.mimeType,
					);
				}
			}
			output.push(out);
		}
		return [output];
	}
}

/** `n8n-nodes-base.noOp`: the node n8n's credential tester borrows to send a credential's test request. */
export class NoOp implements INodeType {
	description: INodeTypeDescription = {
		...base('noOp', 'No Operation, do nothing'),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * Any node that borrows the Debitura credential through n8n-core's request helpers — a community
 * node, or a Code-like node — as opposed to our own nodes, which send only a path. It makes one
 * request per run with the options given as JSON, through the helper named in `helper`, and
 * outputs the answer's body. What the credential does with the options is what is under test.
 */
export class RequestWithCredential implements INodeType {
	description: INodeTypeDescription = {
		...base('requestWithCredential', 'Request With Credential'),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'debituraApi', required: true }],
		properties: [
			{
				displayName: 'Helper',
				name: 'helper',
				type: 'options',
				options: [
					{ name: 'httpRequestWithAuthentication', value: 'httpRequestWithAuthentication' },
					{ name: 'requestWithAuthentication', value: 'requestWithAuthentication' },
				],
				default: 'httpRequestWithAuthentication',
			},
			{ displayName: 'Options', name: 'options', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const helper = this.getNodeParameter('helper', 0) as string;
		const raw = this.getNodeParameter('options', 0) as string | Record<string, unknown>;
		const options = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
		// `uriAsUrlObject` stands for a caller that hands n8n a WHATWG URL rather than a string.
		if (typeof options.uriAsUrlObject === 'string') {
			options.uri = new URL(options.uriAsUrlObject);
			delete options.uriAsUrlObject;
		}
		const answer: unknown =
			helper === 'requestWithAuthentication'
				? await this.helpers.requestWithAuthentication.call(this, 'debituraApi', options as never)
				: await this.helpers.httpRequestWithAuthentication.call(
						this,
						'debituraApi',
						options as never,
					);
		const json =
			typeof answer === 'string'
				? (JSON.parse(answer) as INodeExecutionData['json'])
				: (answer as INodeExecutionData['json']);
		return [[{ json, pairedItem: { item: 0 } }]];
	}
}
