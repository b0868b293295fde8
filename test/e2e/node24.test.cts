import { isInstalled, N8N_ON_NODE24 } from '../../scripts/n8n/apps.cjs';
import { examplesScenario } from './support/scenarios/examples.cjs';
import { packageInN8nScenario } from './support/scenarios/package-in-n8n.cjs';
import { paymentTriggerScenario } from './support/scenarios/payment-trigger.cjs';
import { retryOnFailScenario } from './support/scenarios/retry-on-fail.cjs';
import { testModeScenario } from './support/scenarios/test-mode.cjs';

/**
 * The same checks on the current n8n release, which needs Node 24 (both from the npm registry). Its
 * app folder is a second 2.3 GB install: optional locally, always installed by .ci/run. Without it
 * this file says how to install it and skips.
 */
if (isInstalled(N8N_ON_NODE24)) {
	packageInN8nScenario(N8N_ON_NODE24);
	examplesScenario(N8N_ON_NODE24);
	paymentTriggerScenario(N8N_ON_NODE24);
	testModeScenario(N8N_ON_NODE24);
	retryOnFailScenario(N8N_ON_NODE24);
} else {
	describe.skip(`${N8N_ON_NODE24.label} is not installed: npm ci --ignore-scripts --prefix e2e/n8n-app-node24 && npm run rebuild-native --prefix e2e/n8n-app-node24`, () => {
		it('would run the package, example, payment-trigger, test-mode and Retry On Fail checks', () =>
			undefined);
	});
}
