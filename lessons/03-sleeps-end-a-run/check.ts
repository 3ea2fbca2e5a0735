import type { SleepView } from '../../src/engine';
import { fail, type LessonCheck, notComplete, pass, seconds, stepsNamed } from '../kit';

const DAY = 86_400_000;

const check: LessonCheck = ({ view }) => {
  const sleeps = view.calls.filter((c): c is SleepView => c.kind === 'sleep');
  const invoice = stepsNamed(view, 'send_invoice')[0];
  const reminder = stepsNamed(view, 'send_reminder')[0];
  if (!invoice || !reminder) return fail('send_invoice and send_reminder must both run; keep both steps');
  if (sleeps.length === 0) {
    const gap = reminder.startedAt - (invoice.endedAt ?? invoice.startedAt);
    return fail(`send_reminder ran ${seconds(gap)} after send_invoice, with no step.sleep between; it must wait 1 day`);
  }
  const sleep = sleeps[0]!;
  if (sleep.durationMs !== DAY) {
    return fail(`the sleep “${sleep.name}” lasts ${seconds(sleep.durationMs)}; it must last 1 day ("1 day")`);
  }
  if (reminder.startSeq < sleep.startSeq) return fail('send_reminder ran before the sleep; put the sleep before it');
  const ended = notComplete(view);
  if (ended) return ended;
  const asleep = view.runs.find((r) => r.run === sleep.run);
  return pass(
    `run ${sleep.run} ${asleep?.end === 'evicted' ? 'ended' : 'stopped'} at the sleep; run ${reminder.run} woke and sent the reminder`,
  );
};

export default check;
