import { FINITE_STATUSES, type InstanceView, type Json, RUN_REASON_WORDS } from '../engine';

/** One call in the CLI's `steps` list. */
export interface ReportStep {
  name: string;
  count: number;
  /** `do`, `sleep` or `wait` (a `step.wait_for_event`). */
  type: 'do' | 'sleep' | 'wait';
  /** Attempts of a `do` step; 0 for sleeps and waits. */
  attempts: number;
  /** do: succeeded | failed | running | retrying; sleep: finished | sleeping; wait: received | timed-out | waiting. */
  outcome: string;
}

/** What one run printed in `run()` outside steps (`print()` to stdout or stderr), as journaled. */
export interface ReportRunOutput {
  run: number;
  text: string;
}

/** What `--json` prints: exactly this object. */
export interface RunReport {
  id: string;
  workflowName: string;
  status: string;
  output: Json | null;
  error: { name: string; message: string } | null;
  steps: ReportStep[];
  runs: number;
  /** One entry per run that printed outside steps, in run order (`[]` when none did). */
  runOutput: ReportRunOutput[];
}

/** The `--json` object for an instance's current view (calls of the current generation, in start order). */
export function toReport(view: InstanceView): RunReport {
  const steps = view.calls
    .filter((c) => c.generation === view.generation)
    .map(
      (c): ReportStep => ({
        name: c.name,
        count: c.count,
        type: c.kind,
        attempts: c.kind === 'do' ? c.attempts.length : 0,
        outcome: c.status,
      }),
    );
  return {
    id: view.id,
    workflowName: view.workflowName,
    status: view.status,
    output: view.output,
    error: view.error ? { name: view.error.name, message: view.error.message } : null,
    steps,
    runs: view.runs.length,
    runOutput: runOutputOf(view),
  };
}

function runOutputOf(view: InstanceView): ReportRunOutput[] {
  return view.runs
    .map((r) => ({ run: r.run, text: r.output.map((o) => o.text).join('') }))
    .filter((r) => r.text !== '');
}

/** Exit code for a final status: 0 complete, 1 anything else (errored, waiting, paused, terminated). */
export function exitCodeFor(status: string): 0 | 1 {
  return status === 'complete' ? 0 : 1;
}

const indent = (text: string, prefix: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');

/**
 * What `run()` printed outside steps, under each run that printed (from run `fromRun` on): a heading, then per
 * run `run 2 (woke, finished)` and its lines as `    | text`. No lines when none of them printed.
 */
export function runOutputLines(view: InstanceView, fromRun = 1): string[] {
  const printed = view.runs.filter((r) => r.run >= fromRun && r.output.length > 0);
  if (printed.length === 0) return [];
  const lines = ['print() in run(), outside steps:'];
  for (const r of printed) {
    const text = r.output.map((o) => o.text).join('');
    lines.push(`  run ${r.run} (${RUN_REASON_WORDS[r.reason]}, ${r.end ?? 'running'})`, indent(text, '    | '));
  }
  return lines;
}

/**
 * The last failed attempt whose error is `name: message` (where an error that reached run() came from), also
 * when it reached run() folded as Cloudflare's RPC folds it (`Error` named, `name: message` as its message).
 */
function failedStepOf(view: InstanceView, name: string, message: string) {
  for (const step of [...view.steps].reverse()) {
    for (const attempt of [...step.attempts].reverse()) {
      const error = attempt.error;
      if (!error) continue;
      const folded = name === 'Error' && message === `${error.name}: ${error.message}`;
      if ((error.name === name && error.message === message) || folded) {
        return { name: step.name, attempt: attempt.attempt, traceback: error.traceback };
      }
    }
  }
  return undefined;
}

/**
 * The human-readable summary (without `--json`): status, each call with its attempts and prints, what each run
 * printed outside steps, output.
 */
export function formatReadable(view: InstanceView): string {
  const lines: string[] = [];
  const runs = view.runs.length;
  lines.push(`${view.workflowName} ${view.id}: ${view.status} after ${runs} run${runs === 1 ? '' : 's'}`);
  for (const call of view.calls.filter((c) => c.generation === view.generation)) {
    const label = `${call.kind.padEnd(5)} ${call.name}${call.count > 1 ? ` #${call.count}` : ''}`;
    if (call.kind !== 'do') {
      lines.push(`  ${label}  ${call.status}`);
      continue;
    }
    const n = call.attempts.length;
    lines.push(`  ${label}  ${call.status} (${n} attempt${n === 1 ? '' : 's'})`);
    for (const attempt of call.attempts) {
      const text = attempt.logs.join('');
      if (text !== '') lines.push(indent(text, `    ${attempt.attempt}| `));
      if (attempt.error) lines.push(`    ${attempt.attempt}! ${attempt.error.name}: ${attempt.error.message}`);
    }
  }
  lines.push(...runOutputLines(view));
  if (view.status === 'complete') lines.push(`output: ${JSON.stringify(view.output)}`);
  if (view.error) {
    lines.push(`error: ${view.error.name}: ${view.error.message}`);
    const cause = view.error.cause;
    if (cause) lines.push(`cause: ${cause.name}: ${cause.message}`);
    const original = cause ?? view.error;
    const step = failedStepOf(view, original.name, original.message);
    if (step) lines.push(`  in step "${step.name}", attempt ${step.attempt}${step.traceback ? ':' : ''}`);
    if (step?.traceback) lines.push(indent(step.traceback, '    '));
    const traceback = view.error.traceback ?? cause?.traceback;
    if (traceback && step) lines.push('  raised into run():', indent(traceback, '    '));
    else if (traceback) lines.push(indent(traceback, '  '));
  }
  if (view.status === 'waiting' && view.pendingWake?.kind === 'wait-timeout') {
    const wait = view.calls.find(
      (c) => c.kind === 'wait' && c.status === 'waiting' && c.name === view.pendingWake?.call.name,
    );
    const type = wait?.kind === 'wait' ? wait.eventType : '?';
    lines.push(`waiting for an event of type "${type}": send it with --event '${type}:{...}' (and the same --journal)`);
  }
  if (!FINITE_STATUSES.includes(view.status) && view.status !== 'waiting') lines.push(`status: ${view.status}`);
  return lines.join('\n');
}
