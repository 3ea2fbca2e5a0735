import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../engine';
import { stoppedStart } from './stopped-start';

const base = { instanceId: 'i', wall: 0 };
const running: JournalEvent[] = [
  { ...base, seq: 1, at: 1_000, type: 'instance-created', workflowName: 'w', params: {} },
  { ...base, seq: 2, at: 1_010, type: 'run-started', run: 1, reason: 'create' },
];

describe('stoppedStart: where a stopped attempt or run is journaled from', () => {
  it('gives the last event, the view and the time, never before the last event', () => {
    const start = stoppedStart(running, 2_000);
    expect(start?.last.seq).toBe(2);
    expect(start?.view.status).toBe('running');
    expect(start?.at).toBe(2_000);
    // A clock behind the journal (another tab's, or a restore) writes at the last event's time, not before it.
    expect(stoppedStart(running, 500)?.at).toBe(1_010);
  });

  it('has nothing to stop in an empty journal or a finished instance', () => {
    expect(stoppedStart([], 2_000)).toBeUndefined();
    const finished: JournalEvent[] = [
      ...running,
      { ...base, seq: 3, at: 1_020, type: 'run-finished', run: 1, output: null },
    ];
    expect(stoppedStart(finished, 2_000)).toBeUndefined();
    const errored: JournalEvent[] = [
      ...running,
      { ...base, seq: 3, at: 1_020, type: 'run-errored', run: 1, error: { name: 'Error', message: 'boom' } },
    ];
    expect(stoppedStart(errored, 2_000)).toBeUndefined();
  });
});
