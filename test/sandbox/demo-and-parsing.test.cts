import { boundaryOf, parseMultipart } from '../../sandbox/multipart.cjs';
import { normaliseUsState } from '../../sandbox/reference-data.cjs';
import { parseZonedDateTime } from '../../sandbox/time.cjs';
import { useSandbox } from './helpers.cjs';

describe('sandbox: demo data', () => {
	const sandbox = useSandbox();

	it('seeds a believable account once per reset', () => {
		const sb = sandbox.get();
		sb.seedDemoData();
		sb.seedDemoData();
		const cases = sb.listCases();
		expect(new Set(cases.map((c) => c.debtor.countryAlpha2))).toEqual(
			new Set(['DK', 'DE', 'US', 'GB']),
		);
		expect(
			cases.some((c) => c.lifecycle === 'Closed' && c.closeCode === 'Paid' && c.remainder === 0),
		).toBe(true);
		expect(cases.some((c) => c.lifecycle === 'Active')).toBe(true);
		expect(cases.some((c) => c.isTestCase)).toBe(true);
		expect(new Set(cases.map((c) => c.creditorReference)).size).toBe(cases.length);
		expect(sb.listPayments().length).toBeGreaterThanOrEqual(5);
		// Nothing in the demo lies in the future.
		for (const c of cases) expect(Date.parse(`${c.dateCreated}Z`)).toBeLessThanOrEqual(Date.now());
		sb.reset();
		expect(sb.listCases()).toEqual([]);
		expect(sb.listPayments()).toEqual([]);
	});
});

describe('sandbox: parsing helpers', () => {
	// Apostrophes, parentheses and spaces are legal boundary characters (RFC 2046), which is why it must be quoted.
	const BOUNDARY = "b0und'(a)ry x";

	it('parses multipart with a quoted boundary and an RFC 5987 file name, keeping bytes exact', () => {
		const bytes = Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]);
		const body = Buffer.concat([
			Buffer.from(
				`preamble\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="Description"\r\n\r\nÆble\r\n`,
			),
			Buffer.from(
				`--${BOUNDARY}\r\nContent-Disposition: form-data; name="File"; filename="x.pdf"; filename*=UTF-8''fak%C3%A6ra.pdf\r\nContent-Type: application/pdf\r\n\r\n`,
			),
			bytes,
			Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
		]);
		expect(boundaryOf(`multipart/form-data; boundary="${BOUNDARY}"`)).toBe(BOUNDARY);
		expect(boundaryOf('multipart/form-data; boundary=abc; charset=utf-8')).toBe('abc');
		const parts = parseMultipart(body, BOUNDARY)!;
		expect(parts.map((p) => [p.name, p.fileName, p.contentType])).toEqual([
			['Description', null, null],
			['File', 'fakæra.pdf', 'application/pdf'],
		]);
		expect(parts[0].data.toString('utf8')).toBe('Æble');
		expect(parts[1].data.equals(bytes)).toBe(true);
		expect(parseMultipart(Buffer.from('garbage'), 'x')).toBeUndefined();
	});

	it('requires a zone on date-times and checks the calendar', () => {
		expect(parseZonedDateTime('2024-02-29T12:00:00Z')).toEqual({
			ok: true,
			epochMs: Date.UTC(2024, 1, 29, 12),
		});
		expect(parseZonedDateTime('2024-02-29T12:00:00-05:00')).toEqual({
			ok: true,
			epochMs: Date.UTC(2024, 1, 29, 17),
		});
		expect(parseZonedDateTime('2023-02-29T12:00:00Z')).toEqual({ ok: false, reason: 'unparsable' });
		expect(parseZonedDateTime('2024-02-29T12:00:00')).toEqual({ ok: false, reason: 'no-zone' });
		expect(parseZonedDateTime('yesterday')).toEqual({ ok: false, reason: 'unparsable' });
	});

	it('knows all 50 states plus DC in three spellings', () => {
		expect(normaliseUsState('ny')).toBe('NY');
		expect(normaliseUsState('US-DC')).toBe('DC');
		expect(normaliseUsState('district of columbia')).toBe('DC');
		expect(normaliseUsState('PR')).toBeUndefined();
	});
});
