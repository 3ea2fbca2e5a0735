import { CACHED_TIP, END_TIPS, REASON_TIPS, REPLAYED_TIP } from '../history/history-items';

/** The words a lane header uses, in the order a run meets them: why it started, then how it ended. */
const LANE_WORDS = [
  REASON_TIPS.create,
  REASON_TIPS.wake,
  REASON_TIPS.event,
  REASON_TIPS.skip,
  REASON_TIPS.resume,
  REASON_TIPS.restart,
  REASON_TIPS.recover,
  END_TIPS.evicted,
  END_TIPS.finished,
  END_TIPS.errored,
  END_TIPS.crashed,
  REPLAYED_TIP,
  CACHED_TIP,
];

/** "How to read the history", in the help: lanes, replay, and when a run ends — here and on Cloudflare. */
export function HistoryHelp() {
  return (
    <section className="history-help" data-testid="help-history">
      <h3 className="dialog__subhead">How to read the history</h3>
      <p>
        Each lane is one <strong>run</strong>: one execution of <code>run()</code> from the top. A durable workflow does
        not sleep inside a run: the run ends, and when the sleep is over a new run starts at the top and gets every call
        the journal already finished from the journal instead of running it again. The header says why the run started
        and how it ended; lines tagged <em>run() print</em> are what <code>run()</code> printed outside steps in that
        run, so a <code>print()</code> above a sleep shows once per run. A step’s own prints are with its attempts in
        the inspector.
      </p>
      <ul className="history-help__words">
        {LANE_WORDS.map((sentence) => {
          const [word, ...rest] = sentence.split(': ');
          return (
            <li key={sentence}>
              <strong>{word}</strong>: {rest.join(': ')}
            </li>
          );
        })}
      </ul>
      <p>
        <strong>When a run ends.</strong> The studio ends a run at every sleep, wait for an event and retry delay that
        is not over yet, so every replay is visible. Cloudflare <em>may</em> do so at any of them, or keep the run going
        in memory. Code must be correct either way: keep state in step results, not in variables set outside steps, and
        make everything outside steps safe to run again.
      </p>
    </section>
  );
}
