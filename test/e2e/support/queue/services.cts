import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { anyFreePorts } from '../../../../scripts/n8n/ports.cjs';

/**
 * PostgreSQL and Redis for n8n's queue mode, from Debian's packages, each started by hand in a
 * temporary folder on a free loopback port and stopped (data deleted) afterwards. No system service is
 * started or left behind: nothing listens anywhere but 127.0.0.1, and nothing outlives the test run.
 */

export interface QueueServices {
	postgres: { host: string; port: number; database: string; user: string };
	redis: { host: string; port: number };
	/** The settings every n8n process of the cluster shares: the database, Redis and queue mode. */
	n8nEnv: Record<string, string>;
	stop(): void;
}

const POSTGRES_ROOT = '/usr/lib/postgresql';
/** initdb's superuser; n8n connects as it without a password (trust, loopback only). */
const DB_USER = 'n8n';

function postgresBin(): string | undefined {
	if (!existsSync(POSTGRES_ROOT)) return undefined;
	const newest = readdirSync(POSTGRES_ROOT)
		.filter((version) => existsSync(path.join(POSTGRES_ROOT, version, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a))[0];
	return newest && path.join(POSTGRES_ROOT, newest, 'bin');
}

function hasRedis(): boolean {
	try {
		execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/**
 * Installs the two servers from Debian's packages when they are missing (CI runs as root on a fresh
 * machine). The packages' own services are not started: in this container nothing starts them.
 */
export function ensureQueueServicesInstalled(): void {
	if (postgresBin() && hasRedis()) return;
	const apt = {
		stdio: 'inherit' as const,
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	};
	execFileSync('apt-get', ['update'], apt);
	execFileSync(
		'apt-get',
		['install', '-y', '--no-install-recommends', 'postgresql', 'redis-server'],
		apt,
	);
	if (!postgresBin() || !hasRedis())
		throw new Error('PostgreSQL or Redis is still missing after apt-get install');
}

/** Runs a PostgreSQL binary as the `postgres` user: PostgreSQL refuses to run as root. */
function asPostgres(bin: string, args: string[]): void {
	execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' });
}

export async function startQueueServices(): Promise<QueueServices> {
	ensureQueueServicesInstalled();
	const bin = postgresBin()!;
	const folder = mkdtempSync(path.join(tmpdir(), 'n8n-debitura-queue-'));
	const { uid, gid } = postgresIds();
	chownSync(folder, uid, gid);
	const dataDir = path.join(folder, 'data');
	const [pgPort, redisPort] = await anyFreePorts(2);

	asPostgres(path.join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', DB_USER, '--no-sync']);
	asPostgres(path.join(bin, 'pg_ctl'), [
		'-D',
		dataDir,
		'-w',
		'-l',
		path.join(folder, 'postgres.log'),
		// The socket goes into the temporary folder, TCP only on loopback; fsync off: data is thrown away.
		'-o',
		`-p ${pgPort} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
		'start',
	]);
	let redisStarted = false;
	const stop = () => {
		if (redisStarted) {
			try {
				execFileSync(
					'redis-cli',
					['-h', '127.0.0.1', '-p', String(redisPort), 'shutdown', 'nosave'],
					{ stdio: 'ignore' },
				);
			} catch {
				// Already gone: shutdown closes the connection before answering.
			}
		}
		try {
			asPostgres(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
		} catch {
			// Not running.
		}
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		execFileSync('redis-server', [
			'--port',
			String(redisPort),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'yes',
			'--dir',
			folder,
			'--logfile',
			path.join(folder, 'redis.log'),
		]);
		redisStarted = true;
		await waitForRedis(redisPort);
	} catch (error) {
		stop();
		throw error;
	}
	const postgres = { host: '127.0.0.1', port: pgPort, database: 'postgres', user: DB_USER };
	const redis = { host: '127.0.0.1', port: redisPort };
	return {
		postgres,
		redis,
		n8nEnv: {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
		},
		stop,
	};
}

function postgresIds(): { uid: number; gid: number } {
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
	return { uid: id('-u'), gid: id('-g') };
}

async function waitForRedis(port: number): Promise<void> {
	for (let attempt = 0; attempt < 50; attempt++) {
		try {
			if (
				execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'])
					.toString()
					.trim() === 'PONG'
			)
				return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`Redis on 127.0.0.1:${port} did not answer`);
}
