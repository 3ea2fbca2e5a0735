import { appStore } from '../../store';
import { ActionButton } from './ActionButton';
import { FileSwitcher } from './FileSwitcher';
import { InstanceActions } from './InstanceActions';
import { PythonWait } from './PythonWait';
import { useToolbarActions } from './useToolbarActions';

const openRun = () => appStore.getState().openDialog('run');
const openSamples = () => appStore.getState().openDialog('samples');
const openHelp = () => appStore.getState().openDialog('help');

/** Files, samples, Run, the selected instance's actions, and help. */
export function Toolbar() {
  const { legality } = useToolbarActions();
  return (
    <header className="toolbar">
      <span className="toolbar__brand">Workflow Studio</span>
      <FileSwitcher />
      <button
        type="button"
        className="tool-button"
        onClick={openSamples}
        title="Samples gallery (G)"
        data-testid="open-samples"
      >
        Samples
      </button>
      <span className="toolbar__sep" aria-hidden="true" />
      <ActionButton
        legality={legality('run')}
        hint="Run… with params (Ctrl/Cmd+Shift+Enter). Ctrl/Cmd+Enter runs again with the last params."
        onClick={openRun}
        testId="action-run"
        variant="primary"
      >
        ▶ Run
      </ActionButton>
      <PythonWait />
      <span className="toolbar__sep" aria-hidden="true" />
      <InstanceActions />
      <span className="toolbar__spacer" />
      <button type="button" className="tool-button" onClick={openHelp} title="Keyboard shortcuts (?)" aria-label="Help">
        ?
      </button>
    </header>
  );
}
