import { describe, expect, it } from 'vitest';
import { noticeTitle } from './notice-title';

describe('noticeTitle()', () => {
  it("words the executor's own events and keeps error names as they are", () => {
    expect(noticeTitle('ExecutorRestarted')).toBe('Python restarted');
    expect(noticeTitle('Interrupted')).toBe('Python interrupted');
    expect(noticeTitle('WaitingForSource')).toBe('Waiting for a workflow file');
    expect(noticeTitle('AttemptStoppedError')).toBe('AttemptStoppedError');
    expect(noticeTitle('toString')).toBe('toString');
  });
});
