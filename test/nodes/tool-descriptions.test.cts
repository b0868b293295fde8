import { NodeHelpers, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';

import { Debitura } from '../../nodes/Debitura/Debitura.node';

/*
 * What n8n tells a model about a Debitura tool: n8n-core's node-as-tool takes the node's
 * `toolDescription` parameter (NodeHelpers.getToolDescriptionForNode), and n8n resolves parameters
 * with NodeHelpers.getNodeParameters against the tool twin n8n makes of the node (`debituraTool`,
 * where `@tool` display conditions hold). These tests use those n8n functions on the node's real
 * description; test/e2e/mcp-server-trigger and ai-agent show the texts reaching a model in n8n.
 */
const node = new Debitura().description;
const toolTwin: INodeTypeDescription = { ...node, name: `${node.name}Tool` };

const resolve = (description: INodeTypeDescription, parameters: INodeParameters) =>
	NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		null,
		description,
	) ?? {};

/** The description n8n gives the model for a tool node with these (resolved) parameters. */
const toModel = (parameters: INodeParameters) =>
	NodeHelpers.getToolDescriptionForNode(
		{
			id: 'x',
			name: 'Tool',
			type: 'n8n-nodes-debitura.debituraTool',
			typeVersion: 1,
			position: [0, 0],
			parameters: resolve(toolTwin, parameters),
		},
		{ description: toolTwin } as never,
	);

const operations = node.properties
	.filter((property) => property.name === 'operation')
	.flatMap((property) =>
		(property.options as Array<{ value: string; action?: string }>).map((option) => ({
			resource: String(property.displayOptions?.show?.resource?.[0]),
			operation: option.value,
			action: String(option.action),
		})),
	);

describe('Tool Description: what a model is told about each operation', () => {
	test('every operation has its own text for a model, not n8n\'s "<action> in Debitura"', () => {
		expect(operations.length).toBeGreaterThan(40);
		const texts = new Map<string, string>();
		for (const { resource, operation, action } of operations) {
			const text = toModel({ resource, operation });
			expect([resource, operation, text]).not.toEqual([
				resource,
				operation,
				`${action} in Debitura`,
			]);
			// What it does, when or what it needs, and what it returns: a sentence or three, not a label.
			expect([resource, operation, text.length > 80 && text.length < 420]).toEqual([
				resource,
				operation,
				true,
			]);
			expect([resource, operation, text.endsWith('.')]).toEqual([resource, operation, true]);
			texts.set(`${resource}.${operation}`, text);
		}
		expect(new Set(texts.values()).size).toBe(texts.size);
	});

	test('the field exists only on the AI tool: the regular node has no Tool Description parameter', () => {
		for (const { resource, operation } of operations) {
			expect([resource, operation, resolve(node, { resource, operation }).toolDescription]).toEqual(
				[resource, operation, undefined],
			);
		}
	});

	test('Case → Create says TEST case while Test Mode is on, and a real case otherwise (also when Test Mode is an expression)', () => {
		expect(toModel({ resource: 'case', operation: 'create' })).toMatch(
			/^Opens a TEST debt collection case .*never sent to a collection partner/,
		);
		expect(toModel({ resource: 'case', operation: 'create', testMode: true })).toMatch(
			/^Opens a TEST /,
		);
		expect(toModel({ resource: 'case', operation: 'create', testMode: false })).toMatch(
			/^Opens a REAL debt collection case .*Use it only when the user clearly asks/,
		);
		expect(
			toModel({
				resource: 'case',
				operation: 'create',
				testMode: '={{ $fromAI("test", "", "boolean") }}',
			}),
		).toMatch(/^Opens a REAL /);
	});

	test('Document → Upload tells the model it cannot upload from a tool call', () => {
		expect(toModel({ resource: 'document', operation: 'upload' })).toMatch(
			/^Cannot upload from an AI tool call/,
		);
	});

	test('a description the workflow sets is what the model is told, also one saved with n8n\'s "Set Manually"', () => {
		expect(
			toModel({ resource: 'case', operation: 'getMany', toolDescription: 'Find overdue cases.' }),
		).toBe('Find overdue cases.');
		expect(
			toModel({
				resource: 'case',
				operation: 'getMany',
				descriptionType: 'manual',
				toolDescription: 'Find overdue cases.',
			}),
		).toBe('Find overdue cases.');
		// A workflow saved with n8n's "Set Automatically" gets the node's text (descriptionType is no parameter of this node).
		expect(toModel({ resource: 'case', operation: 'getMany', descriptionType: 'auto' })).toBe(
			toModel({ resource: 'case', operation: 'getMany' }),
		);
	});

	/*
	 * n8n's editor, on a parameter change, drops the values equal to their defaults under the old
	 * parameters, sets the new value, then fills in the defaults again (NDV valueChanged). An
	 * unedited description therefore follows the operation, and an edited one stays.
	 */
	const change = (before: INodeParameters, name: string, value: string) => {
		const kept =
			NodeHelpers.getNodeParameters(toolTwin.properties, before, false, false, null, toolTwin) ??
			{};
		return resolve(toolTwin, { ...kept, [name]: value });
	};

	test('in the editor, an unedited description follows a change of operation; an edited one is kept', () => {
		const fresh = resolve(toolTwin, { resource: 'case', operation: 'getMany' });
		expect(change(fresh, 'operation', 'getTimeline').toolDescription).toBe(
			toModel({ resource: 'case', operation: 'getTimeline' }),
		);
		const edited = { ...fresh, toolDescription: 'Find overdue cases.' };
		expect(change(edited, 'operation', 'getTimeline').toolDescription).toBe('Find overdue cases.');
	});
});
