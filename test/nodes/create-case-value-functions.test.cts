/** The pure value functions behind Create Case, over the edges the engine tests do not each repeat. */
import { idempotencyKeyHeader } from '../../nodes/Debitura/resources/case/createCaseRequest';
import {
	cleanText,
	positiveAmount,
	roundToCents,
	utcDateTime,
} from '../../nodes/Debitura/helpers/values';

describe('roundToCents', () => {
	test.each([
		[1.005, 101],
		[1.015, 102],
		[2.675, 268],
		[0.1 + 0.2, 30],
		[8.345, 835],
		[1e-7, 0],
		[0.004999, 0],
		[0.005, 1],
		[-1.005, -101],
		[123456789012.345, 12345678901235],
		['0001.50', 150],
		[' 7.125 ', 713],
		[1e21, 1e23],
	])('%j → %j cents', (value, cents) => {
		expect(roundToCents(value)).toBe(cents);
	});

	test.each([
		Number.NaN,
		Number.POSITIVE_INFINITY,
		'1e3',
		'1,5',
		'1.234,50',
		'',
		'.5',
		'5.',
		'+5',
		'0x10',
	])('%j is no plain number', (value) => {
		expect(roundToCents(value)).toBeUndefined();
	});

	test('every two-decimal amount up to 10 000.00 survives unchanged', () => {
		const changed: number[] = [];
		for (let cents = 0; cents <= 1_000_000; cents += 1)
			if (roundToCents(cents / 100) !== cents) changed.push(cents);
		expect(changed).toEqual([]);
	});
});

describe('positiveAmount', () => {
	test('the maximum is accepted, one cent more is not', () => {
		expect(positiveAmount(1e12, 'A')).toBe(1e12);
		expect(positiveAmount('1000000000000.004', 'A')).toBe(1e12);
		expect(() => positiveAmount('1000000000000.005', 'A')).toThrow(
			'"A" can be at most 1,000,000,000,000',
		);
	});

	test.each([true, null, undefined, {}, [1]])('%j is refused', (value) => {
		expect(() => positiveAmount(value, 'A')).toThrow(/^"A" must be/);
	});
});

describe('utcDateTime', () => {
	const date = (value: unknown) => utcDateTime(value, 'D', 'Europe/Berlin');

	test.each([
		[20260301, '2026-03-01T00:00:00Z'],
		['20260301', '2026-03-01T00:00:00Z'],
		['2026-03-01', '2026-03-01T00:00:00Z'],
		['2026-03-01 14:30', '2026-03-01T13:30:00Z'],
		[1772323200000, '2026-03-01T00:00:00Z'],
		[new Date('2000-01-01T00:00:00Z'), '2000-01-01T00:00:00Z'],
	])('%j → %s', (value, expected) => {
		expect(date(value)).toBe(expected);
	});

	test.each([
		0,
		-86_400,
		'1970-01-01',
		'0001-01-01',
		'1999-12-31T23:59:59Z',
		'2000-01-01T00:30:00+01:00',
		19991231,
	])('%j is before 2000', (value) => {
		expect(() => date(value)).toThrow(/^"D" must be on or after 2000-01-01/);
	});

	test.each([20261301, 20260230, '20261301', [20260301], { year: 2026 }])(
		'%j is refused',
		(value) => {
			expect(() => date(value)).toThrow(/^"D" must be (a date|a single value)/);
		},
	);
});

describe('cleanText', () => {
	test.each([
		['\u0000Acme\u007f Corp\u0085', 'Acme Corp'],
		['Line 1\r\nLine 2\tend', 'Line 1 Line 2 end'],
		['\ufeff\u200b Acme \u2060', 'Acme'],
		['A\u200dB', 'A\u200dB'],
		[42, '42'],
		[false, 'false'],
	])('one line: %j → %j', (value, expected) => {
		expect(cleanText(value, 'T')).toBe(expected);
	});

	test('multi-line keeps line breaks (as \\n) and tabs', () => {
		expect(cleanText('a\r\nb\rc\n\td\u0007', 'T', { multiline: true })).toBe('a\nb\nc\n\td');
	});

	test.each(['', '   ', '\u200b', '\u0000\u001f', '\u00a0\u200c\ufeff', null, undefined])(
		'%j is nothing',
		(value) => {
			expect(cleanText(value, 'T')).toBeUndefined();
		},
	);

	test('the limit counts what is sent', () => {
		expect(cleanText(`\u0000${'x'.repeat(5)}\u0000`, 'T', { maxLength: 5 })).toBe('xxxxx');
		expect(() => cleanText('x'.repeat(6), 'T', { maxLength: 5 })).toThrow(
			'"T" can be at most 5 characters (got 6)',
		);
	});

	test.each([
		[{ a: 1 }, '"T" must be a single value, not an object (got {"a":1})'],
		[['a', 'b'], '"T" must be a single value, not a list (got ["a","b"])'],
	])('%j is refused', (value, message) => {
		expect(() => cleanText(value, 'T')).toThrow(message);
	});
});

describe('idempotencyKeyHeader', () => {
	test('printable ASCII goes as given, trimmed of spaces at the ends', () => {
		expect(idempotencyKeyHeader('  INV 1/2 ~  ', 'K')).toBe('INV 1/2 ~');
		expect(idempotencyKeyHeader('   ', 'K')).toBeUndefined();
	});

	test('anything else is a hash of the exact text, so near-identical keys stay apart', () => {
		const keys = ['INV-😀-ü', 'INV--ü', 'INV-ü', 'INV-\u00a0', 'INV-\t', 'INV-'].map((key) =>
			idempotencyKeyHeader(key, 'K'),
		);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys.slice(0, 5)).toEqual(
			Array(5).fill(expect.stringMatching(/^n8n-key-[0-9a-f]{64}$/)),
		);
		expect(idempotencyKeyHeader('Faktura-Ø', 'K')).toBe(idempotencyKeyHeader('Faktura-Ø', 'K'));
	});

	test('a printable ASCII key over 255 characters is refused, never cut', () => {
		expect(idempotencyKeyHeader('k'.repeat(255), 'K')).toBe('k'.repeat(255));
		expect(() => idempotencyKeyHeader('k'.repeat(256), 'K')).toThrow(
			'"K" can be at most 255 characters (got 256)',
		);
	});
});
