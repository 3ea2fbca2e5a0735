/** One journal event in words, for the time-travel indicator ("seq 12 of 40 · step charge_card succeeded"). Pure. */
import { assertNever, type JournalEvent } from '../../engine';
import { formatDuration } from '../format';
import { callLabel } from './history-items';

/** What event `e` records, in a few words. */
export function describeEvent(e: JournalEvent): string {
  switch (e.type) {
    case 'instance-created':
      return `instance created (${e.workflowName})`;
    case 'run-started':
      return `run ${e.run} started (${e.reason})`;
    case 'run-finished':
      return `run ${e.run} finished: run() returned`;
    case 'run-errored':
      return `run ${e.run} errored: ${e.error.name}`;
    case 'run-evicted':
      return `run ${e.run} evicted`;
    case 'calls-replayed':
      return `run ${e.run} replayed ${e.calls.length} call${e.calls.length === 1 ? '' : 's'} from the journal`;
    case 'run-output': {
      const lines = e.text.replace(/\n$/, '').split('\n').length;
      return `run ${e.run} printed ${lines} line${lines === 1 ? '' : 's'} outside steps`;
    }
    case 'divergence-detected':
      return `run ${e.run} diverged: expected ${callLabel(e.expected)}, got ${e.got ? callLabel(e.got) : 'nothing'}`;
    case 'step-started':
      return `step ${callLabel(e)} started`;
    case 'attempt-started':
      return `step ${callLabel(e)}: attempt ${e.attempt} started`;
    case 'attempt-failed':
      return `step ${callLabel(e)}: attempt ${e.attempt} failed (${e.error.name})`;
    case 'step-succeeded':
      return `step ${callLabel(e)} succeeded (attempt ${e.attempt})`;
    case 'step-failed':
      return `step ${callLabel(e)} failed for good`;
    case 'sleep-started':
      return `sleep ${callLabel(e)} started (${formatDuration(e.durationMs)})`;
    case 'sleep-finished':
      return `sleep ${callLabel(e)} over`;
    case 'wait-started':
      return `wait ${callLabel(e)} for “${e.eventType}” started`;
    case 'event-received':
      return `wait ${callLabel(e)} received its event`;
    case 'wait-timed-out':
      return `wait ${callLabel(e)} timed out`;
    case 'event-buffered':
      return `event “${e.eventType}” sent${e.scripted === undefined ? '' : ` by the file’s mocks (${e.scripted})`}`;
    case 'wake-skipped':
      return `${e.wake} of ${callLabel(e.call)} skipped`;
    case 'pause-requested':
      return 'pause requested';
    case 'paused':
      return 'paused';
    case 'resumed':
      return 'resumed';
    case 'terminated':
      return 'terminated';
    case 'restarted':
      return e.from ? `restarted from ${callLabel(e.from)}` : 'restarted';
    default:
      return assertNever(e);
  }
}
