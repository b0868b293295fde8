import type { N8nApp } from './apps.cjs';

/**
 * One n8n installation state: which n8n runs, the folder its data lives in, and the loopback ports it
 * uses. The CLI commands and `n8n start` of one instance share it, so they see the same database.
 */
export interface N8nInstance {
	app: N8nApp;
	/** N8N_USER_FOLDER: n8n keeps config, database and community packages in `<userFolder>/.n8n`. */
	userFolder: string;
	port: number;
	/** Where n8n's task runners connect; every n8n process on the machine needs its own. */
	brokerPort: number;
	/** A user folder remembers the key it was created with; the same one must come back every time. */
	encryptionKey: string;
	logLevel?: 'debug' | 'info' | 'warn' | 'error';
	/** 'json' makes `n8n execute --rawOutput` results machine-readable. */
	logFormat?: 'text' | 'json';
	/** Settings that replace or add to the defaults below: queue mode's database and Redis, the durable scheduler, … */
	env?: Record<string, string>;
}

export function instanceUrl(instance: N8nInstance): string {
	return `http://127.0.0.1:${instance.port}`;
}

/**
 * Settings inherited from the caller's environment would silently change what n8n does: another user
 * folder, or NODE_ENV=test (set by jest), under which n8n exits at start-up without a word.
 */
const INHERITED_N8N_SETTINGS =
	/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_ENV$|NODE_OPTIONS$|JEST_)/;

export function n8nEnvironment(instance: N8nInstance): NodeJS.ProcessEnv {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !INHERITED_N8N_SETTINGS.test(name)),
	);
	return {
		...inherited,
		N8N_USER_FOLDER: instance.userFolder,
		N8N_ENCRYPTION_KEY: instance.encryptionKey,
		// Loopback only: the editor, the REST API and the task-runner broker.
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_PORT: String(instance.port),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(instance.brokerPort),
		// Plain http on 127.0.0.1 cannot carry a Secure cookie; without this, login fails silently.
		N8N_SECURE_COOKIE: 'false',
		// Nothing phones home: no telemetry, version checks or template gallery.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_LEVEL: instance.logLevel ?? 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_FORMAT: instance.logFormat ?? 'text',
		// Ctrl-C should not wait the default 30 s for executions that never come.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		GENERIC_TIMEZONE: 'UTC',
		DB_TYPE: 'sqlite',
		...instance.env,
	};
}
