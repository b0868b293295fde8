/**
 * CHANGELOG.md and package.json's version go together: a version tag is only published when these
 * checks pass (publish.yml runs `npm test` first), so a release without its changelog section, or
 * with a to-do left in it, stops before it reaches npm.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
const { version, repository } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const repo = String(repository.url)
	.replace(/^git\+/, '')
	.replace(/\.git$/, '');

const sections = [...changelog.matchAll(/^## (.*)$/gm)].map((match) => match[1]);
const releases = sections.filter((heading) => heading !== '[Unreleased]');
const releaseVersions = releases.map(
	(heading) => /^\[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$/.exec(heading)?.[1],
);

/** The text of the section under a `## ` heading, up to the next one. */
function body(heading: string): string {
	const start = changelog.indexOf(`## ${heading}\n`);
	const next = changelog.indexOf('\n## ', start + 1);
	const links = changelog.indexOf('\n[Unreleased]: ');
	return changelog.slice(start, next === -1 ? links : next);
}

const compareSemver = (a: string, b: string) => {
	const [x, y] = [a, b].map((v) => v.split('.').map(Number));
	return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

test('Keep a Changelog layout: Unreleased first, then dated releases, newest first', () => {
	expect(changelog.startsWith('# Changelog\n')).toBe(true);
	expect(sections[0]).toBe('[Unreleased]');
	expect(releaseVersions).not.toContain(undefined);
	const versions = releaseVersions as string[];
	expect([...versions].sort(compareSemver).reverse()).toEqual(versions);
	for (const heading of releases) {
		expect(body(heading)).toMatch(/^### (Added|Changed|Deprecated|Removed|Fixed|Security)$/m);
	}
});

test("package.json's version has its section, and a released section has no to-do left", () => {
	expect(releaseVersions).toContain(version);
	for (const heading of releases) expect(body(heading)).not.toMatch(/TODO/);
});

test('every section links to its tag or comparison on GitHub', () => {
	const versions = releaseVersions as string[];
	expect(changelog).toContain(`\n[Unreleased]: ${repo}/compare/v${versions[0]}...HEAD\n`);
	versions.forEach((v, index) => {
		const previous = versions[index + 1];
		const link = previous ? `${repo}/compare/v${previous}...v${v}` : `${repo}/releases/tag/v${v}`;
		expect(changelog).toContain(`\n[${v}]: ${link}\n`);
	});
});
