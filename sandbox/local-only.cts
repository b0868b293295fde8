import type { ApiResponse } from './api-response.cjs';

/**
 * The sandbox listens on 127.0.0.1 only, but a web page can still reach it through the browser:
 * DNS rebinding points a name the page controls at 127.0.0.1, and the browser then sends that name
 * as the Host header. Answering only to loopback names with our own port shuts that door.
 */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** A 421 when the Host header is not a loopback name with the port the request arrived on. */
export function refuseForeignHost(
	host: string | undefined,
	port: number | undefined,
): ApiResponse | undefined {
	const accepted = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
	if (host !== undefined && port !== undefined && accepted.includes(host.toLowerCase()))
		return undefined;
	return {
		status: 421,
		json: {
			error: `The sandbox answers only to Host ${accepted.join(', ')}; this request said ${host === undefined ? 'nothing' : JSON.stringify(host)}.`,
		},
	};
}
