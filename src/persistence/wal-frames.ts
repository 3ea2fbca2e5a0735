/**
 * The byte format of the journal's write-ahead log: one frame per journal append.
 *
 *   frame = u32 length · u32 CRC-32 of the payload · payload (UTF-8 JSON of a {@link JournalRecord},
 *           or of a tombstone `{"deleted": instanceId}`)
 *
 * Both integers are little-endian. A log is a run of frames; reading stops at the first frame that is cut
 * short or fails its checksum (a write the machine did not finish), and everything before it is intact.
 */
import type { JournalRecord } from './journal-record';

const HEADER = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** One append as bytes for the log. */
export function encodeFrame(record: JournalRecord): Uint8Array {
  return frameOf(record);
}

/** Says that an instance was deleted: replaying the log drops its records written before. */
export function encodeTombstone(instanceId: string): Uint8Array {
  return frameOf({ deleted: instanceId });
}

function frameOf(value: JournalRecord | Tombstone): Uint8Array {
  const payload = encoder.encode(JSON.stringify(value));
  const frame = new Uint8Array(HEADER + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, payload.length, true);
  view.setUint32(4, crc32(payload), true);
  frame.set(payload, HEADER);
  return frame;
}

interface Tombstone {
  deleted: string;
}

/** The records of a log, in order, without those of instances deleted later; and the intact prefix's length. */
export interface DecodedLog {
  records: JournalRecord[];
  /** Bytes of the intact prefix; anything after it is a torn write to cut off. */
  validBytes: number;
}

/** Reads the frames of `bytes` up to the first torn or corrupt one. */
export function decodeFrames(bytes: Uint8Array): DecodedLog {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let records: JournalRecord[] = [];
  let at = 0;
  while (at + HEADER <= bytes.length) {
    const length = view.getUint32(at, true);
    const end = at + HEADER + length;
    if (end > bytes.length) break;
    const payload = bytes.subarray(at + HEADER, end);
    if (crc32(payload) !== view.getUint32(at + 4, true)) break;
    let entry: JournalRecord | Tombstone;
    try {
      entry = JSON.parse(decoder.decode(payload)) as JournalRecord | Tombstone;
    } catch {
      break;
    }
    at = end;
    if ('deleted' in entry) {
      const gone = entry.deleted;
      records = records.filter((r) => r.instanceId !== gone);
    } else records.push(entry);
  }
  return { records, validBytes: at };
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as zlib and PNG compute it). */
export function crc32(bytes: Uint8Array): number {
  table ??= makeTable();
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
