import { describe, expect, it } from 'vitest';
import type { InstanceSummary, JournalEvent } from '../engine';
import type { JournalRecord } from './journal-record';
import { crc32, decodeFrames, encodeFrame, encodeTombstone } from './wal-frames';

function record(instanceId: string, seq: number): JournalRecord {
  const event = { instanceId, seq, at: 1000 + seq, wall: 2000 + seq, type: 'sleep-started', name: 'nap', until: 9 };
  const summary = { id: instanceId, workflowName: 'w', status: 'running', lastSeq: seq } as unknown as InstanceSummary;
  return { instanceId, events: [event as unknown as JournalEvent], summary };
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('write-ahead log frames', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('reads back every record in order, including non-ASCII text', () => {
    const records = [record('a', 1), { ...record('b', 1), fileId: 'file-ü' }, record('a', 2)];
    const bytes = concat(...records.map(encodeFrame));
    expect(decodeFrames(bytes)).toEqual({ records, validBytes: bytes.length });
  });

  it('stops before a frame cut short at any byte, keeping every whole frame before it', () => {
    const first = encodeFrame(record('a', 1));
    const second = encodeFrame(record('a', 2));
    for (let cut = 0; cut < second.length; cut++) {
      const log = decodeFrames(concat(first, second.subarray(0, cut)));
      expect(log).toEqual({ records: [record('a', 1)], validBytes: first.length });
    }
  });

  it('stops at a frame whose bytes changed (checksum) and at zeros where a frame should be', () => {
    const first = encodeFrame(record('a', 1));
    const second = encodeFrame(record('a', 2));
    const flipped = second.slice();
    flipped[20] = (flipped[20] as number) ^ 0x01;
    expect(decodeFrames(concat(first, flipped, encodeFrame(record('a', 3)))).records).toEqual([record('a', 1)]);
    expect(decodeFrames(concat(first, new Uint8Array(64))).validBytes).toBe(first.length);
  });

  it('stops at a frame whose payload is still valid JSON but for one changed digit: only the checksum sees it', () => {
    const first = encodeFrame(record('a', 1));
    const second = encodeFrame(record('a', 2));
    const text = new TextDecoder().decode(second.subarray(8));
    const digit = text.indexOf('"at":1002') + '"at":100'.length;
    expect(text[digit]).toBe('2');
    const changed = second.slice();
    changed[8 + digit] = '7'.charCodeAt(0);
    const payload = new TextDecoder().decode(changed.subarray(8));
    expect(JSON.parse(payload).events[0].at).toBe(1007);
    const log = decodeFrames(concat(first, changed, encodeFrame(record('a', 3))));
    expect(log).toEqual({ records: [record('a', 1)], validBytes: first.length });
  });

  it('drops the records of an instance deleted later, and keeps what comes after the tombstone', () => {
    const bytes = concat(
      encodeFrame(record('gone', 1)),
      encodeFrame(record('kept', 1)),
      encodeFrame(record('gone', 2)),
      encodeTombstone('gone'),
      encodeFrame(record('gone', 1)),
    );
    expect(decodeFrames(bytes)).toEqual({ records: [record('kept', 1), record('gone', 1)], validBytes: bytes.length });
  });
});
