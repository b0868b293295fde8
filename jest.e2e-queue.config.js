/**
 * `npm run test:e2e:queue`: the packed package in n8n's queue mode (main, workers, webhook processor,
 * PostgreSQL, Redis). Separate from `npm run test:e2e` because it needs the database servers and four
 * n8n processes at once; same TypeScript setup and timeouts.
 */
const e2e = require('./jest.e2e.config.js');

module.exports = {
	...e2e,
	roots: ['<rootDir>/test/e2e-queue'],
};
