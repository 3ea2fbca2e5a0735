/**
 * Static analysis of Workflow Studio: the step graph and SDK-misuse diagnostics of a Python workflow source.
 * Pure TypeScript over @lezer/python; no DOM, React, Node or other layers.
 */

export {
  DURATION_UNIT_MS,
  type DurationUnit,
  MAX_WAIT_MS,
  type ParsedDuration,
  parseDuration,
} from '../engine/duration-text.ts';
export { analyzeWorkflow } from './analyze-workflow.ts';
export { createWorkflowAnalyzer, type WorkflowAnalyzer } from './analyzer.ts';
export {
  createDiagnostic,
  type DiagnosticCode,
  diagnosticMessages,
  diagnosticSeverity,
} from './diagnostics.ts';
export { createPlanNodeId, isPlanNodeId } from './ids.ts';
export { callSourceLine, dynamicNamePattern, findPlanNode } from './match-node.ts';
export { type DecodedSource, declareUtf8, decodePythonSource, firstInvalidUtf8 } from './source-encoding.ts';
export { type StepDoForm, stepDoForm } from './step-form.ts';
export type * from './types.ts';
export { bindingNameOf, MAX_WORKFLOW_NAME_LENGTH, workflowNameOf, workflowNameProblem } from './workflow-names.ts';
