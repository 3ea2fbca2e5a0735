import { describe, expect, it } from 'vitest';
import type { RunView } from '../../engine';
import { END_TIPS, REASON_TIPS, REASON_WORD, runEndWord } from './history-items';

const ENDS: NonNullable<RunView['end']>[] = [
  'finished',
  'errored',
  'evicted',
  'paused',
  'terminated',
  'restarted',
  'crashed',
];

describe('the lane vocabulary', () => {
  it('explains every word a lane header shows in one sentence that starts with that word', () => {
    for (const reason of Object.keys(REASON_WORD) as RunView['reason'][]) {
      expect(REASON_TIPS[reason].startsWith(`${REASON_WORD[reason]}: `), reason).toBe(true);
    }
    for (const end of [...ENDS, null]) {
      const word = runEndWord({ end } as RunView);
      expect(END_TIPS[end ?? 'running'].startsWith(`${word}: `), word).toBe(true);
    }
    for (const tip of [...Object.values(REASON_TIPS), ...Object.values(END_TIPS)]) {
      expect(tip.split(/[.!?](\s|$)/).filter((s) => s.trim() !== '').length, tip).toBe(1);
    }
  });
});
