/**
 * `npm run test:e2e`: the packed package in real n8n processes (e2e/n8n-app, e2e/n8n-app-node24).
 * Same TypeScript setup as jest.config.js; one file at a time (--runInBand), since every file runs
 * n8n processes of ~400 MB that want the CPU to themselves; timeouts sized for n8n start-ups and for
 * a polling trigger that fires once a minute.
 */
const base = require('./jest.config.js');

module.exports = {
	testEnvironment: base.testEnvironment,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.cts'],
	moduleFileExtensions: base.moduleFileExtensions,
	transform: base.transform,
	resolver: base.resolver,
	setupFiles: base.setupFiles,
	testTimeout: 300_000,
	slowTestThreshold: 60,
};
