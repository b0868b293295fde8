import { N8N_ON_NODE20 } from '../../scripts/n8n/apps.cjs';
import { requireInstalled } from './support/require-installed.cjs';
import { retryOnFailScenario } from './support/scenarios/retry-on-fail.cjs';

requireInstalled(N8N_ON_NODE20);
retryOnFailScenario(N8N_ON_NODE20);
