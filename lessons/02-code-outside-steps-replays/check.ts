import { fail, type LessonCheck, notComplete, pass, plural, printsOf, times } from '../kit';

const check: LessonCheck = ({ view }) => {
  const emails = printsOf(view, 'sending welcome email');
  if (view.runs.length < 2) {
    return fail(`the instance took ${plural(view.runs.length, 'run')}; keep the sleep, so it takes two runs`);
  }
  if (emails.length !== 1) {
    const where = emails.map((e) => `run ${e.run}${e.step ? ` in ${e.step}` : ' outside steps'}`).join(', ');
    return fail(`the welcome email went out ${times(emails.length)}${where ? ` (${where})` : ''}; it must go out once`);
  }
  const ended = notComplete(view);
  if (ended) return ended;
  return pass(
    `the welcome email went out once in ${view.runs.length} runs, from the step ${emails[0]?.step ?? 'run()'}`,
  );
};

export default check;
