/**
 * Run: save the open file, load that version into Python, create an instance of the chosen workflow and
 * select it. Every failure comes back as a {@link RunFailure} with the executor's own words.
 */
import type { WorkflowFile } from '../../persistence';
import type { StudioClient, WorkflowInfo } from '../client/studio-client';

/** What the user asked to run. */
export interface RunRequest {
  params: unknown;
  /** Empty or absent: the engine generates an id. */
  id?: string;
  /** Which workflow of the file; absent: the first one. */
  workflowName?: string;
}

/** Why a run did not start: a title, the verbatim error, and for Python load errors the line and traceback. */
export interface RunFailure {
  title: string;
  message: string;
  line?: number | null;
  traceback?: string;
}

/** The started instance, or why it did not start. */
export type RunOutcome = { ok: true; id: string; workflowName: string } | { ok: false; failure: RunFailure };

/** What `runWorkflow` needs. */
export interface RunDeps {
  client: StudioClient;
  /** Writes pending edits and returns the open file as saved. */
  saveOpenFile(): Promise<WorkflowFile | undefined>;
  /**
   * The file's mocks text as stored now (the Mocks panel saves it apart from the source, so the saved file the
   * editor holds may predate it); default the saved file's `mocks`.
   */
  mocksOf?(fileId: string): Promise<string | undefined>;
}

/** `Name: message`, as the user should read an error. */
export const errorText = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}` : typeof e === 'string' ? e : JSON.stringify(e);

function pick(workflows: readonly WorkflowInfo[], wanted: string | undefined): WorkflowInfo | RunFailure {
  const found = wanted === undefined ? workflows[0] : workflows.find((w) => w.workflowName === wanted);
  if (found) return found;
  if (workflows.length === 0) {
    return {
      title: 'No workflow in this file',
      message:
        'Python loaded the file but found no class that extends WorkflowEntrypoint. Add one with async def run(self, event, step).',
    };
  }
  return {
    title: `No workflow named "${wanted}" in this file`,
    message: `This file defines: ${workflows.map((w) => `${w.workflowName} (class ${w.className})`).join(', ')}.`,
  };
}

/** The open file as saved and loaded into Python, with its workflows; or why that failed. */
export type LoadOutcome =
  | { ok: true; file: WorkflowFile; workflows: WorkflowInfo[] }
  | { ok: false; failure: RunFailure };

/**
 * Saves the open file and loads that version into Python. Unfinished instances of the file replay with it
 * from their next run (as a deploy does on Cloudflare). Never rejects.
 */
export async function saveAndLoad(deps: RunDeps): Promise<LoadOutcome> {
  let file: WorkflowFile | undefined;
  try {
    file = await deps.saveOpenFile();
  } catch (e) {
    return { ok: false, failure: { title: 'The file could not be saved', message: errorText(e) } };
  }
  if (!file)
    return { ok: false, failure: { title: 'No file is open', message: 'Open or create a workflow file first.' } };
  // The file's mocks go with every load, checked here: a bad rule stops the run with its message.
  let mocksText: string | undefined;
  try {
    mocksText = deps.mocksOf ? await deps.mocksOf(file.id) : file.mocks;
  } catch (e) {
    return { ok: false, failure: { title: `The mocks of ${file.name} could not be read`, message: errorText(e) } };
  }
  // The mocks checker (with the export module's schemas) is a chunk of its own, not on the way to the first render.
  let mocks: ReturnType<typeof import('../mocks/mocks-text').mocksToLoad>;
  try {
    mocks = (await import('../mocks/mocks-text')).mocksToLoad(file.name, mocksText);
  } catch (e) {
    return { ok: false, failure: { title: `The mocks of ${file.name} could not be checked`, message: errorText(e) } };
  }
  if (!mocks.ok) return { ok: false, failure: { title: mocks.title, message: mocks.message } };
  try {
    const loaded = await deps.client.loadSource({
      fileId: file.id,
      version: file.version,
      name: file.name,
      source: file.source,
      ...(mocks.mocks === undefined ? {} : { mocks: mocks.mocks }),
    });
    if (!loaded.ok) {
      const { name, message, line, traceback } = loaded.error;
      return {
        ok: false,
        failure: {
          title: `Python could not load ${file.name}${line === null ? '' : ` (line ${line})`}`,
          message: `${name}: ${message}`,
          line,
          traceback,
        },
      };
    }
    return { ok: true, file, workflows: loaded.workflows };
  } catch (e) {
    return { ok: false, failure: { title: `Loading ${file.name} into Python failed`, message: errorText(e) } };
  }
}

/** Saves, loads and creates; resolves with the new instance id or the failure to show. Never rejects. */
export async function runWorkflow(deps: RunDeps, req: RunRequest): Promise<RunOutcome> {
  const loaded = await saveAndLoad(deps);
  if (!loaded.ok) return loaded;
  const { file, workflows } = loaded;
  const chosen = pick(workflows, req.workflowName);
  if ('title' in chosen) return { ok: false, failure: chosen };
  try {
    const id = req.id === undefined || req.id === '' ? undefined : req.id;
    const { id: created } = await deps.client.create({
      fileId: file.id,
      workflowName: chosen.workflowName,
      ...(id === undefined ? {} : { id }),
      ...(req.params === undefined ? {} : { params: req.params }),
    });
    return { ok: true, id: created, workflowName: chosen.workflowName };
  } catch (e) {
    return { ok: false, failure: { title: `The instance was not created`, message: errorText(e) } };
  }
}
