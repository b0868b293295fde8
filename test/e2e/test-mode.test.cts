import { N8N_ON_NODE20 } from '../../scripts/n8n/apps.cjs';
import { requireInstalled } from './support/require-installed.cjs';
import { testModeScenario } from './support/scenarios/test-mode.cjs';

requireInstalled(N8N_ON_NODE20);
testModeScenario(N8N_ON_NODE20);
