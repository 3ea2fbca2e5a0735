/**
 * The journal mirror across a message port (a worker of its own in the browser): the sender's side
 * ({@link connectMirror}) and the mirror's side ({@link serveMirror}). Records cross as the log's own frames,
 * transferred rather than copied, so sending costs the executor thread next to nothing.
 */
import {
  createJournalMirror,
  type JournalSink,
  type LoggedAppend,
  type MirrorOptions,
  type MirrorReports,
} from './journal-mirror';
import type { WriteMode } from './journal-record';
import { StudioDB } from './studio-db';
import { decodeFrames } from './wal-frames';

/** Sender → mirror. */
export type ToMirror =
  | { type: 'open'; dbName: string }
  | { type: 'write'; first: number; mode: WriteMode; frames: Uint8Array[] }
  | { type: 'retry' };

/** Mirror → sender. */
export type FromMirror =
  | { type: 'ready' }
  | { type: 'stored'; upTo: number }
  | { type: 'failed'; name: string; message: string };

/** A mirror across a port, as the sender holds it. */
export interface ConnectedMirror {
  /**
   * Resolves once the mirror runs (its worker has loaded). Wait for it before any step body can run: a nested
   * worker may not finish starting while its parent's thread is blocked (a step in an endless loop), and the
   * appends posted to it meanwhile would not reach IndexedDB until the loop ends.
   */
  ready: Promise<void>;
  sink(reports: MirrorReports): JournalSink;
}

/** The part of a `Worker` / `MessagePort` used here. */
export interface PortLike<In, Out> {
  postMessage(message: Out, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<In>) => void): void;
  start?(): void;
}

/** The sender's side: posts appends to the mirror on `port` and turns its answers into the sink's reports. */
export function connectMirror(port: PortLike<FromMirror, ToMirror>, dbName: string): ConnectedMirror {
  let reports: MirrorReports | undefined;
  let started: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });
  port.addEventListener('message', ({ data }) => {
    if (data.type === 'ready') return started();
    if (data.type === 'stored') return reports?.stored(data.upTo);
    const error = new Error(data.message);
    error.name = data.name;
    reports?.failed(error);
  });
  port.start?.();
  port.postMessage({ type: 'open', dbName });
  return {
    ready,
    sink(r) {
      reports = r;
      return {
        send(first: number, appends: readonly LoggedAppend[], mode: WriteMode) {
          const frames = appends.map((a) => a.frame);
          port.postMessage(
            { type: 'write', first, mode, frames },
            frames.map((f) => f.buffer as ArrayBuffer),
          );
        },
        retry: () => port.postMessage({ type: 'retry' }),
      };
    },
  };
}

/** The mirror's side: writes what arrives on `port` into the database named by the first message. */
export function serveMirror(port: PortLike<ToMirror, FromMirror>, options: MirrorOptions = {}): void {
  let mirror: JournalSink | undefined;
  port.addEventListener('message', ({ data }) => {
    if (data.type === 'open') {
      const db = new StudioDB(data.dbName);
      // Ready once the database is open: in Chromium a nested worker's first IndexedDB open waits on its parent
      // worker's thread, so it must be done before that thread may block in a step body.
      db.open().then(
        () => port.postMessage({ type: 'ready' }),
        (error: Error) => port.postMessage({ type: 'failed', name: error.name, message: error.message }),
      );
      mirror = createJournalMirror(
        db,
        {
          stored: (upTo) => port.postMessage({ type: 'stored', upTo }),
          failed: (error) => port.postMessage({ type: 'failed', name: error.name, message: error.message }),
        },
        options,
      );
    } else if (data.type === 'write') {
      const appends = data.frames.flatMap((frame) => decodeFrames(frame).records.map((record) => ({ record, frame })));
      mirror?.send(data.first, appends, data.mode);
    } else mirror?.retry();
  });
  port.start?.();
}
