/**
 * A routing request URL with parameters in it, each `{name}` the value of the parameter of that
 * name: `requestUrl('/Payments/{paymentId}')`, `requestUrl('/cases/{case}/timeline')`. n8n's
 * `$parameter` hands a resource locator's value (an expression in it already resolved), or the
 * plain string an older workflow saved; trimmed and encoded, each value stays one path segment.
 * The operation's preSend checks the values before anything is sent (routing evaluates the URL
 * first), and for a case picked by reference puts the right segment in its place (caseLocator.ts).
 */
export function requestUrl(path: string): string {
	return `=${path.replace(/\{(\w+)\}/g, '{{ encodeURIComponent(String($parameter.$1 ?? "").trim()) }}')}`;
}
