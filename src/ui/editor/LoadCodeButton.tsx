import { useLoadCode } from '../actions/useLoadCode';

/** Loads the edited file into Python without starting an instance (instances in flight replay with it). */
export function LoadCodeButton() {
  const loadCode = useLoadCode();
  return (
    <button
      type="button"
      className="pane-button"
      onClick={loadCode}
      title="Load this file into Python without starting an instance: its sleeping and waiting instances replay with the edited code when they wake (as a deploy does on Cloudflare)"
      data-testid="action-load-code"
    >
      ⟳ Load
    </button>
  );
}
