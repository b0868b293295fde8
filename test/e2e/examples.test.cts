import { N8N_ON_NODE20 } from '../../scripts/n8n/apps.cjs';
import { examplesScenario } from './support/scenarios/examples.cjs';
import { requireInstalled } from './support/require-installed.cjs';

requireInstalled(N8N_ON_NODE20);
examplesScenario(N8N_ON_NODE20);
