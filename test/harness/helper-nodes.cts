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

const base = (name: string, displayName: string): Omit<INodeTypeDescription, 'inputs' | 'outputs' | 'properties'> => ({
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
			const out: INodeExecutionData = { json: item.json as INodeExecutionData['json'], pairedItem: { item: 0 } };
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
