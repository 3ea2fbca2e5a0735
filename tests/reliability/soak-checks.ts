/**
 * What must hold after a soak, read from the journals themselves: every instance finished with the output its
 * plan gives (or waits where it should), no step success was journaled twice or executed after it was
 * journaled, every acknowledged event was journaled once and consumed once, and every journal is well-formed.
 */
import { isDeepStrictEqual } from 'node:util';
import { type InstanceSummary, type InstanceView, type JournalEvent, reduceJournal } from '../../src/engine';
import { buildJournalFile, parseJournalValue, serializeJournalFile } from '../../src/export';
import type { SoakRun } from './soak-driver';
import { expectedOutput, payloadFor } from './soak-workload';

const DONE = new Set(['succeeded', 'finished', 'received', 'timed-out']);

/** What a soak knows about one instance besides its journal. */
export interface InstanceRecord {
  /** Executions of each step function counted from inside it: `"name#count" → n`. */
  executed: ReadonlyMap<string, number>;
  /** Event types whose `sendEvent` resolved. */
  acked: Iterable<string>;
}

/**
 * The guarantees every journal must keep, whatever the workload: problems as lines, and the reduced view.
 * - well-formed: the journal file's zod schema accepts every event (kinds and fields), seq runs 1..n, every
 *   event names the instance, the summary's lastSeq matches, and time never goes backwards;
 * - the status is derivable: the summary row (a cache) says what the reducer derives, and nothing diverged;
 * - no journaled success ran twice: one success per step, executed at least once and never more often than
 *   its journaled attempts (an attempt is journaled before its function runs);
 * - no event lost or delivered twice: each type journaled once, each journaled event consumed by exactly one
 *   wait, every acknowledged event journaled.
 */
export function journalProblems(
  summary: InstanceSummary,
  events: readonly JournalEvent[],
  record: InstanceRecord,
): { problems: string[]; view: InstanceView } {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${summary.id}: ${what}`);
  const file = buildJournalFile({ instance: summary, events, exportedAt: '2026-01-01T00:00:00.000Z' });
  const parsed = parseJournalValue(JSON.parse(serializeJournalFile(file)));
  if (!parsed.ok) say(parsed.message);
  for (let i = 1; i < events.length; i++) {
    if ((events[i] as JournalEvent).at < (events[i - 1] as JournalEvent).at) say(`event ${i + 1} goes back in time`);
  }

  const view = reduceJournal(events);
  if (view.status !== summary.status) say(`summary says ${summary.status}, the journal ${view.status}`);
  if (view.divergences.length > 0) say(`unexpected divergence ${JSON.stringify(view.divergences[0])}`);

  const attempts = new Map<string, number>();
  const successes = new Map<string, number>();
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const e of events) {
    if (e.type === 'attempt-started') add(attempts, `${e.name}#${e.count}`);
    if (e.type === 'step-succeeded') add(successes, `${e.name}#${e.count}`);
  }
  for (const [key, n] of successes) {
    if (n !== 1) say(`${key} succeeded ${n} times in the journal`);
    if ((record.executed.get(key) ?? 0) < 1) say(`${key} succeeded without being executed`);
  }
  for (const [key, n] of record.executed) {
    if (n > (attempts.get(key) ?? 0)) say(`${key} executed ${n} times, journaled ${attempts.get(key) ?? 0} attempts`);
  }

  const consumed = events.filter((e) => e.type === 'event-received').map((e) => e.eventSeq);
  if (new Set(consumed).size !== consumed.length) say('an event was delivered twice');
  const byType = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'event-buffered') continue;
    add(byType, e.eventType);
    if (!consumed.includes(e.seq)) say(`event ${e.eventType} (seq ${e.seq}) was never delivered`);
  }
  for (const [type, n] of byType) if (n !== 1) say(`event ${type} journaled ${n} times`);
  for (const type of record.acked) if (!byType.has(type)) say(`acknowledged event ${type} was lost`);
  return { problems, view };
}

/** Every broken guarantee of an engine soak, as one line each (empty when the soak passed). */
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
    const record = { executed: run.executions.get(id) ?? new Map(), acked: run.acked.get(id) ?? [] };
    const checked = journalProblems(summary, events, record);
    problems.push(...checked.problems);
    const { view } = checked;

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

    // Every event of the plan was sent, and with the payload the client sent.
    for (const e of events) {
      if (e.type === 'event-buffered' && !isDeepStrictEqual(e.payload, payloadFor(id, e.eventType))) {
        say(`foreign payload ${JSON.stringify(e.payload)}`);
      }
    }
    const sent = new Set(events.flatMap((e) => (e.type === 'event-buffered' ? [e.eventType] : [])));
    for (const op of plan.ops) if (op.k === 'wait' && !sent.has(op.type)) say(`event ${op.type} was never sent`);
  }
  return problems;
}
