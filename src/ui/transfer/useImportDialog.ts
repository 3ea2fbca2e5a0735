import { useEffect, useState } from 'react';
import { FINITE_STATUSES } from '../../engine';
import type { JournalFile } from '../../export';
import type { WorkflowFile } from '../../persistence';
import { appStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import type { StudioClient } from '../client/studio-client';
import { useClient } from '../client/useClient';
import { isCloudflareText } from '../cloudflare/cloudflare-import';
import { useCloudflareImport } from '../cloudflare/useCloudflareImport';
import { studioDb } from '../data/studio-db';
import { getFilesController } from '../files/files';
import { takeDroppedFiles } from './dropped-files';
import { fileForId, importIdProblem, planImport } from './journal-import';

const taken = async (id: string) => (await studioDb.instances.get(id)) !== undefined;

/** A read file: its name and what importing it would do. */
type Picked = { fileName: string; file: JournalFile; clash: boolean } | { fileName: string; error: string };

/**
 * The import dialog's state: pick a file, see it validated (a bad file's message; nothing is imported), choose
 * a new id when its id is taken, import through the executor, and select the imported instance.
 */
export function useImportDialog() {
  const client = useClient();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [id, setId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [openSource, setOpenSource] = useState(true);

  const cloudflare = useCloudflareImport();
  const [mode, setMode] = useState<'journal' | 'cloudflare'>('journal');

  const pick = async (inputs: readonly File[]) => {
    setError(null);
    const texts = await Promise.all(inputs.map(async (f) => ({ name: f.name, text: await f.text() })));
    if (texts.some((t) => isCloudflareText(t.text))) {
      setMode('cloudflare');
      setPicked(null);
      return cloudflare.pick(texts);
    }
    setMode('journal');
    cloudflare.reset();
    const [input] = inputs;
    if (!input) return setPicked(null);
    if (inputs.length > 1) {
      return setPicked({
        fileName: `${inputs.length} files`,
        error: `Journal files are imported one at a time (Cloudflare's instance JSON may be several at once); choose one of ${inputs.map((f) => f.name).join(', ')}.`,
      });
    }
    const plan = await planImport(texts[0]?.text ?? '', taken);
    if (!plan.ok) return setPicked({ fileName: input.name, error: plan.message });
    setPicked({ fileName: input.name, file: plan.file, clash: plan.clash });
    setId(plan.suggestedId);
  };

  const [dropped] = useState(takeDroppedFiles);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dropped files are read once, when the dialog opens.
  useEffect(() => {
    if (dropped) void pick(dropped);
  }, []);

  const submit = async () => {
    if (mode === 'cloudflare') return cloudflare.submit();
    if (!client || !picked || 'error' in picked || busy) return;
    setBusy(true);
    try {
      const problem = await importIdProblem(id.trim(), taken);
      if (problem) return setError(problem);
      const file = fileForId(picked.file, id.trim());
      // Its source becomes (or is found as) a studio file first, so the instance is linked to it on import:
      // the graph shows it, an export carries the source again, and an unfinished run resumes with that code.
      const source = openSource && file.source ? await journalSourceFile(file.source) : undefined;
      let imported: string;
      try {
        imported = (await client.importJournal({ events: file.events, ...(source ? { fileId: source.file.id } : {}) }))
          .id;
      } catch (e) {
        if (source?.created) await getFilesController().remove(source.file.id);
        throw e;
      }
      const s = appStore.getState();
      s.closeDialog();
      if (source) await getFilesController().open(source.file.id);
      s.selectInstance(imported);
      s.notify({
        tone: 'info',
        title: `Imported ${imported}`,
        detail: `${file.events.length} journal events of “${file.instance.workflowName}” from ${picked.fileName}${source ? `, linked to ${source.file.name}` : ', with no source file'}.`,
      });
      if (source && !FINITE_STATUSES.includes(file.instance.status)) await loadForResume(client, imported, source.file);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return {
    picked,
    id,
    setId,
    error,
    busy,
    openSource,
    setOpenSource,
    canImport: mode === 'cloudflare' ? cloudflare.canImport : !!client && !!picked && !('error' in picked),
    mode,
    cloudflare,
    dropped: dropped?.map((f) => f.name) ?? null,
    pick,
    submit,
  };
}

/** Loads the linked file into Python, so the unfinished imported instance resumes with it; says so if it cannot. */
async function loadForResume(client: StudioClient, id: string, file: WorkflowFile): Promise<void> {
  const failed = (detail: string) =>
    appStore.getState().notify({
      tone: 'error',
      title: `${id} waits for its code: ${file.name} did not load into Python`,
      detail: `${detail} Fix the file and press Load; the instance resumes then.`,
    });
  try {
    const loaded = await client.loadSource({
      fileId: file.id,
      version: file.version,
      name: file.name,
      source: file.source,
    });
    if (!loaded.ok) failed(`${loaded.error.name}: ${loaded.error.message}.`);
  } catch (e) {
    failed(`${errorText(e)}.`);
  }
}

/** The file holding exactly this source, or a new one (a free name based on the journal's; it opens). */
async function journalSourceFile(source: {
  name: string;
  text: string;
}): Promise<{ file: WorkflowFile; created: boolean }> {
  const same = (await studioDb.files.toArray()).find((f) => f.source === source.text);
  if (same) return { file: same, created: false };
  return { file: await getFilesController().create(source.name, source.text), created: true };
}
