// `npm run scan`: n8n's community-package scanner, run locally the way n8n's verification runs it —
// once on the source (nodes/, credentials/, package.json) and once on the unpacked `npm pack`
// tarball. (The published-package path of the scanner also checks npm provenance, which only a
// registry release can have.) Plain ESM because the scanner is an ES module.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'n8n-debitura-scan-'));
let failed = false;
try {
	execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);

	for (const [label, dir, patterns] of [
		['source', root, SOURCE_FILE_PATTERNS],
		[`tarball ${tarball}`, unpacked, ['**/*.js', 'package.json']],
	]) {
		const result = await analyzePackage(dir, patterns);
		console.log(`${result.passed ? 'passed' : 'FAILED'}: community-package scan of the ${label}`);
		if (!result.passed) {
			failed = true;
			console.log(result.message);
			if (result.details) console.log(result.details);
		}
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
