/**
 * Node and credential types as n8n sees them: our package is loaded from its built `dist/` by
 * n8n-core's own `PackageDirectoryLoader` (the loader n8n uses for installed community packages),
 * so the `n8n` section of package.json, the codex files, icons and the declarative-node options
 * n8n adds at load time are all exercised.
 */
import { PackageDirectoryLoader, RoutingNode } from 'n8n-core';
import type {
	ICredentialType,
	IExecuteFunctions,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { ManualTrigger, NoOp, RequestWithCredential, TestInput } from './helper-nodes.cjs';

export const PACKAGE_NAME = 'n8n-nodes-debitura';

/** The package's own folder, found from here whether this file runs as source or from build/. */
function findPackageRoot(from: string): string {
	for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (
			existsSync(manifest) &&
			(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
		)
			return dir;
	}
	throw new Error(`No ${PACKAGE_NAME} package.json above ${from}`);
}

export const PACKAGE_ROOT = findPackageRoot(__dirname);

/** Full node type names, as a workflow refers to them. */
export const NODE = {
	debitura: `${PACKAGE_NAME}.debitura`,
	paymentTrigger: `${PACKAGE_NAME}.debituraPaymentTrigger`,
	caseTrigger: `${PACKAGE_NAME}.debituraCaseTrigger`,
	manualTrigger: 'n8n-nodes-base.manualTrigger',
	testInput: 'n8n-nodes-base.testInput',
	noOp: 'n8n-nodes-base.noOp',
	/** A test-only node that borrows the Debitura credential through n8n-core's request helpers. */
	requestWithCredential: 'harness.requestWithCredential',
} as const;

export class LoadedTypes implements INodeTypes {
	private readonly nodes = new Map<string, INodeType | IVersionedNodeType>();

	private readonly credentials = new Map<string, ICredentialType>();

	static async load(): Promise<LoadedTypes> {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		const types = new LoadedTypes();
		for (const name of Object.keys(loader.nodeTypes)) {
			types.nodes.set(`${loader.packageName}.${name}`, loader.getNode(name).type);
		}
		for (const name of Object.keys(loader.credentialTypes)) {
			types.credentials.set(name, loader.getCredential(name).type);
		}
		types.nodes.set(NODE.manualTrigger, new ManualTrigger());
		types.nodes.set(NODE.testInput, new TestInput());
		types.nodes.set(NODE.noOp, new NoOp());
		types.nodes.set(NODE.requestWithCredential, new RequestWithCredential());
		return types;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.nodes.get(nodeType);
		if (!type)
			throw new Error(`Unknown node type ${nodeType}; known: ${[...this.nodes.keys()].join(', ')}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
		if (runsThroughRouting(type)) {
			// What n8n's own NodeTypes does: a declarative node runs as a regular node whose execute
			// is n8n-core's RoutingNode, so it gets the execution's context — its cancel signal
			// included — rather than the bare context WorkflowExecute falls back to.
			type.execute = async function (this: IExecuteFunctions) {
				const routingNode = new RoutingNode(
					this as ConstructorParameters<typeof RoutingNode>[0],
					type,
				);
				return (await routingNode.runNode()) ?? [];
			};
		}
		return type;
	}

	getKnownTypes() {
		return {};
	}

	credentialType(name: string): ICredentialType {
		const type = this.credentials.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	nodeTypeNames(): string[] {
		return [...this.nodes.keys()];
	}
}

/** n8n's rule (the CLI's `shouldAssignExecuteMethod`) for which node types get that execute. */
function runsThroughRouting(type: INodeType): boolean {
	const declarative = type.description?.requestDefaults !== undefined;
	return (
		!type.execute &&
		!type.poll &&
		!type.trigger &&
		(!type.webhook || declarative) &&
		(!type.methods || declarative)
	);
}

let loading: Promise<LoadedTypes> | undefined;

/** The package is loaded once per test file; loading is what n8n does at start-up. */
export async function loadTypes(): Promise<LoadedTypes> {
	loading ??= LoadedTypes.load();
	return await loading;
}
