/**
 * Runs "Replay against this code" through the executor (cloudflare-replay.ts says what a replay is): saves the
 * open file and loads it into Python, imports the replay copy linked to that file (the executor resumes it),
 * and follows the copy's journal in IndexedDB until its verdict is known.
 */
import Dexie from 'dexie';
import type { StudioDB } from '../../persistence';
import { errorText, saveAndLoad } from '../actions/run-workflow';
import type { StudioClient } from '../client/studio-client';
import { freeId } from '../transfer/journal-import';
import { type ReplayVerdict, replayEvents, replayVerdict, stoppedVerdict, workflowProblem } from './cloudflare-replay';

/** A replay that could not start, with why, in words. */
export class ReplayError extends Error {
  override name = 'ReplayError';
}

export interface ReplayDeps {
  client: StudioClient;
  db: StudioDB;
  saveOpenFile: Parameters<typeof saveAndLoad>[0]['saveOpenFile'];
  /** How long to follow a replay before answering `running` (it goes on; its journal tells the rest). */
  timeoutMs?: number;
}

const readJournal = (db: StudioDB, id: string) =>
  db.journal.where('[instanceId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();

/** The open file, saved and loaded into Python: its id, name and workflows (`name (class Name)`). */
export interface LoadedFile {
  id: string;
  name: string;
  workflows: { workflowName: string; className: string }[];
}

/** Saves and loads the open file, or throws why not. */
export async function loadOpenFile(deps: ReplayDeps): Promise<LoadedFile> {
  const loaded = await saveAndLoad({ client: deps.client, saveOpenFile: deps.saveOpenFile });
  if (!loaded.ok) throw new ReplayError(`${loaded.failure.title}: ${loaded.failure.message}`);
  return { id: loaded.file.id, name: loaded.file.name, workflows: loaded.workflows };
}

/** Replays imported instance `id` against the open file, already loaded (`file`); resolves with its verdict. */
export async function replayImported(deps: ReplayDeps, id: string, file: LoadedFile): Promise<ReplayVerdict> {
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
  try {
    await client.importJournal({ events, fileId: file.id });
  } catch (e) {
    throw new ReplayError(`The replay of ${id} did not start: ${errorText(e)}`);
  }
  const deadline = Date.now() + (deps.timeoutMs ?? 30_000);
  for (;;) {
    const verdict = replayVerdict(replayId, await readJournal(db, replayId), events.length);
    if (verdict.verdict !== 'running' || Date.now() > deadline) return verdict;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
