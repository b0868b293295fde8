import { caseReadOperation } from './caseRead';

/** GET /cases/{id}/contract-status: SDCA, PoA and pricing appendix, each `{ signed, requiresResigning, solutionUrl }`. */
export const getCaseContractStatus = caseReadOperation({
	name: 'Get Contract Status',
	value: 'getContractStatus',
	action: 'Get the contract status of a case',
	description:
		'Get whether the debt collection agreement, power of attorney and pricing appendix for a case are signed, with the URL to sign what is missing; use it when a case waits in Pending Contract Signing',
	toolDescription:
		'Tells whether the agreement, power of attorney and pricing appendix a case needs are signed, with links to sign what is missing. Use it for a case waiting in Pending Contract Signing. Needs the case.',
	path: '/cases/{case}/contract-status',
	doing: 'get the contract status',
});
