import type { Owner } from './rest-session.cjs';

/**
 * The owner account `npm start` creates, so a newcomer can log in at once. Its password is made at
 * random on the first start (see local-secrets.cts); n8n listens on 127.0.0.1 only.
 */
export function localOwner(password: string): Owner {
	return { email: 'owner@example.com', password, firstName: 'Local', lastName: 'Owner' };
}
