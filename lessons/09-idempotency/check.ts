import { fail, type LessonCheck, notComplete, pass, plural, stepsNamed, times } from '../kit';

const check: LessonCheck = ({ view }) => {
  const [charge] = stepsNamed(view, 'charge');
  if (!charge) return fail('charge never ran; keep the step named charge');
  if (charge.attempts.length < 2) {
    return fail(
      `charge made ${plural(charge.attempts.length, 'attempt')}; arm ⚡ After next call before Run, so the executor dies right after the charge`,
    );
  }
  const ended = notComplete(view);
  if (ended) return ended;
  const charges = (view.output as { charges?: unknown } | null)?.charges;
  if (typeof charges !== 'number') {
    return fail('the output has no “charges” count; keep the statement step and return its result');
  }
  if (charges !== 1) {
    return fail(
      `the card was charged ${times(charges)} in ${charge.attempts.length} attempts; it must be charged once`,
    );
  }
  return pass(
    `charge ran ${times(charge.attempts.length)} and the card was charged once: the key was the same on each`,
  );
};

export default check;
