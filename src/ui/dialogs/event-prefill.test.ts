import { describe, expect, it } from 'vitest';
import type { SentEventView } from '../../engine';
import { eventPayloadPrefill } from './event-prefill';

const sent = (type: string, payload: SentEventView['payload'], seq: number): SentEventView => ({
  seq,
  type,
  payload,
  timestamp: seq,
  consumedBy: null,
  dropped: false,
});

const samples = [{ event: { type: 'approval', payload: '{"approved": true, "by": "ana"}' } }, {}];

describe('eventPayloadPrefill()', () => {
  it('prefers the payload last sent to the type, as it was typed', () => {
    const out = eventPayloadPrefill(' approval ', {
      lastSent: { approval: '{"approved": false}' },
      instanceEvents: [sent('approval', { approved: true }, 3)],
      samples,
    });
    expect(out).toEqual({ text: '{"approved": false}', source: 'last-sent' });
  });

  it('else the last event of that type this instance was sent', () => {
    const out = eventPayloadPrefill('approval', {
      lastSent: { other: '{}' },
      instanceEvents: [sent('approval', { n: 1 }, 3), sent('approval', { n: 2 }, 5), sent('other', { n: 3 }, 6)],
      samples,
    });
    expect(out).toEqual({ text: '{\n  "n": 2\n}', source: 'instance' });
  });

  it('else the example a sample declares for the type, else {}', () => {
    expect(eventPayloadPrefill('approval', { lastSent: {}, instanceEvents: [], samples })).toEqual({
      text: '{"approved": true, "by": "ana"}',
      source: 'sample',
    });
    expect(eventPayloadPrefill('shipped', { lastSent: {}, instanceEvents: [], samples })).toEqual({
      text: '{}',
      source: 'empty',
    });
  });

  it('does not take an inherited property for a remembered type', () => {
    expect(eventPayloadPrefill('toString', { lastSent: {}, instanceEvents: [], samples }).source).toBe('empty');
  });
});
