import { fail, type LessonCheck, notComplete, pass, printsOf, stepsNamed, times } from '../kit';

const check: LessonCheck = ({ view }) => {
  const [charge] = stepsNamed(view, 'charge');
  if (!charge) return fail('charge never ran; keep the step named charge');
  const charged = printsOf(view, 'provider: charged');
  if (charged.length !== 1) {
    return fail(
      `the card was charged ${times(charged.length)} in ${charge.attempts.length} attempts; it must be charged once`,
    );
  }
  if (charge.attempts.length < 2) {
    return fail('charge made 1 attempt; keep the lost reply on attempt 1, so the step runs twice');
  }
  const ended = notComplete(view);
  if (ended) return ended;
  return pass(
    `charge ran ${times(charge.attempts.length)} and the card was charged once: the key was the same on each`,
  );
};

export default check;
