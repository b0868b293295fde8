import { useSandbox } from '../harness/fixtures.cjs';
import { runWorkflow } from '../harness/run-workflow.cjs';

const env = useSandbox();

const run = async (resource: string, operation: string, parameters: Record<string, unknown>) =>
	await runWorkflow({
		credentials: env.credentials,
		node: { parameters: { resource, operation, ...parameters } },
	});

const caseParam = (mode: string, value: string) => ({ __rl: true, mode, value });
const UNKNOWN = '00000000-0000-4000-8000-0000000000cc';

async function quotedCase(creditorReference = 'INV-Q') {
	const stored = env.sandbox.createCase({
		isTest: true,
		creditorReference,
		lifecycle: 'LeadsQuoteGiven',
	});
	const list = await run('quoteRequest', 'getMany', { case: caseParam('id', stored.id) });
	const quoteRequestId = String(list.items[0].json.quoteRequestId);
	const quotes = await run('quote', 'getMany', {
		case: caseParam('id', stored.id),
		quoteRequestId,
	});
	env.sandbox.requests.length = 0;
	return {
		stored,
		quoteRequestId,
		quoteIds: quotes.items.map((item) => String(item.json.quoteId)),
	};
}

const valueFor = (mode: string, stored: { id: string; reference?: string | null }) =>
	mode === 'creditorReference'
		? 'INV-Q'
		: mode === 'caseReference'
			? String(stored.reference)
			: stored.id;

describe('Quote Request → Get Many / Get, Quote → Get Many / Get', () => {
	test.each(['id', 'creditorReference', 'caseReference'])(
		'each operation reads the case found by %s, at the spec paths',
		async (mode) => {
			const { stored, quoteRequestId, quoteIds } = await quotedCase();
			const value = valueFor(mode, stored);
			const requests = await run('quoteRequest', 'getMany', { case: caseParam(mode, value) });
			expect(requests.items.map((item) => item.json.quoteRequestId)).toEqual([quoteRequestId]);
			expect(String(requests.items[0].json.dateCreated)).toMatch(/Z$/);
			const request = await run('quoteRequest', 'get', {
				case: caseParam(mode, value),
				quoteRequestId,
			});
			expect(request.items[0].json).toMatchObject({
				quoteRequestId,
				currentQuotesCount: 2,
				isMaxBidCountReached: false,
			});
			const quotes = await run('quote', 'getMany', {
				case: caseParam(mode, value),
				quoteRequestId,
			});
			expect(quotes.items.map((item) => item.json.partnerName)).toEqual([
				'Nordic Collect A/S',
				'Lex Inkasso GmbH',
			]);
			const quote = await run('quote', 'get', {
				case: caseParam(mode, value),
				quoteRequestId,
				quoteId: quoteIds[1],
			});
			expect(quote.items[0].json).toMatchObject({
				quoteId: quoteIds[1],
				agreementType: 'Hybrid',
				pricing: { successFeeFee: 8 },
			});
			const paths = env.sandbox.requests
				.map((r) => r.path)
				.filter((path) => path.includes('/quote-requests'));
			expect(paths).toEqual([
				`/cases/${stored.id}/quote-requests`,
				`/cases/${stored.id}/quote-requests/${quoteRequestId}`,
				`/cases/${stored.id}/quote-requests/${quoteRequestId}/quotes`,
				`/cases/${stored.id}/quote-requests/${quoteRequestId}/quotes/${quoteIds[1]}`,
			]);
			for (const sent of env.sandbox.requests) expect(sent.query).toEqual({});
		},
	);

	test('a case not collecting quotes has none; Limit applies', async () => {
		const plain = env.sandbox.createCase({ isTest: true });
		expect(
			(await run('quoteRequest', 'getMany', { case: caseParam('id', plain.id) })).items,
		).toEqual([]);
		const { stored, quoteRequestId } = await quotedCase();
		expect(
			(
				await run('quote', 'getMany', {
					case: caseParam('id', stored.id),
					quoteRequestId,
					limit: 1,
				})
			).items,
		).toHaveLength(1);
	});

	test.each([
		[
			'id',
			'00000000-0000-4000-8000-000000000000',
			'No case has case ID "00000000-0000-4000-8000-000000000000".',
		],
		['creditorReference', 'NO-SUCH-INVOICE', 'No case has creditor reference "NO-SUCH-INVOICE".'],
		['caseReference', 'ZZZZZZZZ', 'No case has case reference "ZZZZZZZZ".'],
	])(
		'an unknown %s is a 404 that names the case, for every operation',
		async (mode, value, named) => {
			const { quoteRequestId, quoteIds } = await quotedCase();
			for (const [resource, operation] of [
				['quoteRequest', 'getMany'],
				['quoteRequest', 'get'],
				['quote', 'getMany'],
				['quote', 'get'],
			]) {
				const { error } = await run(resource, operation, {
					case: caseParam(mode, value),
					quoteRequestId,
					quoteId: quoteIds[0],
				});
				expect(error?.message).toBe('Debitura has no case matching the "Case" parameter');
				expect(error?.description?.startsWith(named)).toBe(true);
			}
		},
	);

	test('an unknown quote request or quote is a 404 that names it, not the case', async () => {
		const { stored, quoteRequestId } = await quotedCase();
		const request = await run('quoteRequest', 'get', {
			case: caseParam('id', stored.id),
			quoteRequestId: UNKNOWN,
		});
		expect(request.error?.message).toBe(
			'Debitura has no quote request matching the "Quote Request ID" parameter',
		);
		const quotes = await run('quote', 'getMany', {
			case: caseParam('id', stored.id),
			quoteRequestId: UNKNOWN,
		});
		expect(quotes.error?.message).toBe(
			'Debitura has no quote request matching the "Quote Request ID" parameter',
		);
		const quote = await run('quote', 'get', {
			case: caseParam('id', stored.id),
			quoteRequestId,
			quoteId: UNKNOWN,
		});
		expect(quote.error?.message).toBe('Debitura has no quote matching the "Quote ID" parameter');
		expect(quote.error?.description).toContain(`quote ID "${UNKNOWN}"`);
	});

	test('an ID that is not a UUID is refused before sending', async () => {
		const { stored } = await quotedCase();
		const { error } = await run('quote', 'get', {
			case: caseParam('id', stored.id),
			quoteRequestId: '={{ "QR-1" }}',
			quoteId: UNKNOWN,
		});
		expect(error?.message).toBe('"Quote Request ID" is not a valid ID: "QR-1" [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});
