/**
 * `fetch` for the floors (the no-n8n side of a comparison), sent again once when the connection
 * fails. The sandbox closes a kept-alive connection after 1 s idle, and the other side of the
 * comparison runs for seconds between two floor runs; on a loaded machine the close can cross
 * fetch reusing that connection (ECONNRESET), which once ended a whole bench run. The requests
 * are safe to repeat (reads, or creates with an Idempotency-Key); the repeat's time counts in
 * the floor's, and repeats are counted so a table can say so.
 */
export const floorRepeats = { count: 0 };

export async function floorFetch(url: string, init?: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (error) {
		if (!(error instanceof TypeError)) throw error; // fetch reports network failures as TypeError
		floorRepeats.count++;
		return await fetch(url, init);
	}
}
