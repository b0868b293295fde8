/**
 * The codex files (`nodes/<Node>/<Node>.node.json`) decide where n8n's node panel lists a node,
 * which searches find it and where its help links go. Checked here against n8n's codex format and
 * against the package as n8n-core's own loader (`PackageDirectoryLoader`) reads it from `dist/`.
 *
 * What n8n does with them (n8n 2.41): the panel's search matches a node's display name and its
 * codex `alias`, not its categories, so every search word a finance team would type is an alias.
 * A node with `usableAsTool` gets a "<Node> Tool" twin for AI agents, listed under AI → Tools →
 * the codex's `subcategories.Tools` (default "Other Tools"; "Recommended Tools" is n8n's own and is
 * dropped for community packages); the twin keeps the documentation links (and, seen in n8n
 * 2.41.1's /types/nodes.json, the aliases).
 */
import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeTypeDescription } from 'n8n-workflow';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The categories n8n's docs list for codex files ("Node codex files"), spelled exactly. */
const N8N_CATEGORIES = [
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'Marketing & Content',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];
const TOOL_SUBCATEGORIES = ['Other Tools'];
/** Words someone looking for debt collection in the node panel types. */
const SEARCH_WORDS = ['debt collection', 'collections', 'finance', 'accounts receivable'];

/** GitHub's anchor for a README heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}
const readmeAnchors = new Set(
	readme
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => anchorOf(line.replace(/^#+ /, ''))),
);

const nodeFiles: string[] = packageJson.n8n.nodes;
const nodes = nodeFiles.map((distFile) => {
	const sourceBase = distFile.replace(/^dist\//, '').replace(/\.js$/, '');
	const exported = require(path.join(root, distFile));
	const description: INodeTypeDescription = new exported[path.basename(sourceBase).split('.')[0]]()
		.description;
	const codex = JSON.parse(readFileSync(path.join(root, `${sourceBase}.json`), 'utf8'));
	return {
		file: `${sourceBase}.json`,
		description,
		codex,
		isTrigger: description.group.includes('trigger'),
	};
});

function checkLink(url: string): void {
	expect(url.startsWith(`${packageJson.homepage}#`)).toBe(true);
	expect(readmeAnchors).toContain(url.split('#')[1]);
}

describe.each(nodes)('$file', ({ description, codex, isTrigger }) => {
	test('names the node as n8n does, at its version', () => {
		expect(codex.node).toBe(`${packageJson.name}.${description.name}`);
		const versions = ([] as number[]).concat(description.version);
		expect(Number(codex.nodeVersion)).toBe(Math.max(...versions));
		expect(codex.codexVersion).toBe('1.0');
	});

	test('is listed under Finance & Accounting, with categories n8n knows', () => {
		expect(codex.categories[0]).toBe('Finance & Accounting');
		for (const category of codex.categories) expect(N8N_CATEGORIES).toContain(category);
	});

	test('is found by debt collection and finance searches', () => {
		for (const word of SEARCH_WORDS) expect(codex.alias).toContain(word);
		for (const alias of codex.alias) expect(alias).toBe(alias.toLowerCase());
		expect(new Set(codex.alias).size).toBe(codex.alias.length);
	});

	test('links to its README section and the credential section', () => {
		expect(codex.resources.primaryDocumentation).toHaveLength(1);
		expect(codex.resources.credentialDocumentation).toHaveLength(1);
		checkLink(codex.resources.primaryDocumentation[0].url);
		checkLink(codex.resources.credentialDocumentation[0].url);
	});

	test(
		isTrigger ? 'is a trigger, so no AI-agent tool' : 'is offered to AI agents as a tool',
		() => {
			if (isTrigger) {
				expect(description.usableAsTool).toBeFalsy();
				expect(codex.subcategories?.Tools).toBeUndefined();
			} else {
				expect(description.usableAsTool).toBe(true);
				for (const subcategory of codex.subcategories.Tools)
					expect(TOOL_SUBCATEGORIES).toContain(subcategory);
			}
			// Only the Tools subcategory is meaningful for an app node; any other key would be invented.
			expect(Object.keys(codex.subcategories ?? {}).filter((key) => key !== 'Tools')).toEqual([]);
		},
	);
});

test('every node folder has a codex file and every codex belongs to a listed node', () => {
	const codexFiles = readdirSync(path.join(root, 'nodes'), { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.node.json'))
		.map((name) => `nodes/${name}`)
		.sort();
	expect(codexFiles).toEqual(nodes.map((node) => node.file).sort());
});

test("n8n-core's loader attaches each codex to the node it loads from dist/", async () => {
	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
	for (const { description, codex } of nodes) {
		const loaded = loader.getNode(description.name).type.description as INodeTypeDescription;
		expect(loaded.codex).toEqual({
			categories: codex.categories,
			...(codex.subcategories && { subcategories: codex.subcategories }),
			alias: codex.alias,
			resources: codex.resources,
		});
	}
});

test('the credential documentation link is the one the credential itself shows', () => {
	const credentialFile: string = packageJson.n8n.credentials[0];
	const exported = require(path.join(root, credentialFile));
	const credential = new exported[path.basename(credentialFile).split('.')[0]]();
	checkLink(credential.documentationUrl);
	for (const { codex } of nodes)
		expect(codex.resources.credentialDocumentation[0].url).toBe(credential.documentationUrl);
});
