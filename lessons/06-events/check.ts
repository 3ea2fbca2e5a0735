import type { WaitView } from '../../src/engine';
import { fail, type LessonCheck, notComplete, pass } from '../kit';

const check: LessonCheck = ({ view }) => {
  const sent = view.events.filter((e) => e.type === 'approval');
  if (sent.length === 0) return fail('no “approval” event was sent to this instance; Send event with type approval');
  const waits = view.calls.filter((c): c is WaitView => c.kind === 'wait');
  const queued = sent.find((e) => e.consumedBy === null);
  if (queued && view.status !== 'complete') {
    const waiting = waits.find((w) => w.status === 'waiting');
    const why = waiting ? `: the wait “${waiting.name}” waits for type “${waiting.eventType}”` : '';
    return fail(`the “approval” event you sent is still queued${why}; a wait takes only events of its own type`);
  }
  const ended = notComplete(view);
  if (ended) return ended;
  const output = view.output as { approved_by?: unknown } | null;
  if (output?.approved_by !== 'ana') {
    return fail(`run() returned ${JSON.stringify(view.output)}; it must say approved_by "ana"`);
  }
  return pass('the wait received the “approval” event and run() returned who approved');
};

export default check;
