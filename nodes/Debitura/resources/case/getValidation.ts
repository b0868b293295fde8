import { caseReadOperation } from './caseRead';

/** GET /cases/{id}/validation: `{ needsInfo, creditorRespondedAt, items: [{ resolutionArea, description }] }`. */
export const getCaseValidation = caseReadOperation({
	name: 'Get Validation',
	value: 'getValidation',
	action: 'Get the validation detail of a case',
	description:
		'Get what Debitura still needs from you before a case can proceed: whether information is missing and, per item, the area and what to supply; use it when a case is in More Info Required',
	toolDescription:
		'Returns what Debitura still needs before a case can proceed: whether information is missing and, per item, the area and what to supply. Use it for a case in More Info Required. Needs the case.',
	path: '/cases/{case}/validation',
	doing: 'get the case validation',
});
