import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { EXAMPLES_DIR } from './repo.cjs';

export interface ExampleFile {
	file: string;
	content: string;
	id: string;
	name: string;
}

/** The importable example workflows in examples/, in file-name order. */
export function listExamples(): ExampleFile[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = path.join(EXAMPLES_DIR, name);
			const content = readFileSync(file, 'utf8');
			const { id, name: workflowName } = JSON.parse(content) as { id: string; name: string };
			return { file, content, id, name: workflowName };
		});
}
