/**
 * A small multipart/form-data parser. It works on Buffers throughout so file bytes come out
 * exactly as sent (no text decoding of part bodies).
 */

export interface MultipartPart {
	name: string;
	/** null for plain form fields. */
	fileName: string | null;
	contentType: string | null;
	data: Buffer;
}

/** The boundary parameter of a multipart Content-Type header, quoted or not. */
export function boundaryOf(contentTypeHeader: string): string | undefined {
	const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentTypeHeader);
	return match ? (match[1] ?? match[2]) : undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Returns undefined when the body is not well-formed multipart for this boundary. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
	const delimiter = Buffer.from(`--${boundary}`);
	// Every delimiter after the first is preceded by CRLF, which belongs to the delimiter, not the data.
	const innerDelimiter = Buffer.concat([CRLF, delimiter]);
	let position = body.indexOf(delimiter);
	if (position === -1) return undefined;
	position += delimiter.length;

	const parts: MultipartPart[] = [];
	for (;;) {
		if (body.subarray(position, position + 2).toString('latin1') === '--') return parts;
		const lineEnd = body.indexOf(CRLF, position);
		if (lineEnd === -1) return undefined;
		const headersStart = lineEnd + CRLF.length;
		const headersEnd = body.indexOf(HEADER_END, headersStart - CRLF.length);
		if (headersEnd === -1) return undefined;
		const headerText =
			headersEnd < headersStart ? '' : body.subarray(headersStart, headersEnd).toString('utf8');
		const dataStart = headersEnd + HEADER_END.length;
		const dataEnd = body.indexOf(innerDelimiter, dataStart);
		if (dataEnd === -1) return undefined;

		const part = describePart(headerText, body.subarray(dataStart, dataEnd));
		if (part) parts.push(part);
		position = dataEnd + innerDelimiter.length;
	}
}

function describePart(headerText: string, data: Buffer): MultipartPart | undefined {
	const headers = new Map<string, string>();
	for (const line of headerText.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0)
			headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	const disposition = headers.get('content-disposition');
	if (!disposition) return undefined;
	const params = dispositionParams(disposition);
	const name = params.get('name');
	if (name === undefined) return undefined;
	return {
		name,
		fileName: params.get('filename*') ?? params.get('filename') ?? null,
		contentType: headers.get('content-type') ?? null,
		data,
	};
}

/** `form-data; name="File"; filename="a.pdf"` → name, filename; `filename*=UTF-8''…` decoded. */
function dispositionParams(disposition: string): Map<string, string> {
	const params = new Map<string, string>();
	const pattern = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
	for (let match = pattern.exec(disposition); match !== null; match = pattern.exec(disposition)) {
		const key = match[1].toLowerCase();
		let value = match[2].trim();
		if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
		if (key === 'filename*') value = decodeExtendedValue(value);
		params.set(key, value);
	}
	return params;
}

function decodeExtendedValue(value: string): string {
	const match = /^[^']*'[^']*'(.*)$/.exec(value);
	try {
		return decodeURIComponent(match ? match[1] : value);
	} catch {
		return value;
	}
}
