/**
 * Every lesson is right: its starting file, driven as the lesson tells the learner, fails the check with a
 * message; its solution, driven the same way, passes. One Pyodide for all (booted in beforeAll).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LESSONS } from '../../lessons';
import { describeAction } from '../../lessons/kit';
import { analyzeWorkflow } from '../../src/analysis';
import { loadNodePython, type NodePython } from '../../src/runtime/node';
import { driveLesson } from './drive-lesson';

process.env.TZ = 'UTC';
const ROOT = path.resolve(import.meta.dirname, '../../lessons');

/** What the learner reads when they press Check on the starting file, untouched, after doing the lesson's actions. */
const START_FAILS: Record<string, string> = {
  'steps-are-cached': 'charge ran 2 times (run 1, run 2); it must run once',
  replays: 'the welcome email went out 2 times (run 1 outside steps, run 2 outside steps); it must go out once',
  sleeps: 'send_reminder ran 0 s after send_invoice, with no step.sleep between; it must wait 1 day',
  retries: 'call_rates made 2 attempts and failed; it must succeed on attempt 3',
  'non-retryable': 'charge_card made 4 attempts (ValueError); a declined card must fail at once, with 1 attempt',
  events:
    'the “approval” event you sent is still queued: the wait “manager decides” waits for type “approved”; a wait takes only events of its own type',
  concurrency: 'price_north ran 0 s–2 s and price_south 2 s–4 s: they did not overlap; ask both at the same time',
  determinism:
    'the quote step ran 2 times (“quote at 1000000000” in run 1, “quote at 1000000010” in run 2); a step name with the time in it is a new step on every replay',
  idempotency: 'the card was charged 2 times in 2 attempts; it must be charged once',
  divergence: 'notify_customer never ran; add it after ship and press ⟳ Load while the instance sleeps, then Skip wait',
};

let python: NodePython;
beforeAll(async () => {
  python = await loadNodePython({ stdout: () => {} });
});

describe('lessons', () => {
  it('are at least 10, one per folder, with distinct ids that fit a #learn/<id> link', () => {
    const folders = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(LESSONS.map((l) => l.folder)).toEqual(folders.map((d) => d.name).sort());
    expect(LESSONS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(Object.keys(START_FAILS).sort()).toEqual(LESSONS.map((l) => l.id).sort());
    for (const l of LESSONS) {
      expect(l.id, l.folder).toMatch(/^[a-z0-9-]+$/);
      expect(l.hints.length, l.folder).toBeGreaterThanOrEqual(2);
      expect(l.start).toBe(readFileSync(path.join(ROOT, l.folder, 'start.py'), 'utf8'));
    }
  });

  it('have no error diagnostics in their starting files and solutions', () => {
    for (const l of LESSONS) {
      for (const [which, source] of [
        ['start', l.start],
        ['solution', l.solution],
      ] as const) {
        const errors = analyzeWorkflow(source).diagnostics.filter((d) => d.severity === 'error');
        expect(errors, `${l.folder} ${which}`).toEqual([]);
      }
    }
  });

  for (const lesson of LESSONS) {
    it(`${lesson.folder}: the check fails on the starting file and passes on the solution`, async () => {
      const start = lesson.check(await driveLesson(python.runtime, lesson, lesson.start));
      expect(start).toEqual({ pass: false, message: START_FAILS[lesson.id] });
      const solution = lesson.check(await driveLesson(python.runtime, lesson, lesson.solution));
      expect(solution, 'solution').toEqual({ pass: true, message: expect.any(String) });
    });
  }
});

describe('what the Learn panel tells the learner to do', () => {
  it('words every action of every lesson, in the terms of the studio', () => {
    const divergence = LESSONS.find((l) => l.id === 'divergence')!;
    expect(divergence.drive.map(describeAction)).toEqual([
      'Run the starting file as it is (before your edit), with params {}',
      'Make your edit now, while the instance sleeps, and press ⟳ Load',
      'Select the instance and press Skip wait',
    ]);
    const cached = LESSONS.find((l) => l.id === 'steps-are-cached')!;
    expect(cached.drive.map(describeAction)).toEqual([
      'Arm crash injection: ⚡ At next step (history pane)',
      'Run your file with params {"amount":42}',
    ]);
    for (const l of LESSONS) for (const a of l.drive) expect(describeAction(a), l.id).toMatch(/^[A-Z].{10,}/);
  });
});

describe('lesson checks on wrong answers', () => {
  const byId = (id: string) => LESSONS.find((l) => l.id === id)!;

  it('divergence: renaming a journaled step under the instance in flight is named as the divergence it is', async () => {
    const lesson = byId('divergence');
    const renamed = lesson.solution.replace('"reserve stock"', '"reserve inventory"');
    const result = lesson.check(await driveLesson(python.runtime, lesson, renamed));
    expect(result).toEqual({
      pass: false,
      message:
        'run 2 diverged: the journal held “reserve stock” and your code asked for “reserve inventory”; stock was reserved 2 times',
    });
  });

  it('steps-are-cached: a run without the crash says to arm crash injection first', async () => {
    const lesson = byId('steps-are-cached');
    const noCrash = { ...lesson, drive: lesson.drive.filter((a) => a.do !== 'kill-at-next-step') };
    const result = lesson.check(await driveLesson(python.runtime, noCrash, lesson.solution));
    expect(result).toEqual({
      pass: false,
      message: 'the instance took 1 run; arm ⚡ At next step before Run, so a crash restarts it',
    });
  });

  it('idempotency: a run without the crash says to arm ⚡ After next call first', async () => {
    const lesson = byId('idempotency');
    expect(lesson.drive.map(describeAction)).toEqual([
      'Arm crash injection inside the step: ⚡ After next call (history pane)',
      'Run your file with params {"amount":30}',
    ]);
    const noCrash = { ...lesson, drive: lesson.drive.filter((a) => a.do !== 'kill-after-next-call') };
    const result = lesson.check(await driveLesson(python.runtime, noCrash, lesson.start));
    expect(result).toEqual({
      pass: false,
      message:
        'the executor was not killed after the charge call (charge made 1 attempt, none cut off): arm ⚡ After next call, then Run',
    });
  });

  it('idempotency: the other crash button (⚡ At next step, before the attempt) proves nothing, even with a stable key', async () => {
    const lesson = byId('idempotency');
    const wrongButton = {
      ...lesson,
      drive: lesson.drive.map((a) => (a.do === 'kill-after-next-call' ? { do: 'kill-at-next-step' as const } : a)),
    };
    for (const code of [lesson.start, lesson.solution]) {
      const run = await driveLesson(python.runtime, wrongButton, code);
      // The instance was crashed and retried: only where the kill landed differs.
      expect(run.view.steps.find((s) => s.name === 'charge')?.attempts.map((a) => a.outcome)).toEqual([
        'failed',
        'succeeded',
      ]);
      expect(lesson.check(run)).toEqual({
        pass: false,
        message:
          'the executor was not killed after the charge call (attempt 1 was cut off before its charge call): arm ⚡ After next call, then Run',
      });
    }
  });

  it('idempotency: the crash lands after the KV write, so the starting file charged twice and the solution once', async () => {
    const lesson = byId('idempotency');
    const start = await driveLesson(python.runtime, lesson, lesson.start);
    const [charge] = start.view.steps.filter((s) => s.name === 'charge');
    // The lost attempt's KV write is journaled with it: the effect happened before the crash.
    expect(charge?.attempts.map((a) => [a.outcome, a.error?.name ?? null, a.bindings?.map((b) => b.op)])).toEqual([
      ['failed', 'WorkflowInternalError', ['put']],
      ['succeeded', null, ['put']],
    ]);
    expect(charge?.attempts[1]?.startedAt).toBe(charge?.attempts[0]?.endedAt);
    expect(start.view.output).toMatchObject({ charges: 2 });
    const solution = await driveLesson(python.runtime, lesson, lesson.solution);
    expect(solution.view.output).toMatchObject({ charges: 1 });
  });

  it('retries: the right attempts with other delays name the delay that is wrong', async () => {
    const lesson = byId('retries');
    const constant = lesson.solution.replace('"exponential"', '"constant"');
    const result = lesson.check(await driveLesson(python.runtime, lesson, constant));
    expect(result).toEqual({ pass: false, message: 'the wait before attempt 3 was 5 s; it must be 10 s' });
  });
});
