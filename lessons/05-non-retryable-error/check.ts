import { fail, type LessonCheck, notComplete, pass, plural, stepsNamed } from '../kit';

const check: LessonCheck = ({ view }) => {
  const step = stepsNamed(view, 'charge_card')[0];
  if (!step) return fail('charge_card never ran; keep the step named charge_card');
  if (step.attempts.length !== 1) {
    const last = step.error ?? step.attempts.at(-1)?.error;
    return fail(
      `charge_card made ${plural(step.attempts.length, 'attempt')}${last ? ` (${last.name})` : ''}; a declined card must fail at once, with 1 attempt`,
    );
  }
  if (step.status !== 'failed') return fail(`charge_card ${step.status}; with the declined card it must fail`);
  const ended = notComplete(view);
  if (ended) return ended;
  const output = view.output as { charged?: unknown } | null;
  if (output === null || typeof output !== 'object' || output.charged !== false) {
    return fail(`run() returned ${JSON.stringify(view.output)}; it must return {"charged": false, ...}`);
  }
  return pass(`charge_card failed after 1 attempt with ${step.error?.name}, and run() returned charged: false`);
};

export default check;
