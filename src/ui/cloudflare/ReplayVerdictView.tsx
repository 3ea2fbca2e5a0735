import { appStore } from '../../store';
import type { ReplayResult } from './replay-results';

/** The verdict in a word, as the CLI's table says it. */
export function verdictWord(r: ReplayResult): string {
  if (r.state === 'replaying') return 'replaying…';
  if (r.state === 'failed') return 'not replayed';
  const { verdict } = r.verdict;
  return verdict === 'clean' ? 'compatible' : verdict === 'running' ? 'waiting' : verdict;
}

/** What the verdict means, in a sentence (the first divergence, why it stopped or failed). */
export function verdictDetail(r: ReplayResult): string {
  if (r.state === 'replaying') return 'run() runs again against the code, served from the recorded history.';
  if (r.state === 'failed') return r.message;
  const v = r.verdict;
  if (v.verdict === 'clean') return 'The code made every recorded call again: served from Cloudflare’s outputs.';
  if (v.verdict === 'running') {
    return 'The replay waits for an event before it reached every recorded call: open it and send the event to go on.';
  }
  return v.detail ?? '';
}

/** A button that opens the replay instance (its history shows the lanes and the divergence). */
export function OpenReplay({ r }: { r: ReplayResult }) {
  if (r.state !== 'done' || r.verdict.replayId === null) return null;
  const id = r.verdict.replayId;
  return (
    <button
      type="button"
      className="pane-button"
      onClick={() => {
        const s = appStore.getState();
        s.closeDialog();
        s.selectInstance(id);
      }}
      title={`Select ${id}: its history shows the recorded run and the replay, and where they diverge`}
      data-testid="cf-open-replay"
    >
      Open {id}
    </button>
  );
}

/** The verdict of one replay, under the Replay button. */
export function ReplayVerdictView({ r }: { r: ReplayResult }) {
  const tone =
    r.state === 'done' && r.verdict.verdict === 'clean'
      ? 'ok'
      : r.state === 'replaying' || (r.state === 'done' && r.verdict.verdict === 'running')
        ? 'busy'
        : 'bad';
  return (
    <div className={`cf-verdict cf-verdict--${tone}`} role="status" data-testid="cf-verdict">
      <strong data-testid="cf-verdict-word">{verdictWord(r)}</strong>{' '}
      <span data-testid="cf-verdict-detail">{verdictDetail(r)}</span> <OpenReplay r={r} />
    </div>
  );
}
