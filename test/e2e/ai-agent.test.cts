import { isInstalled, N8N_ON_NODE20, N8N_ON_NODE24 } from '../../scripts/n8n/apps.cjs';
import { requireInstalled } from './support/require-installed.cjs';
import { aiAgentScenario } from './support/scenarios/ai-agent.cjs';

/** The AI Agent with Debitura tools: both n8n releases have AI Agent 3.1 and OpenAI Chat Model 1.3. */
requireInstalled(N8N_ON_NODE20);
if (isInstalled(N8N_ON_NODE24)) aiAgentScenario(N8N_ON_NODE24, { toolsContinueOnError: false });
// 2.8.4 ends the run at a tool's error unless the tool node continues on error (see the scenario).
aiAgentScenario(N8N_ON_NODE20, { toolsContinueOnError: true });
