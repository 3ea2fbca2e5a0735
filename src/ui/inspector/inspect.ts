/**
 * What the inspector shows for the current selection: a plan node (with the selected instance's calls of
 * it, one of them chosen), a journaled call without a node, or a sent event. Pure.
 */
import type { PlanNode, WorkflowAnalysis, WorkflowPlan } from '../../analysis';
import type { CallView, InstanceView, Json, SentEventView } from '../../engine';
import type { CallSelection, Selection } from '../../store';
import { callsByNode } from '../graph/node-calls';
import { pickWorkflow } from '../graph/pick-workflow';

/** A dependency parameter of a step and, when the instance has it, the result injected into it. */
export interface InputDependency {
  param: string;
  /** The step it names, or null when the name matches no step (a diagnostic then says so). */
  nodeName: string | null;
  value: { present: true; json: Json } | { present: false; why: string };
}

/** The inspector's subject. */
export type Inspection =
  | { type: 'none' }
  | {
      type: 'node';
      node: PlanNode;
      /** The node's calls in the selected instance (empty without one, or before it ran). */
      calls: CallView[];
      /** The call shown in detail (the selected count, else the latest). */
      call: CallView | null;
      inputs: InputDependency[];
      instanceId: string | null;
    }
  | {
      type: 'call';
      call: CallView;
      instanceId: string;
      /** Why no node shows it: the open file lacks it, or it belongs to a generation before a restart. */
      why: 'not-in-code' | 'earlier-generation';
    }
  | { type: 'event'; event: SentEventView; consumer: CallView | null; instanceId: string };

const sameCall = (c: CallView, s: CallSelection) =>
  c.kind === s.kind && c.name === s.name && c.count === s.count && (s.generation ?? c.generation) === c.generation;

function inputsOf(
  node: PlanNode,
  analysis: WorkflowAnalysis,
  byNode: Map<string, CallView[]> | null,
): InputDependency[] {
  if (node.kind !== 'do') return [];
  return node.params
    .filter((p) => p.role !== 'ctx')
    .map((p): InputDependency => {
      const dep = p.dependsOn ? analysis.nodes.find((n) => n.id === p.dependsOn) : undefined;
      if (!dep)
        return { param: p.name, nodeName: null, value: { present: false, why: 'names no step declared before' } };
      const calls = byNode?.get(dep.id) ?? [];
      const done = [...calls].reverse().find((c) => c.kind === 'do' && c.status === 'succeeded');
      if (!byNode) return { param: p.name, nodeName: dep.name, value: { present: false, why: 'select an instance' } };
      if (done?.kind !== 'do')
        return { param: p.name, nodeName: dep.name, value: { present: false, why: 'not run yet' } };
      return { param: p.name, nodeName: dep.name, value: { present: true, json: done.result } };
    });
}

/** The inspection of `selection` against the open file's plan and the selected instance's view. */
export function inspect(selection: Selection | null, plan: WorkflowPlan, view: InstanceView | null): Inspection {
  if (!selection) return { type: 'none' };
  if (selection.type === 'event') {
    const event = view?.events.find((e) => e.seq === selection.seq);
    if (!view || !event) return { type: 'none' };
    const by = event.consumedBy;
    const consumer = by
      ? (view.calls.find((c) => c.kind === by.kind && c.name === by.name && c.count === by.count) ?? null)
      : null;
    return { type: 'event', event, consumer, instanceId: view.id };
  }
  const { analysis, instanceMatches } = pickWorkflow(plan, view?.workflowName ?? null);
  if (selection.type === 'call') {
    // Without a generation, the latest journaled call of that name (a restart journals it again).
    const call = view?.calls.findLast((c) => sameCall(c, selection.call));
    if (!view || !call) return { type: 'none' };
    const byNode = analysis && instanceMatches ? callsByNode(analysis, view) : null;
    const node = byNode && analysis?.nodes.find((n) => byNode.get(n.id)?.includes(call));
    if (!node || !analysis || !byNode) {
      const why = call.generation < view.generation ? 'earlier-generation' : 'not-in-code';
      return { type: 'call', call, instanceId: view.id, why };
    }
    const calls = byNode.get(node.id) ?? [];
    return { type: 'node', node, calls, call, inputs: inputsOf(node, analysis, byNode), instanceId: view.id };
  }
  // With an instance of a class of this file selected, only that class's nodes: a node of another class (left
  // selected from before) would show a step the instance's workflow does not have.
  const node =
    analysis?.nodes.find((n) => n.id === selection.nodeId) ??
    (view && instanceMatches
      ? undefined
      : plan.workflows.flatMap((w) => w.nodes).find((n) => n.id === selection.nodeId));
  if (!node || !analysis) return { type: 'none' };
  const byNode = view && instanceMatches ? callsByNode(analysis, view) : null;
  const calls = byNode?.get(node.id) ?? [];
  const wanted = selection.call;
  const call = (wanted && calls.find((c) => sameCall(c, wanted))) || calls.at(-1) || null;
  return {
    type: 'node',
    node,
    calls,
    call,
    inputs: inputsOf(node, analysis, byNode),
    instanceId: view && instanceMatches ? view.id : null,
  };
}
