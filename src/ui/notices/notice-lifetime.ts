import type { Notice } from '../../store';

/** How long an info notice stays: long enough to read a line. */
export const INFO_MS = 5000;
/** Warnings and errors stay longer (their detail is worth reading), then go too. */
export const PROBLEM_MS = 12_000;

/** How long `notice` stays on screen by itself (ms), or null when it waits for the user (`sticky`). */
export function noticeLifetime(notice: Pick<Notice, 'tone' | 'sticky'>): number | null {
  if (notice.sticky) return null;
  return notice.tone === 'info' ? INFO_MS : PROBLEM_MS;
}
