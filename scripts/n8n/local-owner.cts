import type { Owner } from './rest-session.cjs';

/**
 * The owner account `npm start` creates, so a newcomer can log in at once. Local only: n8n listens on
 * 127.0.0.1 and the account exists in .n8n-local/ alone. The password meets n8n's rules (8+ characters,
 * a digit, an upper-case letter).
 */
export const LOCAL_OWNER: Owner = {
	email: 'owner@example.com',
	password: 'Debitura-Sandbox-1',
	firstName: 'Local',
	lastName: 'Owner',
};
