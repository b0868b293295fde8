import { N8N_ON_NODE20 } from '../../scripts/n8n/apps.cjs';
import { paymentTriggerScenario } from './support/scenarios/payment-trigger.cjs';
import { requireInstalled } from './support/require-installed.cjs';

requireInstalled(N8N_ON_NODE20);
paymentTriggerScenario(N8N_ON_NODE20);
