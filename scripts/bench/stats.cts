/** Small statistics for benchmarks: medians of repeated runs, ratios taken within one run. */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
	const started = process.hrtime.bigint();
	const result = await run();
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

export const fmt = {
	ms: (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(2)),
	kb: (bytes: number) => (bytes / 1024).toFixed(1),
	ratio: (value: number) => `${value.toFixed(2)}×`,
	int: (value: number) => Math.round(value).toLocaleString('en-US'),
};

/** A Markdown table, which also reads well in a terminal. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
	const cells = [headers, ...rows.map((row) => row.map(String))];
	const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
	const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [line(cells[0]), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}
