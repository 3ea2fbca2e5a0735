import { useCrashInjection } from './useCrashInjection';

/**
 * Crash injection: kill the executor now, just before the next step attempt, or inside the next attempt right
 * after its next binding call or request (and disarm either), and watch it recover.
 */
export function CrashControls() {
  const { disabled, armed, armedAt, killNow, killAtNextStep, killAfterNextCall, disarm } = useCrashInjection();
  return (
    <span className="crash-controls">
      <button
        type="button"
        className="pane-button pane-button--danger"
        onClick={killNow}
        disabled={disabled}
        title="Crash injection: terminate the executor worker now. It restarts and resumes every unfinished instance from the journal; journaled steps are replayed, never run again."
        data-testid="kill-executor"
      >
        ⚡ Kill now
      </button>
      {armed ? (
        <button
          type="button"
          className="pane-button pane-button--armed"
          onClick={disarm}
          aria-pressed="true"
          title={
            armedAt === 'after-call'
              ? 'Armed: the executor is killed right after the next step attempt’s next binding call or request. Click to disarm.'
              : 'Armed: the executor is killed just before the next step attempt. Click to disarm.'
          }
          data-testid="disarm-kill"
        >
          {armedAt === 'after-call' ? '⚡ Armed after call · Disarm' : '⚡ Armed · Disarm'}
        </button>
      ) : (
        <>
          <button
            type="button"
            className="pane-button pane-button--danger"
            onClick={killAtNextStep}
            disabled={disabled}
            title="Crash injection: kill the executor just before the next step attempt runs user code. The attempt is journaled as lost and runs again after recovery."
            data-testid="kill-at-next-step"
          >
            ⚡ At next step
          </button>
          <button
            type="button"
            className="pane-button pane-button--danger"
            onClick={killAfterNextCall}
            disabled={disabled}
            title="Crash injection inside an attempt: kill the executor right after the next step attempt’s next self.env binding call or fetch completes — its effect happened, its result is not journaled. The attempt is journaled as lost and runs again after recovery: a step that is not idempotent does its effect twice."
            data-testid="kill-after-next-call"
          >
            ⚡ After next call
          </button>
        </>
      )}
    </span>
  );
}
