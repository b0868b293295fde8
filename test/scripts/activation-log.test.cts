import { isWorkflowActive, type LogEntry } from '../e2e/support/json-logs.cjs';

/**
 * When the e2e tests may start making events: only once every poll trigger of a published workflow
 * has made its activation poll. n8n 2.41 activates a workflow's poll triggers one after another and
 * logs each; a test that went on after the first made events the later triggers read as history
 * (CI, stop 20: a workflow with New Case, Case Updated and Case Closed triggers lost the changes).
 */
const WORKFLOW = 'dbtCaseEventsE2e';
const TRIGGERS = ['New Case', 'Case Updated', 'Case Closed'];

/** The debug line n8n 2.41's ActiveWorkflowTriggers writes for each trigger it activated. */
const triggerActivated = (node: string, workflowId = WORKFLOW): LogEntry => ({
	level: 'debug',
	message: `Activated trigger node "${node}" for workflow "Debitura Case Trigger e2e"`,
	metadata: {
		workflow: { id: workflowId, name: 'Debitura Case Trigger e2e' },
		node: { id: `id-${node}`, name: node, type: 'n8n-nodes-debitura.debituraCaseTrigger' },
	},
});

describe('e2e support: when a published workflow counts as active', () => {
	it('n8n 2.41: not while only some of its poll triggers are activated', () => {
		expect(isWorkflowActive([triggerActivated('New Case')], WORKFLOW, TRIGGERS)).toBe(false);
		expect(
			isWorkflowActive(
				[triggerActivated('New Case'), triggerActivated('Case Updated')],
				WORKFLOW,
				TRIGGERS,
			),
		).toBe(false);
	});

	it('n8n 2.41: once each of them is, in any order', () => {
		const entries = [
			triggerActivated('Case Closed'),
			triggerActivated('New Case'),
			triggerActivated('Case Updated'),
		];
		expect(isWorkflowActive(entries, WORKFLOW, TRIGGERS)).toBe(true);
	});

	it('n8n 2.41: a trigger of the same name in another workflow does not count', () => {
		const entries = [
			triggerActivated('New Case'),
			triggerActivated('Case Updated'),
			triggerActivated('Case Closed', 'otherWorkflow'),
		];
		expect(isWorkflowActive(entries, WORKFLOW, TRIGGERS)).toBe(false);
	});

	it('n8n 2.8: its one "Activated workflow" line, written after every trigger', () => {
		const activated = (workflowId: string): LogEntry => ({
			level: 'debug',
			message: `Activated workflow "x" (ID: ${workflowId})`,
			metadata: { workflowId },
		});
		expect(isWorkflowActive([activated('otherWorkflow')], WORKFLOW, TRIGGERS)).toBe(false);
		expect(isWorkflowActive([activated(WORKFLOW)], WORKFLOW, TRIGGERS)).toBe(true);
	});
});
