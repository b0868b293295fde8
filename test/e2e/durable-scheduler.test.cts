import { isInstalled, N8N_ON_NODE24 } from '../../scripts/n8n/apps.cjs';
import { durableSchedulerScenario } from './support/scenarios/durable-scheduler.cjs';

/** The durable scheduler exists from n8n 2.36 on, so only the Node 24 app has it (see node24.test.cts). */
if (isInstalled(N8N_ON_NODE24)) {
	durableSchedulerScenario(N8N_ON_NODE24);
} else {
	describe.skip(`${N8N_ON_NODE24.label} is not installed: npm ci --ignore-scripts --prefix e2e/n8n-app-node24 && npm run rebuild-native --prefix e2e/n8n-app-node24`, () => {
		it('would run the payment trigger under the durable scheduler', () => undefined);
	});
}
