import { fail, type LessonCheck, notComplete, pass, plural, seconds, stepsNamed } from '../kit';

const WANTED_DELAYS = [5000, 10_000];

const check: LessonCheck = ({ view }) => {
  const step = stepsNamed(view, 'call_rates')[0];
  if (!step) return fail('call_rates never ran; keep the step named call_rates');
  const attempts = step.attempts;
  if (step.status === 'failed') {
    return fail(`call_rates made ${plural(attempts.length, 'attempt')} and failed; it must succeed on attempt 3`);
  }
  if (step.status !== 'succeeded')
    return fail(`call_rates is ${step.status}; let it finish (Skip wait ends a retry delay)`);
  for (let i = 0; i < WANTED_DELAYS.length; i++) {
    const a = attempts[i];
    if (!a || a.retryAt === null || a.endedAt === null) break;
    const delay = a.retryAt - a.endedAt;
    if (delay !== WANTED_DELAYS[i]) {
      return fail(`the wait before attempt ${i + 2} was ${seconds(delay)}; it must be ${seconds(WANTED_DELAYS[i]!)}`);
    }
  }
  const ended = notComplete(view);
  if (ended) return ended;
  return pass(`call_rates succeeded on attempt ${attempts.length}, after waits of 5 s and 10 s`);
};

export default check;
