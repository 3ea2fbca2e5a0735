import { useEffect, useState } from 'react';
import { CancelButton, Dialog } from '../dialogs/Dialog';
import { useReplayDeps } from './CloudflarePanel';
import { OpenReplay, verdictDetail, verdictWord } from './ReplayVerdictView';
import { runReplays, useReplayResults } from './replay-results';
import { useCloudflareIds } from './useCloudflareImports';

/**
 * Every instance imported from Cloudflare replayed against the open file, one after another, as a table —
 * instance, verdict, first divergence — like `workflow-studio replay --from-cloudflare` with several instances:
 * "will my in-flight instances survive this change?".
 */
export function CloudflareReplaysDialog() {
  const ids = useCloudflareIds();
  const results = useReplayResults();
  const { deps, blocker } = useReplayDeps();
  const [started, setStarted] = useState<readonly string[] | null>(null);
  const start = () => {
    if (!deps || blocker || ids.length === 0) return;
    setStarted(ids);
    void runReplays(deps, ids);
  };
  // Opened by "Replay all…": the replays start at once (the button said what it does).
  // biome-ignore lint/correctness/useExhaustiveDependencies: start once, when the ids are first read.
  useEffect(() => {
    if (started === null && ids.length > 0) start();
  }, [ids.length]);
  const rows = started ?? ids;
  const busy = rows.some((id) => results.get(id)?.state === 'replaying');
  return (
    <Dialog
      title="Replay the imported Cloudflare instances against this code"
      testId="cf-replays-dialog"
      wide
      onSubmit={start}
      footer={
        <>
          <CancelButton label="Close" />
          <button type="submit" className="button button--primary" aria-disabled={busy || !!blocker}>
            Replay again
          </button>
        </>
      }
    >
      <p className="dialog__note">
        Each instance replays against the open file as it is now (saved and loaded into Python): its recorded steps are
        served from Cloudflare&apos;s outputs, sleeps and waits as they ended, and where the code asks for other calls,
        it diverges. One run each: Cloudflare does not expose its replays.
      </p>
      {blocker && <p className="field__error">{blocker}</p>}
      <table className="cf-table" data-testid="cf-replays-table">
        <thead>
          <tr>
            <th>instance</th>
            <th>verdict</th>
            <th>first divergence</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((id) => {
            const r = results.get(id);
            return (
              <tr key={id} data-testid="cf-replays-row" data-instance-id={id}>
                <td>{id}</td>
                <td data-testid="cf-replays-verdict">{r ? verdictWord(r) : 'waiting'}</td>
                <td data-testid="cf-replays-detail">
                  {r && !(r.state === 'done' && r.verdict.verdict === 'clean') ? verdictDetail(r) : '—'}
                </td>
                <td>{r && <OpenReplay r={r} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Dialog>
  );
}
