import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { appStore, selectActiveFileId, selectSource, useAppStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import { useClient } from '../client/useClient';
import { studioDb } from '../data/studio-db';
import {
  type CloudflarePlan,
  openFileProblem,
  type PickedText,
  planCloudflareImport,
  workflowChoices,
} from './cloudflare-import';
import { CloudflareImportError, importPlanned } from './import-instances';

const taken = async (id: string) => (await studioDb.instances.get(id)) !== undefined;

/**
 * The import dialog's Cloudflare mode: the files read, the workflow of the open file they ran (a choice when the
 * file defines several), the plan (or the one message saying why not), and the import (import-instances.ts:
 * all or nothing), linked to the open file so the graph shows it.
 */
export function useCloudflareImport() {
  const client = useClient();
  const fileId = useAppStore(selectActiveFileId);
  const source = useAppStore(selectSource);
  const fileName = useLiveQuery(
    async () => (fileId ? ((await studioDb.files.get(fileId))?.name ?? null) : null),
    [fileId],
  );
  const choices = workflowChoices(source);
  const [files, setFiles] = useState<PickedText[] | null>(null);
  const [workflow, setWorkflow] = useState<string | null>(null);
  const [plan, setPlan] = useState<CloudflarePlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = fileName === undefined ? null : openFileProblem(fileName, choices);
  const chosen = workflow ?? choices[0]?.workflowName ?? null;

  const replan = async (picked: PickedText[], workflowName: string | null) => {
    setError(null);
    setFiles(picked);
    setPlan(workflowName === null ? null : await planCloudflareImport(picked, workflowName, taken));
  };

  const choose = (workflowName: string) => {
    setWorkflow(workflowName);
    if (files) void replan(files, workflowName);
  };

  const submit = async () => {
    if (!client || !plan?.ok || !fileId || busy) return;
    setBusy(true);
    try {
      const done = await importPlanned(client, studioDb, plan.instances, fileId);
      const s = appStore.getState();
      s.closeDialog();
      if (done[0]) s.selectInstance(done[0]);
      s.notify({
        tone: 'info',
        title: `Imported ${done.length === 1 ? done[0] : `${done.length} instances`} from Cloudflare`,
        detail: `Read-only, linked to ${fileName}. Replay against this code from the Instance tab.`,
      });
    } catch (e) {
      setError(`${e instanceof CloudflareImportError ? e.message : errorText(e)} Nothing was imported.`);
    } finally {
      setBusy(false);
    }
  };

  return {
    files,
    plan,
    problem,
    choices,
    chosen,
    fileName,
    busy,
    error,
    pick: (picked: PickedText[]) => replan(picked, chosen),
    choose,
    submit,
    canImport: !!client && !!plan?.ok && problem === null && !busy,
    reset: () => {
      setFiles(null);
      setPlan(null);
    },
  };
}

export type CloudflareImportState = ReturnType<typeof useCloudflareImport>;
