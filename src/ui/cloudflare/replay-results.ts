/**
 * The replays of imported instances started in this tab, and their verdicts, shared by the Instance tab and the
 * summary table: a small external store (useSyncExternalStore) so both show the same run as it goes.
 */
import { useSyncExternalStore } from 'react';
import { errorText } from '../actions/run-workflow';
import type { ReplayVerdict } from './cloudflare-replay';
import { type LoadedFile, loadOpenFile, type ReplayDeps, replayImported } from './replay-runner';

/** A replay's state: started (no verdict yet), its verdict, or why it could not run. */
export type ReplayResult =
  | { state: 'replaying' }
  | { state: 'done'; verdict: ReplayVerdict }
  | { state: 'failed'; message: string };

let results: ReadonlyMap<string, ReplayResult> = new Map();
const listeners = new Set<() => void>();

function set(id: string, result: ReplayResult): void {
  results = new Map(results).set(id, result);
  for (const l of [...listeners]) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Every replay result of this tab, by imported instance id (live). */
export const useReplayResults = (): ReadonlyMap<string, ReplayResult> => useSyncExternalStore(subscribe, () => results);

/**
 * Replays the imported instances `ids` against the open file, one after another: the file is saved and loaded
 * once; a load failure fails them all with its message.
 */
export async function runReplays(deps: ReplayDeps, ids: readonly string[]): Promise<void> {
  for (const id of ids) set(id, { state: 'replaying' });
  let file: LoadedFile;
  try {
    file = await loadOpenFile(deps);
  } catch (e) {
    for (const id of ids) set(id, { state: 'failed', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  for (const id of ids) {
    try {
      set(id, { state: 'done', verdict: await replayImported(deps, id, file) });
    } catch (e) {
      set(id, { state: 'failed', message: e instanceof Error && e.name === 'ReplayError' ? e.message : errorText(e) });
    }
  }
}
