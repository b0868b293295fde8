import { createServer, type AddressInfo, type Server } from 'node:net';

/** Whether nothing listens on 127.0.0.1:port right now. */
export function isPortFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/**
 * Ports the OS considers free now, all different: every probe stays open until all are taken, so
 * the OS cannot hand out the same port twice. For tests, which must not collide with a developer's n8n.
 */
export async function anyFreePorts(count: number): Promise<number[]> {
	const probes = await Promise.all(
		Array.from(
			{ length: count },
			() =>
				new Promise<Server>((resolve, reject) => {
					const probe = createServer();
					probe.once('error', reject);
					probe.listen(0, '127.0.0.1', () => resolve(probe));
				}),
		),
	);
	const ports = probes.map((probe) => (probe.address() as AddressInfo).port);
	await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
	return ports;
}

/**
 * The preferred port, or the next free one above it: the familiar 5678 when it is free, and no
 * clash with an n8n the developer already runs. `taken` lists ports already promised to another process.
 */
export async function freePortFrom(preferred: number, taken: number[] = []): Promise<number> {
	for (let port = preferred; port < preferred + 100; port++) {
		if (!taken.includes(port) && (await isPortFree(port))) return port;
	}
	throw new Error(`No free port on 127.0.0.1 between ${preferred} and ${preferred + 99}`);
}
