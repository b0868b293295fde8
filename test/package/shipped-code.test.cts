/**
 * n8n's verification rules for the code the package ships (nodes/, credentials/, and what `npm run
 * build` makes of them in dist/): no environment variables, no file access, English only. The rules
 * live in shipped-code-rules.cts; the planted samples below prove that each of them fires.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import {
	findEnvironmentAndFileAccess,
	findNonEnglish,
	stringsInSource,
	visibleStrings,
	type Finding,
} from './shipped-code-rules.cjs';

const root = path.resolve(__dirname, '../..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

function filesUnder(folder: string, suffix: string): string[] {
	return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith(suffix) && !name.endsWith('.d.ts'))
		.map((name) => path.join(folder, name))
		.sort();
}

const sources = [...filesUnder('nodes', '.ts'), ...filesUnder('credentials', '.ts')];
const built = filesUnder('dist', '.js');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

function englishFindingsInSource(file: string, text: string): Finding[] {
	return stringsInSource(file, text).flatMap(({ where, text: value }) =>
		findNonEnglish(where, value),
	);
}

/** Shipped classes as n8n loads them: the files package.json lists under `n8n`. */
function loadDescriptions(): Array<{ file: string; description: unknown }> {
	const listed: string[] = [...packageJson.n8n.credentials, ...packageJson.n8n.nodes];
	return listed.map((file) => {
		const exported = require(path.join(root, file));
		const className = path.basename(file).split('.')[0];
		const instance = new exported[className]();
		return { file, description: instance.description ?? instance };
	});
}

const show = (findings: Finding[]) => findings.map((f) => `${f.where}: ${f.rule}: ${f.what}`);

describe('shipped code: no environment variables, no file access', () => {
	test('the sources and the build are there to check', () => {
		expect(sources.length).toBeGreaterThanOrEqual(15);
		expect(built.length).toBeGreaterThanOrEqual(sources.length);
	});

	test.each(sources)('%s', (file) => {
		expect(show(findEnvironmentAndFileAccess(file, read(file)))).toEqual([]);
	});

	test.each(built)('%s', (file) => {
		expect(show(findEnvironmentAndFileAccess(file, read(file)))).toEqual([]);
	});
});

describe('shipped code: every string a user sees is English', () => {
	test.each(sources)('the strings in %s', (file) => {
		expect(show(englishFindingsInSource(file, read(file)))).toEqual([]);
	});

	test('the labels, descriptions, options, placeholders, hints and notices n8n shows', () => {
		const strings = loadDescriptions().flatMap(({ file, description }) =>
			visibleStrings(description, file).map((s) => ({ ...s, where: s.where })),
		);
		expect(strings.length).toBeGreaterThan(100);
		// A label n8n shows for sure, so the walk is known to reach option names and notices.
		expect(strings.map((s) => s.text)).toEqual(
			expect.arrayContaining(['Create', 'Test Mode', 'New Payment', 'API Key']),
		);
		expect(show(strings.flatMap((s) => findNonEnglish(s.where, s.text)))).toEqual([]);
	});

	test('the codex files (aliases a search matches)', () => {
		for (const file of filesUnder('nodes', '.node.json')) {
			const codex = JSON.parse(read(file));
			for (const alias of codex.alias ?? []) expect(show(findNonEnglish(file, alias))).toEqual([]);
		}
	});

	test('the README, docs/ and the example workflows', () => {
		const documents = [
			'README.md',
			...filesUnder('docs', '.md'),
			...filesUnder('examples', '.json'),
		];
		const findings = documents.flatMap((file) =>
			read(file)
				.split('\n')
				.flatMap((line, index) => findNonEnglish(`${file}:${index + 1}`, line)),
		);
		expect(show(findings)).toEqual([]);
	});
});

describe('the checks fail on planted bad code', () => {
	const plantedFile = 'test/package/planted/bad-node.ts.txt';
	const planted = read(plantedFile);
	const expected = planted
		.split('\n')
		.flatMap((line, index) =>
			[...line.matchAll(/expect ([\w-]+)/g)].map((m) => `${plantedFile}:${index + 1} ${m[1]}`),
		);

	test('every planted line is reported, under the rule it breaks, and nothing else', () => {
		const findings = [
			...findEnvironmentAndFileAccess(plantedFile, planted),
			...englishFindingsInSource(plantedFile, planted),
		];
		const reported = new Set(findings.map((f) => `${f.where} ${f.rule}`));
		expect(expected.length).toBeGreaterThanOrEqual(10);
		expect([...reported].sort()).toEqual([...new Set(expected)].sort());
	});

	test('the same code compiled to JavaScript is reported too', () => {
		const compiled = require('typescript').transpileModule(planted, {
			compilerOptions: { module: 1 /* CommonJS */, target: 8 /* ES2021 */ },
		}).outputText as string;
		const rules = new Set(findEnvironmentAndFileAccess('planted.js', compiled).map((f) => f.rule));
		expect([...rules].sort()).toEqual(['environment', 'file-system', 'import']);
	});

	test('"English" is concrete: typography and proper names pass, other languages and letters do not', () => {
		const english = (text: string) => findNonEnglish('sample', text).length === 0;
		expect(english('Amount to Recover ≥ Amount Over 6 Months — see Settings → API keys…')).toBe(
			true,
		);
		expect(english('Côte d’Ivoire, Curaçao, Réunion, Icelandic Króna')).toBe(true);
		expect(english('Debitura kunne ikke finde sagen')).toBe(false); // Danish
		expect(english('Der Betrag ist ungültig')).toBe(false); // German
		expect(english('Montant invalide pour cette facture')).toBe(false); // French
		expect(english('Caf\u00e9 au lait')).toBe(false); // a letter outside the proper names
		expect(english('Debtor name 債務者')).toBe(false);
		expect(english('Done ✅')).toBe(false);
	});

	test('a planted description: option names, notices and hints are read, parameter names are not', () => {
		const description = {
			displayName: 'Debitura',
			properties: [
				{ displayName: 'Testmodus ist aktiv', name: 'testMode', type: 'notice', default: '' },
				{
					displayName: 'Event',
					name: 'eventKind', // an internal name, never shown
					type: 'options',
					options: [
						{ name: 'Nouveau paiement', value: 'created', description: 'A payment was recorded' },
					],
					default: 'created',
				},
			],
			hints: [{ message: 'Bitte den Schlüssel prüfen', type: 'warning' }],
		};
		const findings = visibleStrings(description).flatMap((s) => findNonEnglish(s.where, s.text));
		expect([...new Set(findings.map((f) => f.where))].sort()).toEqual([
			'description.hints[0].message',
			'description.properties[0].displayName',
			'description.properties[1].options[0].name',
		]);
	});
});
