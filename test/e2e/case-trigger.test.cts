import { isInstalled, N8N_ON_NODE20, N8N_ON_NODE24 } from '../../scripts/n8n/apps.cjs';
import { requireInstalled } from './support/require-installed.cjs';
import { caseTriggerScenario } from './support/scenarios/case-trigger.cjs';

/** The Debitura Case Trigger (polling) in both n8n versions; the current one only where it is installed. */
requireInstalled(N8N_ON_NODE20);
caseTriggerScenario(N8N_ON_NODE20);
if (isInstalled(N8N_ON_NODE24)) caseTriggerScenario(N8N_ON_NODE24);
