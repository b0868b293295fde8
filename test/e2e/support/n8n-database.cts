import { execFile } from 'node:child_process';
import path from 'node:path';

import type { N8nInstance } from '../../../scripts/n8n/instance.cjs';

/**
 * Changes to a stopped n8n's SQLite database, made with the SQLite binding of the n8n install itself
 * (built for that install's Node), run by that Node: what an operator's database restore or hand
 * edit leaves behind, without a second SQLite dependency.
 */
function runSql(
	instance: N8nInstance,
	statements: Array<{ sql: string; params: string[] }>,
): Promise<void> {
	const script = `
const sqlite3 = require(${JSON.stringify(path.join(instance.app.folder, 'node_modules', 'sqlite3'))});
const statements = JSON.parse(process.argv[1]);
const db = new sqlite3.Database(${JSON.stringify(path.join(instance.userFolder, '.n8n', 'database.sqlite'))});
db.serialize(() => {
	for (const { sql, params } of statements) db.run(sql, params, (error) => { if (error) { console.error(error.message); process.exitCode = 1; } });
});
db.close();
`;
	return new Promise((resolve, reject) => {
		execFile(
			instance.app.nodeBinary,
			['-e', script, JSON.stringify(statements)],
			{ cwd: instance.app.folder },
			(error, _stdout, stderr) => {
				if (error) reject(new Error(`Editing n8n's database failed: ${stderr || error.message}`));
				else resolve();
			},
		);
	});
}

/** A workflow whose static data is lost (a restore from an older backup, a hand edit): what its triggers stored is gone. */
export function forgetStaticData(instance: N8nInstance, workflowId: string): Promise<void> {
	return runSql(instance, [
		{ sql: 'UPDATE workflow_entity SET staticData = NULL WHERE id = ?', params: [workflowId] },
	]);
}
