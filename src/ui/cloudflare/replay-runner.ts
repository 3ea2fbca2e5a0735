/**
 * Runs "Replay against this code" through the executor (cloudflare-replay.ts says what a replay is): saves the
 * open file and loads it into Python, has the executor replay the copy on a virtual clock (as the CLI does:
 * recorded calls served, new ones run with time jumping to each timer), keeps the replayed journal as an
 * instance linked to that file, and reads the verdict from it.
 */
import Dexie from 'dexie';
import type { JournalEvent } from '../../engine';
import type { StudioDB } from '../../persistence';
import { errorText, saveAndLoad } from '../actions/run-workflow';
import type { StudioClient } from '../client/studio-client';
import { freeId } from '../transfer/journal-import';
import {
  continueProblem,
  forkEvents,
  type ReplayVerdict,
  replayEvents,
  replayVerdict,
  stoppedVerdict,
  workflowProblem,
} from './cloudflare-replay';

/** A replay that could not start, with why, in words. */
export class ReplayError extends Error {
  override name = 'ReplayError';
}

export interface ReplayDeps {
  client: StudioClient;
  db: StudioDB;
  saveOpenFile: Parameters<typeof saveAndLoad>[0]['saveOpenFile'];
}

const readJournal = (db: StudioDB, id: string) =>
  db.journal.where('[instanceId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();

/** The open file, saved and loaded into Python: its id, name and workflows (`name (class Name)`). */
export interface LoadedFile {
  id: string;
  name: string;
  source: string;
  workflows: { workflowName: string; className: string }[];
}

/** Saves and loads the open file, or throws why not. */
export async function loadOpenFile(deps: ReplayDeps): Promise<LoadedFile> {
  const loaded = await saveAndLoad({ client: deps.client, saveOpenFile: deps.saveOpenFile });
  if (!loaded.ok) throw new ReplayError(`${loaded.failure.title}: ${loaded.failure.message}`);
  return { id: loaded.file.id, name: loaded.file.name, source: loaded.file.source, workflows: loaded.workflows };
}

/** Replays imported instance `id` against the open file, already loaded (`file`); resolves with its verdict. */
export async function replayImported(
  deps: { client: Pick<StudioClient, 'importJournal' | 'replayOnVirtualClock'>; db: StudioDB },
  id: string,
  file: LoadedFile,
): Promise<ReplayVerdict> {
  const { db, client } = deps;
  const record = await db.cloudflareImports.get(id);
  const summary = await db.instances.get(id);
  if (!record || !summary) throw new ReplayError(`${id} is not an instance imported from Cloudflare.`);
  const problem = workflowProblem(file, id, summary.workflowName);
  if (problem) throw new ReplayError(problem);
  const stopped = stoppedVerdict(record);
  if (stopped) return stopped;
  const replayId = await freeId(id, async (x) => (await db.instances.get(x)) !== undefined, 'replay');
  const events = replayEvents(await readJournal(db, id), replayId);
  let replayed: JournalEvent[];
  try {
    replayed = await client.replayOnVirtualClock({ events, source: file.source, filename: file.name });
  } catch (e) {
    throw new ReplayError(`The replay of ${id} did not run: ${errorText(e)}`);
  }
  // Kept as an instance (linked to the file) so Open shows its lanes and where the code diverged. Its record
  // comes first, as an import's does: the copy is read-only from its first moment, so the executor never
  // resumes it on the real clock (a recorded wait would time out after the verdict was given).
  await db.cloudflareImports.add({
    ...record,
    instanceId: replayId,
    label: `replay of ${id} against ${file.name}`,
    importedAt: Date.now(),
    truncated: [],
    stop: null,
    rollbacks: [],
    replayOf: id,
  });
  try {
    await client.importJournal({ events: replayed, fileId: file.id });
  } catch (e) {
    await db.cloudflareImports.delete(replayId);
    throw new ReplayError(`The replay of ${id} ran but could not be kept as ${replayId}: ${errorText(e)}`);
  }
  return replayVerdict(replayId, replayed, events.length, file);
}

/**
 * "Continue here": forks unfinished imported instance `id` into a live local instance (`<id>-local`) with the
 * open file's code, from where Cloudflare's history ends (forkEvents): the executor resumes it, so it waits
 * for its event, sleeps, or runs on, and every action works on it. Resolves with the new id.
 */
export async function continueImported(deps: ReplayDeps, id: string, now = Date.now()): Promise<string> {
  const { db, client } = deps;
  const record = await db.cloudflareImports.get(id);
  const summary = await db.instances.get(id);
  if (!record || !summary) throw new ReplayError(`${id} is not an instance imported from Cloudflare.`);
  const cannot = continueProblem(record);
  if (cannot) throw new ReplayError(cannot);
  const file = await loadOpenFile(deps);
  const problem = workflowProblem(file, id, summary.workflowName);
  if (problem) throw new ReplayError(problem);
  const forkId = await freeId(id, async (x) => (await db.instances.get(x)) !== undefined, 'local');
  try {
    return (await client.importJournal({ events: forkEvents(await readJournal(db, id), forkId, now), fileId: file.id }))
      .id;
  } catch (e) {
    throw new ReplayError(`${id} could not be continued here: ${errorText(e)}`);
  }
}
