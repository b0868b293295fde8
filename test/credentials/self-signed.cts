/**
 * A self-signed certificate for 127.0.0.1, made fresh by `openssl` for each test file: the
 * certificate of a host that only a request with certificate checks switched off (or a caller's
 * own CA list) would accept.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function selfSignedCertificate(): { key: string; cert: string } {
	const folder = mkdtempSync(path.join(tmpdir(), 'debitura-self-signed-'));
	try {
		const key = path.join(folder, 'key.pem');
		const cert = path.join(folder, 'cert.pem');
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-keyout',
				key,
				'-out',
				cert,
				'-days',
				'1',
				'-subj',
				'/CN=127.0.0.1',
				'-addext',
				'subjectAltName=IP:127.0.0.1',
			],
			{ stdio: 'ignore' },
		);
		return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
