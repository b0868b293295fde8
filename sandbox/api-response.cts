/**
 * What a route handler returns. Handlers never touch the Node response object, which keeps them
 * easy to read and lets the server record every status in one place.
 */
export interface ApiResponse {
	status: number;
	/** Serialised as JSON. */
	json?: unknown;
	/** Sent as-is; used for file downloads and byte-exact idempotent replays. */
	bytes?: Buffer;
	contentType?: string;
	headers?: Record<string, string>;
}

export function jsonResponse(status: number, body: unknown): ApiResponse {
	return { status, json: body };
}

export function emptyResponse(status: number): ApiResponse {
	return { status };
}
