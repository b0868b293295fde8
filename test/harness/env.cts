/**
 * Runs before any test module is loaded (jest `setupFiles`): n8n-core reads its settings from the
 * environment when its singletons are first built, so the user folder and log level are set here.
 * The user folder is a fresh temporary directory, never the developer's `~/.n8n`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'n8n-debitura-test-'));
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_ENCRYPTION_KEY ??= 'debitura-test-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
