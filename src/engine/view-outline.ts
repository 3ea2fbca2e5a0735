/**
 * The outline of an instance as hosts print it to people and programs: the CLI's `--json` report and
 * `workers.testing`'s `instance.journal()` are built from these two, so the two agree on every field they share.
 */
import type { CallView, InstanceView } from './instance-view';
import type { Json } from './json';

/** One call: `do`, `sleep` or `wait` (a `step.wait_for_event`), its attempts and its outcome. */
export interface CallOutline {
  name: string;
  count: number;
  type: 'do' | 'sleep' | 'wait';
  /** Attempts of a `do` step; 0 for sleeps and waits. */
  attempts: number;
  /** do: succeeded | failed | running | retrying; sleep: finished | sleeping; wait: received | timed-out | waiting. */
  outcome: string;
}

/** The instance itself: id, workflow, status, output, and its error's name and message. */
export interface ViewOutline {
  id: string;
  workflowName: string;
  status: string;
  output: Json | null;
  error: { name: string; message: string } | null;
}

export function callOutline(c: CallView): CallOutline {
  return {
    name: c.name,
    count: c.count,
    type: c.kind,
    attempts: c.kind === 'do' ? c.attempts.length : 0,
    outcome: c.status,
  };
}

export function viewOutline(view: InstanceView): ViewOutline {
  return {
    id: view.id,
    workflowName: view.workflowName,
    status: view.status,
    output: view.output,
    error: view.error ? { name: view.error.name, message: view.error.message } : null,
  };
}
