import type { CallView, SleepView, StepView, WaitView } from '../../engine';
import { useSelectedInstance } from '../data/SelectedInstanceProvider';
import { formatClock, formatDuration } from '../format';
import { useWallClock } from '../hooks/useWallClock';
import { AttemptList } from './AttemptList';
import { CopyButton } from './CopyButton';
import { ErrorView } from './ErrorView';
import { JsonTree } from './JsonTree';
import { Facts, Section } from './Section';

const runsText = (c: CallView) =>
  c.runs.length <= 1 ? `run ${c.run}` : `run ${c.run}; journaled again by runs ${c.runs.slice(1).join(', ')}`;

function timing(c: CallView, now: number): [string, string][] {
  return [
    ['started', formatClock(c.startedAt)],
    [
      'duration',
      c.endedAt === null ? `${formatDuration(now - c.startedAt)} so far` : formatDuration(c.endedAt - c.startedAt),
    ],
    ['executed in', runsText(c)],
  ];
}

function StepDetails({ call, now }: { call: StepView; now: number }) {
  const { retries, timeout } = call.config;
  return (
    <>
      {call.status === 'succeeded' && (
        <Section title="Output" actions={<CopyButton value={call.result} />}>
          <JsonTree value={call.result} />
        </Section>
      )}
      {call.error && (
        <Section title="Failed for good">
          <ErrorView error={call.error} />
        </Section>
      )}
      <Section title={`Attempts (${call.attempts.length})`}>
        <AttemptList attempts={call.attempts} now={now} />
      </Section>
      <Section title="Config (as journaled)">
        <Facts
          rows={[
            ['retries', `limit ${retries.limit}, delay ${retries.delay}, ${retries.backoff}`],
            ['timeout', String(timeout)],
          ]}
        />
      </Section>
    </>
  );
}

function SleepDetails({ call }: { call: SleepView }) {
  return (
    <Section title="Sleep">
      <Facts
        rows={[
          ['duration', formatDuration(call.durationMs)],
          ['until', formatClock(call.until)],
          ['status', call.skipped ? `${call.status} (skipped ahead)` : call.status],
        ]}
      />
    </Section>
  );
}

function WaitDetails({ call }: { call: WaitView }) {
  return (
    <>
      <Section title="Wait for event">
        <Facts
          rows={[
            ['event type', call.eventType],
            ['timeout', `${formatDuration(call.timeoutMs)} (at ${formatClock(call.timeoutAt)})`],
            ['status', call.status],
          ]}
        />
      </Section>
      {call.event && (
        <Section title="Received event" actions={<CopyButton value={call.event.payload} label="Copy payload" />}>
          <Facts
            rows={[
              ['type', call.event.type],
              ['sent at', formatClock(call.event.timestamp)],
            ]}
          />
          <JsonTree value={call.event.payload} />
        </Section>
      )}
      {call.error && (
        <Section title="Timed out">
          <ErrorView error={call.error} />
        </Section>
      )}
    </>
  );
}

/** One journaled call in detail: timing, and per kind its attempts and output, its sleep, or its event. */
export function CallDetails({ call }: { call: CallView }) {
  // While time travelling, "now" is the moment shown: an unfinished call has run until then, not until today.
  const shown = useSelectedInstance();
  const asOf = shown.status === 'ready' && shown.travel ? shown.view.updatedAt : null;
  const wall = useWallClock(call.endedAt === null && asOf === null, 500);
  const now = asOf ?? wall;
  return (
    <>
      <Section title={`Call #${call.count}`}>
        <Facts rows={[['status', call.orphaned ? `${call.status} — diverged` : call.status], ...timing(call, now)]} />
      </Section>
      {call.kind === 'do' && <StepDetails call={call} now={now} />}
      {call.kind === 'sleep' && <SleepDetails call={call} />}
      {call.kind === 'wait' && <WaitDetails call={call} />}
    </>
  );
}
