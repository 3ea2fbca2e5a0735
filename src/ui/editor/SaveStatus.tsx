import type { SaveState } from '../files/files-controller';

const TEXT: Record<SaveState['status'], string> = {
  loading: 'loading…',
  saved: 'saved',
  pending: 'edited',
  saving: 'saving…',
  failed: 'not saved',
  'load-failed': 'not loaded',
  conflict: 'not saved (conflict)',
};

/** "saved · v3", "edited", "saving…" or the save error, beside the editor title. */
export function SaveStatus({ state }: { state: SaveState }) {
  const title =
    state.status === 'failed' || state.status === 'load-failed'
      ? `${state.error.name}: ${state.error.message}`
      : state.status === 'saved'
        ? `Saved in this browser (IndexedDB), version ${state.version}`
        : state.status === 'conflict'
          ? `Another tab saved version ${state.theirs.version} while you edited; keep either text or merge them`
          : 'Changes are saved in this browser a moment after you stop typing';
  return (
    <span
      className={`save-status save-status--${state.status}`}
      data-testid="save-status"
      data-status={state.status}
      title={title}
    >
      {TEXT[state.status]}
      {state.status === 'saved' && ` · v${state.version}`}
      {(state.status === 'failed' || state.status === 'load-failed') && ` — ${state.error.message}`}
    </span>
  );
}
