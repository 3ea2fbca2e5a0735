import { fail, type LessonCheck, notComplete, pass, printsOf, stepsNamed, times } from '../kit';

const check: LessonCheck = ({ view }) => {
  const d = view.divergences[0];
  const reserved = printsOf(view, 'reserving');
  if (d) {
    const got = d.got ? `“${d.got.name}”` : 'nothing';
    return fail(
      `run ${d.run} diverged: the journal held “${d.expected.name}” and your code asked for ${got}; stock was reserved ${times(reserved.length)}`,
    );
  }
  if (reserved.length !== 1) return fail(`stock was reserved ${times(reserved.length)}; it must be reserved once`);
  if (view.runs.length < 2) {
    return fail('the instance took 1 run; run the starting file first and change the code while it sleeps');
  }
  const ended = notComplete(view);
  if (ended) return ended;
  const [notify] = stepsNamed(view, 'notify_customer');
  if (!notify) {
    return fail(
      'notify_customer never ran; add it after ship and press ⟳ Load while the instance sleeps, then Skip wait',
    );
  }
  return pass(
    `the instance took ${view.runs.length} runs, picked up notify_customer in run ${notify.run}, and reserved once`,
  );
};

export default check;
