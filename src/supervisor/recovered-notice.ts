import type { NoticeText } from '../protocol';

/** The notice after a recovery that left `waiting` unfinished instances waiting for their file's source. */
export function waitingForSourceNotice(waiting: number): NoticeText | undefined {
  if (waiting <= 0) return undefined;
  const message =
    waiting === 1
      ? '1 unfinished instance waits until its workflow file is loaded again.'
      : `${waiting} unfinished instances wait until their workflow file is loaded again.`;
  return { level: 'info', name: 'WaitingForSource', message };
}
