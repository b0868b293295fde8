/** Anything with a method and a path pattern: API routes and control-surface routes alike. */
export interface RoutePattern {
	method: string;
	/** Segments; a segment starting with ':' captures a (decoded) path parameter. */
	path: string;
}

export type RouteMatch<R extends RoutePattern> =
	| { kind: 'found'; route: R; params: Record<string, string> }
	| { kind: 'wrong-method'; allowed: string[] }
	| { kind: 'not-found' };

/**
 * Matches a path against the route table. Literal segments compare case-insensitively
 * (ASP.NET routing does, and the spec spells `/Payments` with a capital P); a trailing slash is
 * ignored. Literal routes are listed before parameter routes of the same length, and the first
 * match wins.
 */
export function matchRoute<R extends RoutePattern>(
	routes: readonly R[],
	method: string,
	path: string,
): RouteMatch<R> {
	const segments = splitPath(path);
	const allowed: string[] = [];
	for (const route of routes) {
		const params = matchSegments(splitPath(route.path), segments);
		if (params === undefined) continue;
		if (route.method === method.toUpperCase()) return { kind: 'found', route, params };
		allowed.push(route.method);
	}
	return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'not-found' };
}

function splitPath(path: string): string[] {
	return path
		.split('/')
		.filter(
			(segment, index, all) => !(segment === '' && (index === 0 || index === all.length - 1)),
		);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
	if (pattern.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i].startsWith(':')) {
			params[pattern[i].slice(1)] = safeDecode(actual[i]);
		} else if (pattern[i].toLowerCase() !== actual[i].toLowerCase()) {
			return undefined;
		}
	}
	return params;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
