import { useCrashInjection } from '../history/useCrashInjection';

/** In the status bar while crash injection is armed: it stays until the kill fires or is disarmed. */
export function KillArmed() {
  const { disarm, armedAt } = useCrashInjection();
  return (
    <span className="status-armed" role="status" data-testid="kill-armed">
      {armedAt === 'after-call'
        ? '⚡ armed: kills the executor after the next call in a step'
        : '⚡ armed: kills the executor at the next step'}
      <button
        type="button"
        className="status-armed__disarm"
        onClick={disarm}
        title="Forget the armed kill: the next step attempt runs normally"
      >
        Disarm
      </button>
    </span>
  );
}
