import { useMemo, useState } from 'react';
import { appStore, selectInstanceFilter, selectSelectedInstanceId, useAppStore } from '../../store';
import { deleteInstances } from '../actions/instance-actions';
import { useClient } from '../client/useClient';
import { plural } from '../format';
import { filterInstances, isFinished } from '../instances/instance-rows';
import { useInstanceSummaries } from '../instances/useInstanceSummaries';
import { CancelButton, Dialog } from './Dialog';

type Scope = 'selected' | 'shown' | 'finished';

/** Delete the selected instance, every instance the filter shows, or every finished one (journals included). */
export function DeleteInstancesDialog() {
  const client = useClient();
  const selected = useAppStore(selectSelectedInstanceId);
  const filter = useAppStore(selectInstanceFilter);
  const all = useInstanceSummaries() ?? [];
  const shown = useMemo(() => filterInstances(all, filter).map((s) => s.id), [all, filter]);
  const finished = useMemo(() => all.filter((s) => isFinished(s.status)).map((s) => s.id), [all]);
  const [scope, setScope] = useState<Scope>(selected ? 'selected' : 'finished');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = scope === 'selected' ? (selected ? [selected] : []) : scope === 'shown' ? shown : finished;
  const submit = async () => {
    if (!client || ids.length === 0 || busy) return;
    setBusy(true);
    const problem = await deleteInstances(client, ids);
    setBusy(false);
    if (problem) {
      setError(problem);
      return;
    }
    appStore.getState().closeDialog();
    appStore.getState().notify({ tone: 'info', title: `Deleted ${plural(ids.length, 'instance')}` });
  };
  const option = (value: Scope, label: string, disabled: boolean) => (
    <label className="choice">
      <input
        type="radio"
        name="delete-scope"
        value={value}
        checked={scope === value}
        disabled={disabled}
        onChange={() => setScope(value)}
      />
      {label}
    </label>
  );
  return (
    <Dialog
      title="Delete instances"
      testId="delete-instances-dialog"
      onSubmit={() => void submit()}
      footer={
        <>
          {busy && (
            <span className="dialog__progress" role="status">
              Deleting {plural(ids.length, 'instance')}…
            </span>
          )}
          <CancelButton />
          <button type="submit" className="button button--danger" aria-disabled={ids.length === 0 || !client}>
            Delete {plural(ids.length, 'instance')}
          </button>
        </>
      }
    >
      <fieldset className="choice-list">
        <legend className="visually-hidden">Which instances</legend>
        {option(
          'selected',
          selected ? `The selected instance (${selected})` : 'The selected instance (none)',
          !selected,
        )}
        {option('shown', `Every instance the list shows (${shown.length})`, shown.length === 0)}
        {option(
          'finished',
          `Every finished instance: complete, errored, terminated (${finished.length})`,
          finished.length === 0,
        )}
      </fieldset>
      <p className="dialog__note">Their journals are deleted too; this cannot be undone.</p>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
