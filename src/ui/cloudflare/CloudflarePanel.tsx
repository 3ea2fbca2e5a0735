import { FINITE_STATUSES } from '../../engine';
import { fullOutputRequest } from '../../export';
import { appStore } from '../../store';
import { executorBlocker } from '../actions/legality';
import { useClient, useClientState } from '../client/useClient';
import { studioDb } from '../data/studio-db';
import { getFilesController } from '../files/files';
import { Facts, Section } from '../inspector/Section';
import { STATUS_TEXT } from '../instances/instance-rows';
import { continueProblem } from './cloudflare-replay';
import { ReplayVerdictView } from './ReplayVerdictView';
import { runReplays, useReplayResults } from './replay-results';
import { continueImported, type ReplayDeps } from './replay-runner';
import { useCloudflareIds, useCloudflareRecord } from './useCloudflareImports';

/** "Continue here": forks the imported instance into a live one and selects it, or says why not. */
async function continueHere(deps: ReplayDeps, id: string): Promise<void> {
  const s = appStore.getState();
  try {
    const forked = await continueImported(deps, id);
    s.selectInstance(forked);
    s.notify({
      tone: 'info',
      title: `${id} continues here as ${forked}`,
      detail: 'A live local instance with the open file’s code, from where Cloudflare’s history ends.',
    });
  } catch (e) {
    s.notify({
      tone: 'error',
      title: `${id} cannot continue here`,
      detail: e instanceof Error ? e.message : String(e),
    });
  }
}

/** The replay's dependencies in this page. */
export const useReplayDeps = () => {
  const client = useClient();
  const state = useClientState(client);
  const blocker = executorBlocker(client ? state : null);
  const deps = client && { client, db: studioDb, saveOpenFile: () => getFilesController().flush() };
  return { deps, blocker };
};

/**
 * The Instance tab's part for an instance imported from Cloudflare: where it came from, what the journal
 * cannot hold (versionId, trigger, outputs the API truncated, rollback steps), and "Replay against this code".
 */
export function CloudflarePanel({ id }: { id: string }) {
  const record = useCloudflareRecord(id);
  const results = useReplayResults();
  const all = useCloudflareIds();
  const { deps, blocker } = useReplayDeps();
  if (!record) return null;
  if (record.replayOf !== undefined) {
    return (
      <Section title="☁ Replay of a Cloudflare instance · read-only">
        <p className="muted" data-testid="cf-replay-copy">
          The journal “Replay against this code” kept ({record.label}). It stays as the verdict read it: nothing runs it
          further. To run on from here, use “Continue here” on {record.replayOf}.
        </p>
      </Section>
    );
  }
  const result = results.get(id);
  const cut = record.truncated.filter((n) => n !== 'run()');
  const cannotContinue = continueProblem(record);
  return (
    <Section title="☁ Imported from Cloudflare · read-only">
      <div data-testid="cf-panel">
        <Facts
          rows={[
            ['from', record.label],
            [
              'status there',
              <span key="s" data-testid="cf-status">
                {STATUS_TEXT[record.status]}
                {record.stop ? ' (the history here stops early: see below)' : ''}
              </span>,
            ],
            ['versionId', <code key="v">{record.versionId ?? '—'}</code>],
            ['trigger', record.trigger ?? '—'],
            ...(record.rollbacks.length > 0
              ? ([['rollbacks', `${record.rollbacks.join(', ')} (shown by Cloudflare; not replayed)`]] as [
                  string,
                  string,
                ][])
              : []),
          ]}
        />
        {record.truncated.length > 0 && (
          <div className="cf-truncated" data-testid="cf-truncated">
            <span className="chip chip--warn">truncated</span> The API truncated the output of{' '}
            {record.truncated.join(', ')}. A truncated output is never served to a replay as if whole
            {record.stop?.reason === 'truncated-output' ? `: the history stops before ${record.stop.step}` : ''}. The
            full output of a step: <code data-testid="cf-full-output">{fullOutputRequest(cut[0] ?? 'NAME-1')}</code>.
            Truncation is recognised by a heuristic (JSON text that does not parse): the API marks nothing.
          </div>
        )}
        {record.stop?.reason === 'unknown-step-type' && (
          <p className="field__error" data-testid="cf-stop">
            {record.stop.message}
          </p>
        )}
        <div className="cf-actions">
          <button
            type="button"
            className="button button--primary"
            disabled={!deps || !!blocker || result?.state === 'replaying'}
            title={
              blocker ??
              'Saves and loads the open file, then runs run() against this history: recorded steps served from their outputs, sleeps and waits as they ended; shows where the code diverges'
            }
            onClick={() => deps && void runReplays(deps, [id])}
            data-testid="cf-replay"
          >
            Replay against this code
          </button>
          {!FINITE_STATUSES.includes(record.status) && (
            <button
              type="button"
              className="button"
              disabled={!deps || !!blocker || !!cannotContinue}
              title={
                blocker ??
                cannotContinue ??
                'Fork it into a live local instance with the open file’s code, from where Cloudflare’s history ends (times moved to now): send the event it waits for, let its sleep pass, try a fix before deploying'
              }
              onClick={() => deps && void continueHere(deps, id)}
              data-testid="cf-continue"
            >
              Continue here
            </button>
          )}
          {all.length > 1 && (
            <button
              type="button"
              className="button"
              onClick={() => appStore.getState().openDialog('cloudflare-replays')}
              title="Replay every instance imported from Cloudflare against the open file: a table of verdicts"
              data-testid="cf-replay-all"
            >
              Replay all {all.length} imported…
            </button>
          )}
        </div>
        {result && <ReplayVerdictView r={result} />}
      </div>
    </Section>
  );
}
