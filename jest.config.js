/**
 * Test files and tooling are `.cts` (TypeScript compiled as CommonJS): `n8n-node lint` applies n8n's
 * community-node rules to every `.ts` file in the repository, and those rules (rightly) forbid
 * `node:http`, `process` and friends, which a test server and a harness need. `.cts` keeps them typed
 * and out of the package linter's reach; only `nodes/` and `credentials/` ship.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.cts'],
	// Real n8n runs under `npm run test:e2e` and `npm run test:e2e:queue` (their own jest configs).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/e2e-queue/'],
	moduleFileExtensions: ['cts', 'ts', 'js', 'cjs', 'json'],
	// Type checking is `npm run typecheck`'s job (tsc over all test code); jest only transpiles.
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	resolver: '<rootDir>/test/harness/jest-resolver.js',
	setupFiles: ['<rootDir>/test/harness/env.cts'],
	testTimeout: 60_000,
};
