import { fail, type LessonCheck, notComplete, pass, plural, printsOf, times } from '../kit';

const check: LessonCheck = ({ view }) => {
  const charges = printsOf(view, 'charging');
  if (view.runs.length < 2) {
    return fail(
      `the instance took ${plural(view.runs.length, 'run')}; arm ⚡ At next step before Run, so a crash restarts it`,
    );
  }
  if (charges.length !== 1) {
    const where = charges.map((c) => `run ${c.run}`).join(', ');
    return fail(`charge ran ${times(charges.length)} (${where}); it must run once`);
  }
  const ended = notComplete(view);
  if (ended) return ended;
  return pass(`charge ran once, though run() ran ${times(view.runs.length)}: a step that finished is never run again`);
};

export default check;
