import { useState } from 'react';
import type { JournalFile } from '../../export';
import { appStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import { useClient } from '../client/useClient';
import { studioDb } from '../data/studio-db';
import { getFilesController } from '../files/files';
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

  const pick = async (input: File | undefined) => {
    setError(null);
    if (!input) return setPicked(null);
    const plan = await planImport(await input.text(), taken);
    if (!plan.ok) return setPicked({ fileName: input.name, error: plan.message });
    setPicked({ fileName: input.name, file: plan.file, clash: plan.clash });
    setId(plan.suggestedId);
  };

  const submit = async () => {
    if (!client || !picked || 'error' in picked || busy) return;
    setBusy(true);
    try {
      const problem = await importIdProblem(id.trim(), taken);
      if (problem) return setError(problem);
      const file = fileForId(picked.file, id.trim());
      const { id: imported } = await client.importJournal({ events: file.events });
      const s = appStore.getState();
      s.closeDialog();
      if (openSource && file.source) await openJournalSource(file.source);
      s.selectInstance(imported);
      s.notify({
        tone: 'info',
        title: `Imported ${imported}`,
        detail: `${file.events.length} journal events of “${file.instance.workflowName}” from ${picked.fileName}.`,
      });
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
    canImport: !!client && !!picked && !('error' in picked),
    pick,
    submit,
  };
}

/** Opens the file holding exactly this source, or creates one (a free name based on the journal's). */
async function openJournalSource(source: { name: string; text: string }): Promise<void> {
  const files = getFilesController();
  const same = (await studioDb.files.toArray()).find((f) => f.source === source.text);
  if (same) await files.open(same.id);
  else await files.create(source.name, source.text);
}
