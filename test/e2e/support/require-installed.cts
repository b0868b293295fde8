import { isInstalled, type N8nApp } from '../../../scripts/n8n/apps.cjs';

/** n8n 2.8.4 on Node 20 is the baseline: without it the suite fails and says how to install it. */
export function requireInstalled(app: N8nApp): void {
	if (!isInstalled(app)) {
		throw new Error(
			`${app.label} is not installed in ${app.folder}. Run: npm ci --prefix ${app.folder}`,
		);
	}
}
