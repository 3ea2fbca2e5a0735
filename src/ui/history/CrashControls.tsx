import { useCrashInjection } from './useCrashInjection';

/** Crash injection: kill the executor now, or just before the next step attempt (and disarm that), and watch it recover. */
export function CrashControls() {
  const { disabled, armed, killNow, killAtNextStep, disarm } = useCrashInjection();
  return (
    <>
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
          title="Armed: the executor is killed just before the next step attempt. Click to disarm."
          data-testid="disarm-kill"
        >
          ⚡ Armed · Disarm
        </button>
      ) : (
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
      )}
    </>
  );
}
