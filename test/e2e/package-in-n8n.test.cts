import { N8N_ON_NODE20 } from '../../scripts/n8n/apps.cjs';
import { packageInN8nScenario } from './support/scenarios/package-in-n8n.cjs';
import { requireInstalled } from './support/require-installed.cjs';

requireInstalled(N8N_ON_NODE20);
packageInN8nScenario(N8N_ON_NODE20);
