import { isInstalled, N8N_ON_NODE20, N8N_ON_NODE24 } from '../../scripts/n8n/apps.cjs';
import { requireInstalled } from './support/require-installed.cjs';
import { webhookGuaranteesScenario } from './support/scenarios/webhook-guarantees.cjs';
import { webhookTriggerScenario } from './support/scenarios/webhook-trigger.cjs';

/** The Debitura Trigger (webhook) in both n8n versions; the current one only where it is installed. */
requireInstalled(N8N_ON_NODE20);
webhookTriggerScenario(N8N_ON_NODE20);
webhookGuaranteesScenario(N8N_ON_NODE20);
if (isInstalled(N8N_ON_NODE24)) {
	webhookTriggerScenario(N8N_ON_NODE24);
	webhookGuaranteesScenario(N8N_ON_NODE24);
}
