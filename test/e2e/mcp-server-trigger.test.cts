import { isInstalled, N8N_ON_NODE20, N8N_ON_NODE24 } from '../../scripts/n8n/apps.cjs';
import { requireInstalled } from './support/require-installed.cjs';
import { mcpServerTriggerScenario } from './support/scenarios/mcp-server-trigger.cjs';

/** n8n's MCP Server Trigger (version 2, which both n8n releases have) exposing Debitura tools to an MCP client. */
requireInstalled(N8N_ON_NODE20);
if (isInstalled(N8N_ON_NODE24))
	mcpServerTriggerScenario(N8N_ON_NODE24, { errorsEndWithStack: false });
mcpServerTriggerScenario(N8N_ON_NODE20, { errorsEndWithStack: true });
