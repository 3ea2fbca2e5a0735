import { CACHED_TIP } from '../history/history-items';
import { OTHER_KEYS, SHORTCUTS } from '../keyboard/shortcuts';
import { Dialog } from './Dialog';
import { HistoryHelp } from './HistoryHelp';

const LEGEND = [
  ['done', 'done (succeeded, slept, received)'],
  ['running', 'running an attempt'],
  ['retrying', 'waiting to retry'],
  ['sleeping', 'sleeping / waiting for an event'],
  ['failed', 'failed or timed out'],
  ['diverged', 'diverged: the code no longer makes this call'],
  ['stopped', 'stopped: the instance ended (terminated) before it finished'],
  ['not-run', 'not run (yet)'],
] as const;

/** Keyboard shortcuts, what the graph's colours mean, and how to read the history. */
export function HelpDialog() {
  return (
    <Dialog title="Help: shortcuts, graph legend, history" testId="help-dialog">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.command}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
          {OTHER_KEYS.map((k) => (
            <tr key={k.keys}>
              <td>
                <kbd>{k.keys}</kbd>
              </td>
              <td>{k.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="dialog__subhead">Graph colours</h3>
      <ul className="legend">
        {LEGEND.map(([status, text]) => (
          <li key={status}>
            <span className={`legend__swatch plan-node--${status}`} aria-hidden="true" /> {text}
          </li>
        ))}
        <li>
          <span className="chip chip--replay" title={CACHED_TIP}>
            ↻ cached ×n
          </span>{' '}
          served from the journal by n later runs (replay)
        </li>
      </ul>
      <HistoryHelp />
    </Dialog>
  );
}
