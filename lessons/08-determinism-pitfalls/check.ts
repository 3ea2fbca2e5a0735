import { fail, type LessonCheck, notComplete, pass, printsOf, times } from '../kit';

const check: LessonCheck = ({ view }) => {
  const quotes = printsOf(view, 'asking the shipper');
  if (quotes.length > 1) {
    const names = [...new Set(quotes.map((q) => `“${q.step}” in run ${q.run}`))].join(', ');
    return fail(
      `the quote step ran ${times(quotes.length)} (${names}); a step name with the time in it is a new step on every replay`,
    );
  }
  const d = view.divergences[0];
  if (d) {
    const got = d.got ? `“${d.got.name}”` : 'nothing';
    return fail(`run ${d.run} diverged: the journal held “${d.expected.name}” and the code asked for ${got}`);
  }
  const ended = notComplete(view);
  if (ended) return ended;
  if (view.runs.length < 2) return fail('the instance took 1 run; keep the sleep, so run() replays');
  const output = view.output as { items?: unknown } | null;
  if (output?.items !== 2) {
    return fail(
      `summarize counted ${JSON.stringify(output?.items)} items, but load_cart returned 2: state kept outside steps is lost on replay`,
    );
  }
  return pass(`${view.runs.length} runs took the same path: the quote ran once and summarize counted 2 items`);
};

export default check;
