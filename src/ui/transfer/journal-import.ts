/**
 * Import of a journal file: parse and validate it (`parseJournalFile`: a bad file gets one message naming the
 * place), and when its instance id is taken, propose a free one (the file is then imported under that id,
 * never over the existing instance). Pure but for `exists`, which asks IndexedDB.
 */
import { instanceIdProblem, MAX_INSTANCE_ID_LENGTH } from '../../engine';
import { type JournalFile, parseJournalFile, renameJournalInstance } from '../../export';

/** What importing a file's text would do. */
export type ImportPlan =
  | { ok: false; message: string }
  | { ok: true; file: JournalFile; clash: boolean; suggestedId: string };

/** Whether an instance id is taken. */
export type IdTaken = (id: string) => Promise<boolean>;

/** Reads `text` and checks its instance id against the instances already stored. */
export async function planImport(text: string, taken: IdTaken): Promise<ImportPlan> {
  const parsed = parseJournalFile(text);
  if (!parsed.ok) return parsed;
  const id = parsed.file.instance.id;
  const problem = instanceIdProblem(id);
  if (problem) return { ok: false, message: `Invalid journal file: instance.id: ${problem}.` };
  const clash = await taken(id);
  return { ok: true, file: parsed.file, clash, suggestedId: clash ? await freeId(id, taken) : id };
}

/** `id-imported`, `id-imported-2`, … (or another `word`): the first that is valid and free. */
export async function freeId(id: string, taken: IdTaken, word = 'imported'): Promise<string> {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? `-${word}` : `-${word}-${n}`;
    const candidate = `${id.slice(0, MAX_INSTANCE_ID_LENGTH - suffix.length)}${suffix}`;
    if (!instanceIdProblem(candidate) && !(await taken(candidate))) return candidate;
  }
}

/** Why `id` cannot be used for the import, or undefined. */
export async function importIdProblem(id: string, taken: IdTaken): Promise<string | undefined> {
  const problem = instanceIdProblem(id);
  if (problem) return `Invalid id: ${problem}.`;
  return (await taken(id)) ? `An instance with id "${id}" already exists; choose another id.` : undefined;
}

/** The file as it will be imported: under `id` when that differs from the file's. */
export const fileForId = (file: JournalFile, id: string): JournalFile =>
  id === file.instance.id ? file : renameJournalInstance(file, id);
