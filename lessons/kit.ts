/**
 * What a lesson is made of, and the helpers its `check.ts` uses. A lesson is a folder under `lessons/`:
 * `lesson.json` (id, title, task, hints, the actions to take), `lesson.md` (the prose), `start.py`,
 * `solution.py` and `check.ts` (a default export that judges one instance by its journal, through the
 * engine's public API only). `index.ts` finds the folders; no UI code names a lesson.
 */
import type { InstanceView, JournalEvent, StepView } from '../src/engine';

/** What a check sees: the learner's latest instance of the lesson's file, as its journal and its view. */
export interface LessonRun {
  view: InstanceView;
  journal: readonly JournalEvent[];
}

/** A check's verdict: `message` says what passed, or exactly what is missing. */
export type CheckResult = { pass: true; message: string } | { pass: false; message: string };

/** A lesson's check (the default export of its `check.ts`). */
export type LessonCheck = (run: LessonRun) => CheckResult;

/**
 * One thing the learner does (and the lesson test does for them) after writing the code:
 * - `run`: run the file (the studio's Run) with `params`; `code: "start"` runs the starting file as shipped,
 *   before any edit (for lessons about changing code under an instance in flight);
 * - `kill-at-next-step`: arm crash injection (history pane, ⚡ At next step) before the next action;
 * - `kill-after-next-call`: arm crash injection inside an attempt (history pane, ⚡ After next call): the
 *   executor dies right after the next step attempt's next `self.env` binding call or fetch completes;
 * - `send-event`: send an event of `type` with `payload` to the instance;
 * - `load`: load the edited code (the editor's ⟳ Load) while the instance is in flight;
 * - `skip-wait`: end the instance's pending sleep now (Skip wait).
 */
export type DriveAction =
  | { do: 'run'; params: unknown; code?: 'start' }
  | { do: 'kill-at-next-step' }
  | { do: 'kill-after-next-call' }
  | { do: 'send-event'; type: string; payload: unknown }
  | { do: 'load' }
  | { do: 'skip-wait' };

/** `lesson.json`. */
export interface LessonMeta {
  id: string;
  title: string;
  /** What to change, in one or two sentences. */
  task: string;
  /** Shown one at a time, in order. */
  hints: string[];
  /** What to do once the code is written, in order. */
  drive: DriveAction[];
  /**
   * The lesson file's `self.env` bindings, declared as in `wrangler.jsonc` (Env in the toolbar), when its code
   * uses them: given to the file when the lesson creates it.
   */
  env?: Record<string, unknown>;
}

/** A lesson as the studio and the lesson test use it. */
export interface Lesson extends LessonMeta {
  /** The folder name (its order: folders sort by their number prefix). */
  folder: string;
  /** Markdown. */
  prose: string;
  start: string;
  solution: string;
  check: LessonCheck;
}

export const pass = (message: string): CheckResult => ({ pass: true, message });
export const fail = (message: string): CheckResult => ({ pass: false, message });

/** "1 attempt", "2 attempts". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "1 time", "2 times". */
export const times = (n: number): string => plural(n, 'time');

/** The current generation's steps named `name` (every count). */
export const stepsNamed = (view: InstanceView, name: string): StepView[] => view.steps.filter((s) => s.name === name);

/**
 * Every line the workflow printed, with where: `run` = the run that printed it, `step` = the step whose attempt
 * printed it (`null` outside steps).
 */
export function printedLines(view: InstanceView): { text: string; run: number; step: string | null }[] {
  const out: { text: string; run: number; step: string | null }[] = [];
  const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
  for (const r of view.runs) {
    for (const o of r.output) for (const text of lines(o.text)) out.push({ text, run: r.run, step: null });
  }
  for (const s of view.steps) {
    for (const a of s.attempts) {
      for (const log of a.logs) for (const text of lines(log)) out.push({ text, run: a.run, step: s.name });
    }
  }
  return out;
}

/** The printed lines that contain `marker`. */
export const printsOf = (view: InstanceView, marker: string) =>
  printedLines(view).filter((l) => l.text.includes(marker));

/** A failure for an instance that did not end as `complete`, saying how it ended instead; `undefined` when it did. */
export function notComplete(view: InstanceView): CheckResult | undefined {
  if (view.status === 'complete') return undefined;
  if (view.status === 'errored' && view.error) {
    return fail(`the instance errored: ${view.error.name}: ${view.error.message}; it must complete`);
  }
  return fail(`the instance is ${view.status}; it must complete (do every action the lesson lists)`);
}

/** Seconds with at most one decimal: 5 → "5 s", 1.5 → "1.5 s". */
export const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** The learner-facing words of one action. */
export function describeAction(a: DriveAction): string {
  switch (a.do) {
    case 'run':
      return a.code === 'start'
        ? `Run the starting file as it is (before your edit), with params ${JSON.stringify(a.params)}`
        : `Run your file with params ${JSON.stringify(a.params)}`;
    case 'kill-at-next-step':
      return 'Arm crash injection: ⚡ At next step (history pane)';
    case 'kill-after-next-call':
      return 'Arm crash injection inside the step: ⚡ After next call (history pane)';
    case 'send-event':
      return `Send event “${a.type}” with payload ${JSON.stringify(a.payload)}`;
    case 'load':
      return 'Make your edit now, while the instance sleeps, and press ⟳ Load';
    case 'skip-wait':
      return 'Select the instance and press Skip wait';
  }
}
