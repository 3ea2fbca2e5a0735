/**
 * The cap on captured output (Python `print()`): the first {@link MAX_OUTPUT_BYTES} UTF-8 bytes are kept, the
 * rest is counted and replaced by one `[truncated N bytes]` line. Per attempt for the journal (a step that prints
 * in a loop must not grow the journal without bound), per run for output outside steps (hosts show it live).
 */
import { utf8Length } from './json';
import { messages } from './messages';

/** Most output kept per attempt (journaled with it) and per run (outside steps), in UTF-8 bytes: 64 KiB. */
export const MAX_OUTPUT_BYTES = 64 * 1024;

/** Collects output up to a byte limit and counts what it drops. */
export interface OutputCap {
  /** Takes a chunk; returns the part that fits (`''` once the cap is reached). */
  add(text: string): string;
  /** Bytes dropped so far. */
  readonly dropped: number;
  /** The marker line for what was dropped (`[truncated N bytes]`), or `undefined` when nothing was. */
  marker(): string | undefined;
}

/** A fresh cap of `limit` bytes. */
export function createOutputCap(limit = MAX_OUTPUT_BYTES): OutputCap {
  let used = 0;
  let dropped = 0;
  let endsWithNewline = true;
  return {
    add(text) {
      if (dropped > 0) {
        dropped += utf8Length(text);
        return '';
      }
      const bytes = utf8Length(text);
      const kept = used + bytes <= limit ? text : utf8Prefix(text, limit - used);
      const keptBytes = kept === text ? bytes : utf8Length(kept);
      used += keptBytes;
      dropped += bytes - keptBytes;
      if (kept !== '') endsWithNewline = kept.endsWith('\n');
      return kept;
    },
    get dropped() {
      return dropped;
    },
    marker() {
      if (dropped === 0) return undefined;
      return `${endsWithNewline ? '' : '\n'}${messages.outputTruncated(dropped)}\n`;
    },
  };
}

/** The longest prefix of `text` that takes at most `maxBytes` in UTF-8, never splitting a surrogate pair. */
function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += pair ? 2 : 1;
  }
  return text.slice(0, i);
}
