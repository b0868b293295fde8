import { describeApiError } from '../../nodes/shared/errors';

/**
 * Debitura answers errors in four shapes (notes §4); each must become a message naming what went
 * wrong. A pure function, so it is tested directly; the routes to it run through n8n in the other
 * node tests.
 */
describe('describeApiError', () => {
	const labels = { currencyCode: 'Currency', 'debtor.countryAlpha2': 'Debtor Country' };

	test('a bare field map names the n8n parameters', () => {
		const { message } = describeApiError(400, { currencyCode: ['Invalid currency code: XYZ'], 'debtor.countryAlpha2': ['Invalid country code: ZZ'] }, { action: 'create the case', fieldLabels: labels });
		expect(message).toBe('Debitura could not create the case: "Currency": Invalid currency code: XYZ; "Debtor Country": Invalid country code: ZZ');
	});

	test('ASP.NET ValidationProblemDetails with PascalCase paths', () => {
		const { message } = describeApiError(
			400,
			{ type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400, errors: { 'Debtor.CountryAlpha2': ['Required'] } },
			{ action: 'create the case', fieldLabels: labels },
		);
		expect(message).toBe('Debitura could not create the case: "Debtor Country": Required');
	});

	test('businessErrors[] wins over the legacy error/message pair', () => {
		const { message } = describeApiError(400, { error: 'Bad', message: 'Legacy text', businessErrors: [{ type: 'InvalidPagination', message: 'PageSize must be at most 100', solutionUrl: null }] }, { action: 'list payments' });
		expect(message).toBe('Debitura could not list payments: PageSize must be at most 100');
	});

	test('legacy error/message alone', () => {
		expect(describeApiError(404, { error: 'NotFound', message: 'Case not found.' }, { action: 'get the case' }).message).toBe('Debitura could not get the case: Case not found.');
	});

	test('ProblemDetails detail', () => {
		expect(describeApiError(500, { title: 'Server error', detail: 'Timeout talking to core' }, { action: 'get the case' }).message).toBe(
			'Debitura had a server error while trying to get the case (HTTP 500): Timeout talking to core',
		);
	});

	test('422 business errors list each solution URL and lead with the signing link', () => {
		const described = describeApiError(
			422,
			{
				businessErrors: [
					{ type: 'MissingDebtCollectionContract', message: 'Sign the debt collection contract.', solutionUrl: 'https://app.example/sign/dca' },
					{ type: 'MissingPowerOfAttorney', message: 'Sign the power of attorney.', solutionUrl: 'https://app.example/sign/poa' },
				],
				signingHandoff: { combinedSigningUrl: 'https://app.example/sign/all' },
			},
			{ action: 'create the case' },
		);
		expect(described.message).toBe('Debitura could not create the case: Sign the debt collection contract. Sign the power of attorney.');
		expect(described.description.split('\n')).toEqual([
			'Sign the missing documents in one go: https://app.example/sign/all',
			'Sign the debt collection contract. Resolve it here: https://app.example/sign/dca',
			'Sign the power of attorney. Resolve it here: https://app.example/sign/poa',
		]);
	});

	test('an empty 401 body still reads as a key problem', () => {
		expect(describeApiError(401, '', { action: 'get the case' }).message).toBe('Debitura rejected the API key');
	});
});
