import { useEffect, useState } from 'react';
import { appStore, selectActiveFileId, selectRunPrefill, useAppStore } from '../../store';
import { instanceIdCheck, type ParamsCheck, parseParams } from '../actions/run-params';
import { EMPTY_RUN, type LastRun, loadLastRun, saveLastRun } from '../actions/run-settings';
import type { RunFailure } from '../actions/run-workflow';
import { useRunner } from '../actions/useRunner';
import { workflowNameOf } from '../graph/pick-workflow';
import { usePlan } from '../plan/usePlan';

/** The Run dialog's state: the remembered draft, its checks, the workflows to choose from, and the outcome. */
export function useRunDialog() {
  const fileId = useAppStore(selectActiveFileId);
  const prefill = useAppStore(selectRunPrefill);
  const { plan } = usePlan();
  const run = useRunner();
  const [draft, setDraft] = useState<LastRun | null>(null);
  const [failure, setFailure] = useState<RunFailure | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);

  useEffect(() => {
    if (fileId === null) return;
    let live = true;
    void loadLastRun(fileId).then((d) => {
      // "Run again…": the instance's workflow and params, a fresh id; else the file's last Run input.
      if (live) setDraft(prefill ? { params: prefill.params, workflowName: prefill.workflowName, id: '' } : d);
    });
    return () => {
      live = false;
    };
  }, [fileId, prefill]);

  const workflows = plan.workflows.map((w) => ({ className: w.className, workflowName: workflowNameOf(w.className) }));
  const current = draft ?? EMPTY_RUN;
  const params: ParamsCheck = parseParams(current.params);
  const idProblem = instanceIdCheck(current.id.trim());
  const canRun = draft !== null && params.ok && idProblem === null && startedAt === null;

  const update = (patch: Partial<LastRun>) => {
    setDraft({ ...current, ...patch });
    setFailure(null);
  };

  const submit = async () => {
    if (!canRun || fileId === null || !params.ok) return;
    const workflowName =
      current.workflowName && workflows.some((w) => w.workflowName === current.workflowName)
        ? current.workflowName
        : undefined;
    await saveLastRun(fileId, current);
    setStartedAt(performance.now());
    setFailure(null);
    const outcome = await run({ params: params.value, id: current.id.trim(), workflowName });
    setStartedAt(null);
    if (outcome.ok) {
      appStore.getState().closeDialog();
    } else {
      setFailure(outcome.failure);
    }
  };

  return { draft, current, params, idProblem, workflows, canRun, failure, startedAt, update, submit, prefill };
}
