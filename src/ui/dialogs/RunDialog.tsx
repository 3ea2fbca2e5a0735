import { useClient, useClientState } from '../client/useClient';
import { useNow } from '../hooks/useNow';
import { formatSeconds } from '../status/describe-executor';
import { CancelButton, Dialog } from './Dialog';
import { FailureBox } from './FailureBox';
import { useRunDialog } from './useRunDialog';

/** Run the open file: choose the workflow, type params (JSON) and optionally an instance id. */
export function RunDialog() {
  const d = useRunDialog();
  const state = useClientState(useClient());
  const now = useNow(d.startedAt !== null, 100);
  const waitingForPython = state?.status === 'starting' || state?.status === 'restarting';
  return (
    <Dialog
      title="Run workflow"
      testId="run-dialog"
      onSubmit={() => void d.submit()}
      footer={
        <>
          {d.startedAt !== null && (
            <span className="dialog__progress" role="status">
              {waitingForPython
                ? `Waiting for Python to start… ${formatSeconds(now - d.startedAt)}`
                : `Loading the file into Python and creating the instance… ${formatSeconds(now - d.startedAt)}`}
            </span>
          )}
          <CancelButton />
          <button type="submit" className="button button--primary" aria-disabled={!d.canRun}>
            Run
          </button>
        </>
      }
    >
      {d.prefill && (
        <p className="dialog__note" data-testid="run-again-note">
          Prefilled from instance {d.prefill.instanceId}: its workflow and params. Edit them and run a new instance.
        </p>
      )}
      {d.workflows.length > 1 && (
        <label className="field">
          <span className="field__label">Workflow</span>
          <select
            value={d.current.workflowName ?? d.workflows[0]?.workflowName}
            onChange={(e) => d.update({ workflowName: e.currentTarget.value })}
          >
            {d.workflows.map((w) => (
              <option key={w.workflowName} value={w.workflowName}>
                {w.workflowName} (class {w.className})
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span className="field__label">
          Params <span className="field__hint">JSON · becomes event["payload"]</span>
        </span>
        <textarea
          className="code-input"
          rows={7}
          spellCheck={false}
          value={d.current.params}
          onChange={(e) => d.update({ params: e.currentTarget.value })}
          aria-invalid={!d.params.ok}
          aria-describedby="run-params-error"
          data-testid="run-params"
          autoFocus
        />
      </label>
      {!d.params.ok && (
        <p className="field__error" id="run-params-error" role="alert" data-testid="params-error">
          {d.params.message}
        </p>
      )}
      <label className="field">
        <span className="field__label">
          Instance id <span className="field__hint">optional · generated when empty</span>
        </span>
        <input
          type="text"
          spellCheck={false}
          value={d.current.id}
          placeholder="e.g. order-1001"
          onChange={(e) => d.update({ id: e.currentTarget.value })}
          aria-invalid={d.idProblem !== null}
          data-testid="run-id"
        />
      </label>
      {d.idProblem && (
        <p className="field__error" role="alert">
          {d.idProblem}
        </p>
      )}
      {state?.status === 'failed' && (
        <p className="field__error">
          The executor failed: {state.error.name}: {state.error.message}
        </p>
      )}
      {d.failure && <FailureBox failure={d.failure} />}
    </Dialog>
  );
}
