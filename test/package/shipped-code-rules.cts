/**
 * The rules n8n's verification guidelines set for the code a community package ships, written as
 * checks over text so the same functions judge the real sources, the built `dist/` and the planted
 * bad samples in `planted/` (which prove each rule can fail):
 *
 * - no environment variables: no `process`, `globalThis`/`global`, `Deno`/`Bun`, `import.meta`,
 *   no `.env` property, no `$env` in an n8n expression (a parameter default could read one);
 * - no file access: no file-system module, no file functions (`readFile`, `createReadStream`, …,
 *   n8n's own `writeContentToFile`/`getStoragePath`), no `__dirname`/`__filename`, and runtime
 *   imports only from the modules n8n allows (so nothing can reach a file through another module);
 * - English only, for every string a user can see (see `findNonEnglish` for what "English" means).
 *
 * TypeScript's parser reads both `.ts` sources and compiled `.js`, so comments and identifiers are
 * never mistaken for code or copy.
 */
import * as ts from 'typescript';

export interface Finding {
	rule: 'environment' | 'file-system' | 'import' | 'english';
	where: string;
	what: string;
}

/** Runtime imports n8n allows in verified packages (besides relative imports). */
const ALLOWED_MODULES =
	/^(n8n-workflow|crypto|node:crypto|lodash(\/.*)?|luxon|moment|p-limit|zod)$/;
const FILE_SYSTEM_MODULES = /^(node:)?(fs|fs\/promises|path|os|child_process|worker_threads)$/;
const ENVIRONMENT_GLOBALS = new Set(['process', 'globalThis', 'global', 'Deno', 'Bun']);
const FILE_GLOBALS = new Set(['__dirname', '__filename']);
const FILE_FUNCTIONS =
	/^(readFile|writeFile|appendFile|createReadStream|createWriteStream|readdir|opendir|mkdir|mkdtemp|unlink|rmdir|copyFile|exists|stat|lstat|writeContentToFile|getStoragePath)(Sync)?$/;

function location(file: ts.SourceFile, node: ts.Node): string {
	const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
	return `${file.fileName}:${line + 1}`;
}

function parse(fileName: string, text: string): ts.SourceFile {
	const kind = /\.tsx?(\.txt)?$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
	return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
}

/** An identifier used as a value, not as a property name, a declared name or a type. */
function isValueReference(node: ts.Identifier): boolean {
	const parent = node.parent;
	if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
	if (
		(ts.isPropertyAssignment(parent) ||
			ts.isPropertyDeclaration(parent) ||
			ts.isMethodDeclaration(parent)) &&
		parent.name === node
	)
		return false;
	if (
		ts.isPropertySignature(parent) ||
		ts.isTypeReferenceNode(parent) ||
		ts.isQualifiedName(parent)
	)
		return false;
	return true;
}

function moduleFinding(file: ts.SourceFile, node: ts.Node, specifier: string): Finding | undefined {
	if (specifier.startsWith('./') || specifier.startsWith('../')) return undefined;
	if (FILE_SYSTEM_MODULES.test(specifier))
		return { rule: 'file-system', where: location(file, node), what: `imports "${specifier}"` };
	if (!ALLOWED_MODULES.test(specifier))
		return {
			rule: 'import',
			where: location(file, node),
			what: `imports "${specifier}", which n8n does not allow at runtime`,
		};
	return undefined;
}

/** Every way the file could read an environment variable or touch a file. */
export function findEnvironmentAndFileAccess(fileName: string, text: string): Finding[] {
	const file = parse(fileName, text);
	const findings: Finding[] = [];
	const add = (finding: Finding | undefined) => finding && findings.push(finding);

	const visit = (node: ts.Node): void => {
		if (
			(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
			node.moduleSpecifier &&
			ts.isStringLiteral(node.moduleSpecifier)
		) {
			// `import type` leaves nothing behind at runtime.
			const typeOnly = ts.isImportDeclaration(node)
				? node.importClause?.isTypeOnly
				: node.isTypeOnly;
			if (!typeOnly) add(moduleFinding(file, node, node.moduleSpecifier.text));
		} else if (
			ts.isImportEqualsDeclaration(node) &&
			ts.isExternalModuleReference(node.moduleReference)
		) {
			const expression = node.moduleReference.expression;
			if (ts.isStringLiteral(expression)) add(moduleFinding(file, node, expression.text));
		} else if (
			ts.isCallExpression(node) &&
			(node.expression.kind === ts.SyntaxKind.ImportKeyword ||
				(ts.isIdentifier(node.expression) && node.expression.text === 'require'))
		) {
			const [argument] = node.arguments;
			if (argument && ts.isStringLiteralLike(argument))
				add(moduleFinding(file, node, argument.text));
			else
				add({
					rule: 'import',
					where: location(file, node),
					what: 'loads a module whose name is computed',
				});
			node.arguments.forEach((child) => visit(child));
			return;
		} else if (ts.isIdentifier(node) && isValueReference(node)) {
			if (ENVIRONMENT_GLOBALS.has(node.text))
				add({ rule: 'environment', where: location(file, node), what: `uses \`${node.text}\`` });
			if (FILE_GLOBALS.has(node.text))
				add({ rule: 'file-system', where: location(file, node), what: `uses \`${node.text}\`` });
			if (node.text === 'require')
				add({ rule: 'import', where: location(file, node), what: 'passes `require` around' });
		} else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
			const name = ts.isPropertyAccessExpression(node)
				? node.name.text
				: ts.isStringLiteralLike(node.argumentExpression)
					? node.argumentExpression.text
					: undefined;
			if (name === 'env')
				add({
					rule: 'environment',
					where: location(file, node),
					what: `reads \`${node.getText(file)}\``,
				});
			if (name && FILE_FUNCTIONS.test(name))
				add({ rule: 'file-system', where: location(file, node), what: `calls \`${name}\`` });
		} else if (ts.isMetaProperty(node)) {
			add({
				rule: 'environment',
				where: location(file, node),
				what: `uses \`${node.getText(file)}\``,
			});
		} else if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
			if (/\$env\b/.test(node.text))
				add({
					rule: 'environment',
					where: location(file, node),
					what: 'an n8n expression reads `$env`',
				});
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return findings;
}

/** The text of every string literal and template piece in a file (not module names), with where it is. */
export function stringsInSource(
	fileName: string,
	text: string,
): Array<{ where: string; text: string }> {
	const file = parse(fileName, text);
	const strings: Array<{ where: string; text: string }> = [];
	const visit = (node: ts.Node): void => {
		if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
			const parent = node.parent;
			const isModuleName =
				ts.isImportDeclaration(parent) ||
				ts.isExportDeclaration(parent) ||
				ts.isExternalModuleReference(parent) ||
				(ts.isCallExpression(parent) &&
					ts.isIdentifier(parent.expression) &&
					parent.expression.text === 'require');
			if (!isModuleName) strings.push({ where: location(file, node), text: node.text });
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return strings;
}

/**
 * What "English" means here, concretely:
 * 1. characters: printable ASCII, tab and newline, and the typographic marks English copy uses
 *    (dashes, ellipsis, curly quotes, arrows, ≥ ≤ · ×);
 * 2. a letter outside ASCII only inside one of the proper names below: the English ISO 3166/4217
 *    names of a few countries and currencies keep their accents (Curaçao, Réunion, Icelandic Króna);
 * 3. none of the common words of the languages a European finance team would slip into
 *    (German, French, Spanish, Danish/Norwegian, Dutch, Swedish), chosen so that none is an
 *    English word, a country or currency code, or an abbreviation the package uses.
 */
const TYPOGRAPHIC = new Set([...'—–…‘’“”→≥≤·×']);
export const PROPER_NAMES = new Set([
	'åland',
	'barthélemy',
	'bolívar',
	'colón',
	'córdoba',
	'côte',
	'curaçao',
	'króna',
	'paʻanga',
	'príncipe',
	'réunion',
	'são',
	'tomé',
	'türkiye',
]);
export const NON_ENGLISH_WORDS = new Set([
	// German
	'und',
	'nicht',
	'oder',
	'bitte',
	'rechnung',
	'fehler',
	'zahlung',
	'ungültig',
	'betrag',
	'kunde',
	'werden',
	'wird',
	'ist',
	'für',
	'auf',
	'eine',
	'sie', // not "ein": EIN is a US tax number
	// French
	'avec',
	'pour',
	'une',
	'veuillez',
	'facture',
	'erreur',
	'paiement',
	'montant',
	'être',
	'aucun',
	'sont',
	'dans',
	// Spanish
	'para',
	'factura',
	'pago',
	'importe',
	'usted',
	'también',
	'está',
	'por',
	'una',
	// Danish / Norwegian / Swedish
	'ikke',
	'faktura',
	'fejl',
	'betaling',
	'skyldner',
	'venligst',
	'ugyldig',
	'beløb',
	'sagen',
	'eller',
	'och',
	'inte',
	// Dutch
	'niet',
	'factuur',
	'fout',
	'bedrag',
	'alstublieft',
	'ongeldig',
	'een',
	'het',
	'wordt',
]);

export function findNonEnglish(where: string, text: string): Finding[] {
	const findings: Finding[] = [];
	for (const word of text.match(/[\p{L}\p{M}]+/gu) ?? []) {
		const lower = word.toLowerCase();
		if (NON_ENGLISH_WORDS.has(lower))
			findings.push({ rule: 'english', where, what: `"${word}" is not English (in "${text}")` });
		else if (/[^\x00-\x7F]/.test(word) && !PROPER_NAMES.has(lower))
			findings.push({
				rule: 'english',
				where,
				what: `"${word}" has letters outside English (in "${text}")`,
			});
	}
	for (const char of text.replace(/[\p{L}\p{M}]+/gu, '')) {
		const printableAscii = char === '\t' || char === '\n' || (char >= ' ' && char <= '~');
		if (!printableAscii && !TYPOGRAPHIC.has(char))
			findings.push({
				rule: 'english',
				where,
				what: `character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} "${char}" (in "${text}")`,
			});
	}
	return findings;
}

/** Keys whose string values n8n shows a person: labels, tooltips, placeholders, hints, actions. */
const VISIBLE_KEYS = new Set([
	'displayName',
	'description',
	'placeholder',
	'hint',
	'action',
	'message',
	'name',
]);

/**
 * The strings of a node or credential description that a user sees. `name` counts only where it is
 * a label (an option of a list, `{ name, value }`), not where it is a parameter's internal name;
 * values starting with `=` are expressions, not copy.
 */
export function visibleStrings(
	description: unknown,
	path = 'description',
): Array<{ where: string; text: string }> {
	const found: Array<{ where: string; text: string }> = [];
	if (Array.isArray(description)) {
		description.forEach((child, index) =>
			found.push(...visibleStrings(child, `${path}[${index}]`)),
		);
	} else if (description && typeof description === 'object') {
		const object = description as Record<string, unknown>;
		const isOption = 'value' in object && 'name' in object && !('type' in object);
		for (const [key, value] of Object.entries(object)) {
			if (typeof value === 'string') {
				const visible =
					VISIBLE_KEYS.has(key) && (key !== 'name' || isOption) && !value.startsWith('=');
				if (visible) found.push({ where: `${path}.${key}`, text: value });
			} else if (key !== 'default' && key !== 'routing' && key !== 'requestDefaults') {
				found.push(...visibleStrings(value, `${path}.${key}`));
			}
		}
	}
	return found;
}
