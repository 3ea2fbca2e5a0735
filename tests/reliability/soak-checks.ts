/**
 * What must hold after a soak, read from the journals themselves: every instance finished with the output its
 * plan gives (or waits where it should), no step success was journaled twice or executed after it was
 * journaled, every acknowledged event was journaled once and consumed once, and every journal is well-formed.
 */
import { isDeepStrictEqual } from 'node:util';
import { type JournalEvent, reduceJournal } from '../../src/engine';
import { buildJournalFile, parseJournalValue, serializeJournalFile } from '../../src/export';
import type { SoakRun } from './soak-driver';
import { expectedOutput, payloadFor } from './soak-workload';

const DONE = new Set(['succeeded', 'finished', 'received', 'timed-out']);

/** Every broken guarantee, as one line each (empty when the soak passed). */
export async function checkSoak(run: SoakRun): Promise<string[]> {
  const problems = [...run.violations];
  for (const [id, plan] of run.plans) {
    const events = await run.store.read(id);
    const summary = await run.store.getInstance(id);
    if (!summary || events.length === 0) {
      problems.push(`${id}: never created`);
      continue;
    }
    const say = (what: string) => problems.push(`${id}: ${what}`);

    // Well-formed: every event is a known kind with valid fields (the journal file's zod schema), seq runs
    // 1..n, every event names this instance, the summary's lastSeq matches; time never goes backwards.
    const file = buildJournalFile({ instance: summary, events, exportedAt: '2026-01-01T00:00:00.000Z' });
    const parsed = parseJournalValue(JSON.parse(serializeJournalFile(file)));
    if (!parsed.ok) say(parsed.message);
    for (let i = 1; i < events.length; i++) {
      if ((events[i] as JournalEvent).at < (events[i - 1] as JournalEvent).at) say(`event ${i + 1} goes back in time`);
    }

    // The status is derivable: the summary row (a cache) says what the reducer derives from the journal.
    const view = reduceJournal(events);
    if (view.status !== summary.status) say(`summary says ${summary.status}, the journal ${view.status}`);
    if (view.divergences.length > 0) say(`unexpected divergence ${JSON.stringify(view.divergences[0])}`);

    // Finished, or correctly waiting.
    if (plan.ops.at(-1)?.k === 'forever') {
      const open = view.calls.filter((c) => !DONE.has(c.status));
      const wake = view.pendingWake;
      if (view.status !== 'waiting') say(`expected waiting, is ${view.status} ${JSON.stringify(view.error)}`);
      if (open.length !== 1 || open[0]?.kind !== 'wait' || open[0].name !== `f${plan.ops.length - 1}`) {
        say(`expected only the last wait open, open: ${open.map((c) => `${c.kind}:${c.name}`).join(', ')}`);
      }
      if (wake?.kind !== 'wait-timeout') say(`expected a wait-timeout wake, got ${JSON.stringify(wake)}`);
    } else {
      const expected = expectedOutput(id, plan);
      if (view.status !== 'complete') say(`expected complete, is ${view.status} ${JSON.stringify(view.error)}`);
      else if (!isDeepStrictEqual(view.output, expected)) say(`output ${JSON.stringify(view.output)}`);
    }

    // No journaled success ran twice: one success per step, executed no more often than journaled attempts
    // (an attempt is journaled before its function runs), at least once.
    const attempts = new Map<string, number>();
    const successes = new Map<string, number>();
    for (const e of events) {
      if (e.type === 'attempt-started')
        attempts.set(`${e.name}#${e.count}`, (attempts.get(`${e.name}#${e.count}`) ?? 0) + 1);
      if (e.type === 'step-succeeded')
        successes.set(`${e.name}#${e.count}`, (successes.get(`${e.name}#${e.count}`) ?? 0) + 1);
    }
    const executed = run.executions.get(id) ?? new Map<string, number>();
    for (const [key, n] of successes) {
      if (n !== 1) say(`${key} succeeded ${n} times in the journal`);
      if ((executed.get(key) ?? 0) < 1) say(`${key} succeeded without being executed`);
    }
    for (const [key, n] of executed) {
      if (n > (attempts.get(key) ?? 0)) say(`${key} executed ${n} times, journaled ${attempts.get(key) ?? 0} attempts`);
    }

    // No event lost or delivered twice: each sent event is journaled once (payloads are unique), every
    // acknowledged one is journaled, each is consumed by exactly one wait, and no wait consumes two.
    const buffered = events.filter((e) => e.type === 'event-buffered');
    const consumedSeqs = events.filter((e) => e.type === 'event-received').map((e) => e.eventSeq);
    if (new Set(consumedSeqs).size !== consumedSeqs.length) say('an event was delivered twice');
    const byType = new Map<string, number>();
    for (const e of buffered) {
      byType.set(e.eventType, (byType.get(e.eventType) ?? 0) + 1);
      if (!isDeepStrictEqual(e.payload, payloadFor(id, e.eventType)))
        say(`foreign payload ${JSON.stringify(e.payload)}`);
      if (!consumedSeqs.includes(e.seq)) say(`event ${e.eventType} (seq ${e.seq}) was never delivered`);
    }
    for (const [type, n] of byType) if (n !== 1) say(`event ${type} journaled ${n} times`);
    for (const type of run.acked.get(id) ?? []) if (!byType.has(type)) say(`acknowledged event ${type} was lost`);
    for (const op of plan.ops) if (op.k === 'wait' && !byType.has(op.type)) say(`event ${op.type} was never sent`);
  }
  return problems;
}
