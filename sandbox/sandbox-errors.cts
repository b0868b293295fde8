/** Thrown by the in-process API for an id it does not know; the control surface maps it to 404. */
export class UnknownEntityError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnknownEntityError';
	}
}
