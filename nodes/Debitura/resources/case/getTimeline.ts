import { caseReadOperation } from './caseRead';

/** GET /cases/{id}/timeline: `{ items: [...] chronological, currentEngagementPhase }`. */
export const getCaseTimeline = caseReadOperation({
	name: 'Get Timeline',
	value: 'getTimeline',
	action: 'Get the timeline of a case',
	description:
		'Get everything that happened on a case in chronological order (created, collection started, payments, messages, closed), plus its current engagement phase (Pre-legal, Legal, Enforcement); use it to see what changed recently',
	toolDescription:
		'Returns everything that happened on one case in order (created, collection started, payments, messages, closed), each event with date, title and description, plus the current engagement phase. Use it to see what changed before acting on a case. Needs the case.',
	path: '/cases/{case}/timeline',
	doing: 'get the case timeline',
});
