/**
 * Import of Cloudflare's instance JSON (`GET …/workflows/{name}/instances/{id}`: the envelope, its `result`, or a
 * list; one file or several) as read-only studio instances. The converter is src/export's
 * (`parseCloudflareInstances`); this decides the workflow (a class of the open file: the JSON does not name
 * one), a free id for each instance, and the record kept beside the journal. Pure but for `taken`.
 */
import { analyzeWorkflow, workflowNameOf } from '../../analysis';
import { DEFAULT_STEP_CONFIG, instanceIdProblem, type JournalEvent } from '../../engine';
import {
  buildJournalFile,
  type CloudflareImport,
  looksLikeCloudflareInstance,
  parseCloudflareInstances,
  renameJournalInstance,
} from '../../export';
import type { CloudflareImportRecord } from '../../persistence';
import { freeId, type IdTaken } from '../transfer/journal-import';

/** A file as read from disk. */
export interface PickedText {
  name: string;
  text: string;
}

/** A workflow class of the open file, as the import offers it. */
export interface WorkflowChoice {
  className: string;
  workflowName: string;
}

/** One instance ready to import: its journal under a free id, and what the journal cannot hold. */
export interface PlannedImport {
  id: string;
  imported: CloudflareImport;
  events: JournalEvent[];
  record: Omit<CloudflareImportRecord, 'importedAt'>;
}

export type CloudflarePlan = { ok: true; instances: PlannedImport[] } | { ok: false; message: string };

/** Whether a file's text is Cloudflare's instance JSON (so the import dialog reads it as such). */
export function isCloudflareText(text: string): boolean {
  try {
    return looksLikeCloudflareInstance(JSON.parse(text));
  } catch {
    return false;
  }
}

/** The workflow classes of `source` (the open file). */
export function workflowChoices(source: string): WorkflowChoice[] {
  return analyzeWorkflow(source).workflows.map((w) => ({
    className: w.className,
    workflowName: workflowNameOf(w.className),
  }));
}

/** Why the open file cannot take the import (it defines no workflow), or null. */
export function openFileProblem(fileName: string | null, choices: readonly WorkflowChoice[]): string | null {
  if (fileName === null) return 'No file is open: open the file that defines the workflow these instances ran.';
  if (choices.length > 0) return null;
  return `${fileName} defines no WorkflowEntrypoint class: open the file that defines the workflow these instances ran (Cloudflare's JSON does not name its class), then import.`;
}

const stemOf = (name: string) => name.replace(/\.json$/i, '').replace(/[^A-Za-z0-9_-]+/g, '-') || 'cloudflare';

/**
 * Reads every file; any bad file refuses the whole import with its message (nothing is imported). Ids: the
 * instance's own (Cloudflare's) when free, else a free one (`id-imported`); never one another instance of this
 * import takes.
 */
export async function planCloudflareImport(
  files: readonly PickedText[],
  workflowName: string,
  taken: IdTaken,
): Promise<CloudflarePlan> {
  if (files.length === 0) return { ok: false, message: 'No file chosen.' };
  const all: CloudflareImport[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(file.text);
    } catch (e) {
      return { ok: false, message: `${file.name}: not JSON (${e instanceof Error ? e.message : String(e)}).` };
    }
    const stem = stemOf(file.name);
    const parsed = parseCloudflareInstances(value, {
      label: file.name,
      workflowName,
      defaultConfig: DEFAULT_STEP_CONFIG,
      idFor: (i) => (i === null ? stem : `${stem}-${i}`),
    });
    if (!parsed.ok) return { ok: false, message: parsed.message };
    all.push(...parsed.instances);
  }
  const planned = new Set<string>();
  const takenHere: IdTaken = async (id) => planned.has(id) || (await taken(id));
  const instances: PlannedImport[] = [];
  for (const imported of all) {
    const own = imported.summary.id;
    const problem = instanceIdProblem(own);
    if (problem) return { ok: false, message: `${imported.label}: instance id ${JSON.stringify(own)}: ${problem}.` };
    const id = (await takenHere(own)) ? await freeId(own, takenHere) : own;
    planned.add(id);
    instances.push({ id, imported, events: eventsUnder(imported, id), record: recordOf(imported, id) });
  }
  return { ok: true, instances };
}

function eventsUnder(imported: CloudflareImport, id: string): JournalEvent[] {
  if (id === imported.summary.id) return imported.events;
  const file = buildJournalFile({ instance: imported.summary, events: imported.events, exportedAt: '' });
  return renameJournalInstance(file, id).events;
}

function recordOf(imported: CloudflareImport, id: string): Omit<CloudflareImportRecord, 'importedAt'> {
  const { stop } = imported;
  return {
    instanceId: id,
    label: imported.label,
    versionId: imported.versionId,
    status: imported.summary.status,
    trigger: imported.trigger,
    truncated: imported.truncated,
    stop: stop && { step: stop.step, reason: stop.reason, message: stop.message },
    rollbacks: imported.rollbacks,
  };
}
