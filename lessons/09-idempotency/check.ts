import { fail, type LessonCheck, notComplete, pass, plural, stepsNamed, times } from '../kit';

const check: LessonCheck = ({ view }) => {
  const [charge] = stepsNamed(view, 'charge');
  if (!charge) return fail('charge never ran; keep the step named charge');
  // The proof needs the crash between the effect and the journal: an attempt lost (the executor was killed)
  // whose journaled binding calls hold the charge's KV write, and a retry after it. A kill before the attempt
  // ran (⚡ At next step) charges nothing in the lost attempt, so it would prove nothing.
  const lost = charge.attempts.filter((a) => a.outcome === 'failed' && a.error?.name === 'WorkflowInternalError');
  const cutAfterCharge = lost.find(
    (a) => a !== charge.attempts.at(-1) && a.bindings?.some((b) => b.binding === 'KV' && b.op === 'put'),
  );
  if (!cutAfterCharge) {
    const why =
      lost[0] === undefined
        ? `charge made ${plural(charge.attempts.length, 'attempt')}, none cut off`
        : `attempt ${lost[0].attempt} was cut off before its charge call`;
    return fail(`the executor was not killed after the charge call (${why}): arm ⚡ After next call, then Run`);
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
