/**
 * Public types of the static analysis: the plan graph of each workflow class and the diagnostics.
 *
 * Sections: source positions · diagnostics · plan nodes · edges and groups · the whole plan.
 * Everything here is plain data (JSON-friendly apart from `Infinity` in literals), safe to post to a worker.
 */
import type { DiagnosticCode } from './diagnostics.ts';

/** A span of the source: 0-based UTF-16 offsets plus 1-based lines and columns (Monaco's convention). */
export interface SourceRange {
  from: number;
  to: number;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** How bad a diagnostic is; maps onto Monaco's MarkerSeverity. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding about the source, numbered (`WS0xx`) and worded in `diagnostics.ts`. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: SourceRange;
  /** An edit that resolves the diagnostic: replace the text of `range` with `text` (the editor's quick fix). */
  fix?: DiagnosticFix;
}

/** A quick fix: what the editor offers (`title`) and the text that replaces the diagnostic's range. */
export interface DiagnosticFix {
  title: string;
  text: string;
}

/** Stable node id, `<kind>:<step name>#<occurrence>`, e.g. `do:fetch_order#1`; never derived from lines. */
export type PlanNodeId = string & { readonly __brand: 'PlanNodeId' };

/** What a plan node stands for: a `@step.do` function or a `step.sleep` / `sleep_until` / `wait_for_event` call. */
export type PlanNodeKind = 'do' | 'sleep' | 'sleep_until' | 'wait_for_event';

/** A control structure around a node: loops (`for`, `while`, comprehensions) and branches (`if`, `try`, `match`). */
export type ControlKind = 'for' | 'while' | 'if' | 'try' | 'match';

/** A Python literal turned into a JS value (`None` → null, `float("inf")` → Infinity, tuples → arrays). */
export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue };

/** An argument as written: its source text and, when it is a literal, its value. */
export interface ArgValue {
  text: string;
  range: SourceRange;
  /** Present only when the argument is a literal (no names, calls or f-strings inside). */
  value?: PyValue;
}

/** Fields every plan node has. */
export interface PlanNodeBase {
  id: PlanNodeId;
  kind: PlanNodeKind;
  /** The literal step name, or the source text of the name expression when `dynamicName`. */
  name: string;
  /** The name is not a plain string literal (f-string, variable, call…); `name` then holds its source text. */
  dynamicName: boolean;
  /** Where the name is written; absent when a `do` step takes its function's name. */
  nameRange?: SourceRange;
  /** Decorator through `def …(…)` for `do`; the call for the others. */
  range: SourceRange;
  /** 1-based line of `range.from`. */
  line: number;
  /** Inside a `for`/`while` loop or a comprehension (the declaration or any call of it). */
  inLoop: boolean;
  /** Inside an `if`/`elif`/`else`, `try`/`except`, `match` case or conditional expression. */
  inBranch: boolean;
  /** The enclosing control structures, outermost first. */
  control: ControlKind[];
  /** Ids of the {@link ConcurrencyGroup}s this node belongs to. */
  concurrencyGroups: string[];
}

/** How a step function parameter is filled: by a dependency's result, by the step context, or not at all. */
export interface StepParam {
  name: string;
  role: 'dependency' | 'ctx' | 'unknown';
  /** The node whose result is injected (role `dependency`). */
  dependsOn?: PlanNodeId;
  range: SourceRange;
}

/** A `@step.do(...)` decorated function. */
export interface DoNode extends PlanNodeBase {
  kind: 'do';
  functionName: string;
  functionRange: SourceRange;
  isAsync: boolean;
  params: StepParam[];
  /** The `config=` argument. */
  config?: ArgValue;
  concurrent: boolean;
  /** Legacy `depends=[...]` items as written (function names), when present. */
  depends?: string[];
  /** Recovered from a broken decorator line (the parser could not attach it to the function). */
  recovered: boolean;
}

/** A `step.sleep(name, duration)` call. */
export interface SleepNode extends PlanNodeBase {
  kind: 'sleep';
  duration?: ArgValue;
}

/** A `step.sleep_until(name, timestamp)` call. */
export interface SleepUntilNode extends PlanNodeBase {
  kind: 'sleep_until';
  timestamp?: ArgValue;
}

/** A `step.wait_for_event(name, event_type, timeout=...)` call. */
export interface WaitForEventNode extends PlanNodeBase {
  kind: 'wait_for_event';
  eventType?: ArgValue;
  timeout?: ArgValue;
}

/** A node of the plan graph. */
export type PlanNode = DoNode | SleepNode | SleepUntilNode | WaitForEventNode;

/** `dependency`: the target's parameter names the source step; `order`: the target is awaited after the source. */
export interface PlanEdge {
  id: string;
  kind: 'dependency' | 'order';
  from: PlanNodeId;
  to: PlanNodeId;
}

/** Nodes that run concurrently: dependencies of a `concurrent=True` step, or step calls in one gather/wait. */
export interface ConcurrencyGroup {
  id: string;
  kind: 'concurrent' | 'gather' | 'wait';
  nodeIds: PlanNodeId[];
  /** The `concurrent=True` step whose dependencies form the group. */
  ownerId?: PlanNodeId;
  range: SourceRange;
}

/** One place in `run()` where a step runs: a call, or a step function passed to an awaited helper (`indirect`). */
export interface StepCall {
  nodeId: PlanNodeId;
  range: SourceRange;
  awaited: boolean;
  indirect: boolean;
  inLoop: boolean;
  inBranch: boolean;
}

/** The `run(self, event, step)` method of a workflow class. */
export interface RunMethod {
  range: SourceRange;
  isAsync: boolean;
  eventParam?: string;
  stepParam: string;
}

/** The analysis of one `WorkflowEntrypoint` subclass. */
export interface WorkflowAnalysis {
  className: string;
  range: SourceRange;
  nameRange: SourceRange;
  run?: RunMethod;
  /** Sorted by source position. */
  nodes: PlanNode[];
  edges: PlanEdge[];
  groups: ConcurrencyGroup[];
  /** Every call of a node in source order. */
  calls: StepCall[];
}

/** Result of {@link analyzeWorkflow}: one analysis per workflow class and every diagnostic, by position. */
export interface WorkflowPlan {
  workflows: WorkflowAnalysis[];
  diagnostics: Diagnostic[];
  /** Number of places the parser had to recover from a syntax error. */
  syntaxErrors: number;
}
