/**
 * The workflow-name rule is written once (`engine/workflow-name.ts`, import-free): the engine refuses to create
 * an instance of a badly named workflow, and the editor and export flag the class through the analysis, which
 * re-exports the engine's rule. It must agree with Cloudflare's `isValidWorkflowName` on its own test table
 * (workers-sdk `workflows-shared/tests/validators.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { workflowNameProblem as analysisRule, workflowNameOf } from '../analysis';
import { workflowNameProblem as engineRule } from '../engine';

const REFUSED = ['', '   ', '\n\nhello', 'w'.repeat(65), '#1231231!!!!', '-badName'];
const ACCEPTED = ['abc', 'NAME_123-hello', 'a-valid-string', 'w'.repeat(64)];

describe('workflow name rule', () => {
  it.each(REFUSED)('refuses %j in both layers, with the same reason', (name) => {
    expect(engineRule(name)).toBeDefined();
    expect(analysisRule(name)).toBe(engineRule(name));
  });

  it.each(ACCEPTED)('accepts %j in both layers', (name) => {
    expect(engineRule(name)).toBeUndefined();
    expect(analysisRule(name)).toBeUndefined();
  });

  it('is one function, shared by the engine and the analysis', () => {
    expect(analysisRule).toBe(engineRule);
  });

  it('derives the name from the class as the runtime does', () => {
    expect(workflowNameOf('HTTPFetchWorkflow')).toBe('http-fetch-workflow');
    expect(workflowNameOf('Order2Workflow')).toBe('order2-workflow');
  });
});
