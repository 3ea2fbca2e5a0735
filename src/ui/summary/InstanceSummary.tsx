import { lazy, useMemo } from 'react';
import type { InstanceView, JournalEvent, StatusChange } from '../../engine';
import { useCloudflareRecord } from '../cloudflare/useCloudflareImports';
import { formatClock, formatDateTime, formatDuration, plural } from '../format';
import { useInstanceFile } from '../graph/useInstanceFile';
import { useWallClock } from '../hooks/useWallClock';
import { CopyButton } from '../inspector/CopyButton';
import { ErrorView } from '../inspector/ErrorView';
import { JsonTree } from '../inspector/JsonTree';
import { Facts, Section } from '../inspector/Section';
import { isFinished, STATUS_TEXT } from '../instances/instance-rows';
import { LazyPart } from '../layout/LazyPart';
import { durationAt, summarizeInstance } from './instance-summary';
import { RunAgainButton } from './RunAgainButton';

/** Only for instances imported from Cloudflare: a chunk of its own (with the export module's schemas). */
export const loadCloudflarePanel = () => import('../cloudflare/CloudflarePanel');
const CloudflarePanel = lazy(() => loadCloudflarePanel().then((m) => ({ default: m.CloudflarePanel })));

/** Why the status changed, in words: the run that started and why, or the journal event. */
function causeText(c: StatusChange): string {
  if (c.cause === 'instance-created') return 'created';
  if (c.cause === 'run-started' && c.run) return `run ${c.run.run} started (${c.run.reason})`;
  return c.run ? `${c.cause.replaceAll('-', ' ')} · run ${c.run.run}` : c.cause.replaceAll('-', ' ');
}

function StatusHistory({ history, startedAt }: { history: StatusChange[]; startedAt: number }) {
  return (
    <ol className="status-history" data-testid="status-history">
      {history.map((c) => (
        <li key={c.seq} className="status-history__row">
          <span className="status-history__time" title={`journal seq ${c.seq}`}>
            {formatClock(c.at)}
          </span>
          <span className="status-history__offset">+{formatDuration(c.at - startedAt)}</span>
          <span className={`status-pill status-pill--${c.status}`}>{STATUS_TEXT[c.status]}</span>
          <span className="status-history__cause">{causeText(c)}</span>
        </li>
      ))}
    </ol>
  );
}

interface InstanceSummaryProps {
  view: InstanceView;
  events: readonly JournalEvent[];
  /** A past scrubber position (seq of lastSeq), or null when live: durations then run to that position's time. */
  travel: { seq: number; lastSeq: number } | null;
}

/**
 * The selected instance at a glance, from its journal: workflow and file, id, status and how it got there,
 * params and output (copyable JSON, Python's None as None), the error with its traceback (frames link to the
 * editor), start, end, duration, runs and steps. Shows the state at the scrubber's position while time travelling.
 */
export function InstanceSummary({ view, events, travel }: InstanceSummaryProps) {
  const travelling = travel !== null;
  const s = useMemo(() => summarizeInstance(view, events), [view, events]);
  const file = useInstanceFile(view.id);
  const cloudflare = useCloudflareRecord(view.id);
  // Imported with its history cut short (a truncated output): the journal has no run end, so it alone would read
  // running or waiting. The pill says Cloudflare's status, marked; time travel shows the journal's.
  const cut = !travelling && cloudflare?.stop ? cloudflare.stop : null;
  const status = cut && cloudflare ? cloudflare.status : s.status;
  const wallNow = useWallClock(!travelling && !cut && !isFinished(view.status), 1000);
  const durationMs = durationAt(s, travelling || cut ? s.updatedAt : wallNow);
  const fileText =
    file.status === 'linked'
      ? file.name
      : file.status === 'deleted'
        ? 'its file was deleted'
        : file.status === 'none'
          ? 'no file (imported journal)'
          : '…';
  return (
    <div className="inspector instance-summary" data-testid="instance-summary" data-status={status}>
      <header className="inspector__head instance-summary__head">
        <span className={`status-pill status-pill--${status}`} data-testid="summary-status">
          {STATUS_TEXT[status]}
        </span>
        {cut && (
          <span
            className="chip chip--warn"
            data-testid="summary-status-cut"
            title={`${STATUS_TEXT[status]} is Cloudflare's status. The history here stops early (${cut.message}), so its journal alone reads ${STATUS_TEXT[s.status]}.`}
          >
            ☁ Cloudflare's · history cut short
          </span>
        )}
        <h2 className="inspector__name" data-testid="summary-workflow">
          {s.workflowName}
        </h2>
        {travel && (
          <span
            className="chip chip--travel"
            title="Time travel: the instance as it was after this journal event"
            data-testid="summary-travel"
          >
            ◀ as of seq {travel.seq}/{travel.lastSeq}
          </span>
        )}
        <RunAgainButton view={view} />
      </header>
      <Facts
        rows={[
          [
            'file',
            <span key="f" data-testid="summary-file">
              {fileText}
            </span>,
          ],
          [
            'id',
            <span key="i" data-testid="summary-id">
              {s.id}
            </span>,
          ],
          ['started', formatDateTime(s.startedAt)],
          ['ended', s.endedAt === null ? '—' : formatDateTime(s.endedAt)],
          [
            'duration',
            `${formatDuration(durationMs)}${s.endedAt === null ? (cut ? ' until the history here stops' : ' so far') : ''}`,
          ],
          [
            'runs · steps',
            `${plural(s.runs, 'run')} · ${plural(s.steps, 'step')}${s.calls > s.steps ? ` (${plural(s.calls, 'call')} with sleeps and waits)` : ''}`,
          ],
        ]}
      />
      {cloudflare && (
        <LazyPart what="the Cloudflare import's details">
          <CloudflarePanel id={view.id} />
        </LazyPart>
      )}
      {s.error && (
        <Section title="Error">
          <ErrorView error={s.error} />
        </Section>
      )}
      {!s.output.present && !s.error && (
        <Section title="Output">
          <p className="inspector__hint" data-testid="summary-no-output">
            {cut
              ? 'Not in the history here: it stops before run() returned (see the Cloudflare section).'
              : s.status === 'terminated'
                ? 'Terminated before run() returned.'
                : 'Not yet: run() has not returned.'}
          </p>
        </Section>
      )}
      {s.output.present && cloudflare?.truncated.includes('run()') && (
        <Section title="Output · what run() returned">
          <p className="inspector__hint" data-testid="summary-output-truncated">
            <span className="chip chip--warn">truncated</span> Cloudflare&apos;s API truncated the instance output: it
            is not shown, and not served as whole.
          </p>
        </Section>
      )}
      {s.output.present && !cloudflare?.truncated.includes('run()') && (
        <Section title="Output · what run() returned" actions={<CopyButton value={s.output.value} />}>
          <div data-testid="summary-output">
            <JsonTree value={s.output.value} python />
          </div>
        </Section>
      )}
      <Section title="Params · event.payload" actions={<CopyButton value={s.params} />}>
        <div data-testid="summary-params">
          <JsonTree value={s.params} python />
        </div>
      </Section>
      <Section title="Status history">
        <StatusHistory history={s.history} startedAt={s.startedAt} />
      </Section>
    </div>
  );
}
