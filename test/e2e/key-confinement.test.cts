import { isInstalled, N8N_ON_NODE20, N8N_ON_NODE24 } from '../../scripts/n8n/apps.cjs';
import { keyConfinementScenario } from './support/scenarios/key-confinement.cjs';
import { requireInstalled } from './support/require-installed.cjs';

/**
 * The Debitura credential in n8n's own HTTP Request node, on both n8n releases: it goes through
 * n8n-core's older request helper, which the engine suite cannot stand in for.
 */
requireInstalled(N8N_ON_NODE20);
keyConfinementScenario(N8N_ON_NODE20);
if (isInstalled(N8N_ON_NODE24)) {
	keyConfinementScenario(N8N_ON_NODE24);
} else {
	describe.skip(`${N8N_ON_NODE24.label} is not installed: npm ci --ignore-scripts --prefix e2e/n8n-app-node24 && npm run rebuild-native --prefix e2e/n8n-app-node24`, () => {
		it('would run the key-confinement checks', () => undefined);
	});
}
