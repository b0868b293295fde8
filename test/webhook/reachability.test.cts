import { checkReachable, isLoopbackApi } from '../../nodes/DebituraTrigger/reachability';

/** Which n8n webhook URLs Debitura can call (public HTTPS on 443/8443), as the trigger judges them before subscribing. */
describe('Debitura Trigger: can Debitura reach this URL?', () => {
	it.each([
		'https://n8n.example.com/webhook/abc/webhook',
		'https://n8n.example.com:443/webhook/abc/webhook',
		'https://n8n.example.com:8443/webhook/abc/webhook',
		'https://203.0.113.7/webhook/abc/webhook',
	])('accepts %s', (url) => {
		expect(checkReachable(url)).toEqual({ ok: true });
	});

	it.each([
		['http://n8n.example.com/webhook/x', 'not HTTPS'],
		['https://n8n.example.com:5678/webhook/x', 'port 5678'],
		['https://localhost/webhook/x', 'local or private'],
		['https://127.0.0.1/webhook/x', 'local or private'],
		['https://[::1]/webhook/x', 'local or private'],
		['https://10.1.2.3/webhook/x', 'local or private'],
		['https://172.20.0.5/webhook/x', 'local or private'],
		['https://192.168.0.10/webhook/x', 'local or private'],
		['https://169.254.169.254/webhook/x', 'local or private'],
		['https://100.100.1.1/webhook/x', 'local or private'],
		['https://[fd12::1]/webhook/x', 'local or private'],
		['https://n8n.local/webhook/x', 'local or private'],
		['https://n8n/webhook/x', 'local or private'],
		['not a url', 'not an absolute URL'],
	])('refuses %s (%s)', (url, words) => {
		const verdict = checkReachable(url);
		expect(verdict.ok).toBe(false);
		expect(!verdict.ok && verdict.problem).toContain(words);
	});

	it('leaves the decision to a Debitura API on a loopback address (the sandbox, a local proxy)', () => {
		expect(isLoopbackApi('http://127.0.0.1:5688')).toBe(true);
		expect(isLoopbackApi('http://localhost:5688')).toBe(true);
		expect(isLoopbackApi('https://customer-api.debitura.com')).toBe(false);
	});
});
