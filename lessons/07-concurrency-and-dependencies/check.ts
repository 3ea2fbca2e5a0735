import { fail, type LessonCheck, notComplete, pass, seconds, stepsNamed } from '../kit';

const check: LessonCheck = ({ view }) => {
  const [north] = stepsNamed(view, 'price_north');
  const [south] = stepsNamed(view, 'price_south');
  const [best] = stepsNamed(view, 'pick_best');
  if (!north || !south || !best)
    return fail('price_north, price_south and pick_best must all run; keep the three steps');
  const ended = notComplete(view);
  if (ended) return ended;
  const span = (s: typeof north) => {
    const a = s.attempts.at(-1)!;
    return { from: a.startedAt - view.createdAt, to: (a.endedAt ?? a.startedAt) - view.createdAt };
  };
  const n = span(north);
  const s = span(south);
  if (!(n.from < s.to && s.from < n.to)) {
    return fail(
      `price_north ran ${seconds(n.from)}–${seconds(n.to)} and price_south ${seconds(s.from)}–${seconds(s.to)}: they did not overlap; ask both at the same time`,
    );
  }
  const bestFrom = best.attempts[0]!.startedAt - view.createdAt;
  if (bestFrom < Math.max(n.to, s.to))
    return fail('pick_best started before both prices were in; it must come after them');
  return pass(
    `price_north (${seconds(n.from)}–${seconds(n.to)}) and price_south (${seconds(s.from)}–${seconds(s.to)}) overlapped; pick_best came after both`,
  );
};

export default check;
