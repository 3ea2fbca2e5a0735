import { useRef } from 'react';
import { appStore, selectLessonId, useAppStore } from '../../store';
import { toggleLearn } from '../learn/learn-actions';
import { ActionButton } from './ActionButton';
import { FileSwitcher } from './FileSwitcher';
import { INSTANCE_ACTION_COUNT, InstanceActions } from './InstanceActions';
import { PythonWait } from './PythonWait';
import { useToolbarActions } from './useToolbarActions';
import { useToolbarOverflow } from './useToolbarOverflow';

/** The gap between the instance actions (`.toolbar__group`'s CSS gap). */
const GROUP_GAP_PX = 4;

const openRun = () => appStore.getState().openDialog('run');
const openSamples = () => appStore.getState().openDialog('samples');
const openHelp = () => appStore.getState().openDialog('help');
const openEnv = () => appStore.getState().openDialog('env');

/**
 * Files, samples, Run, the selected instance's actions, and help. On a narrow window the instance actions
 * that do not fit collapse, last first, into a "More" menu, so nothing is cut off and the page never scrolls.
 */
export function Toolbar() {
  const { legality } = useToolbarActions();
  const bar = useRef<HTMLElement>(null);
  const hidden = useToolbarOverflow(bar, INSTANCE_ACTION_COUNT, GROUP_GAP_PX);
  return (
    <header className="toolbar" ref={bar}>
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
      <LearnButton />
      <button
        type="button"
        className="tool-button"
        onClick={openEnv}
        title="self.env of this file: KV, D1, R2, vars and secrets, and what they hold"
        data-testid="open-env"
      >
        Env
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
      <InstanceActions hidden={hidden} />
      <span className="toolbar__spacer" />
      <button type="button" className="tool-button" onClick={openHelp} title="Keyboard shortcuts (?)" aria-label="Help">
        ?
      </button>
    </header>
  );
}

/** Opens the Learn panel (the first lesson not passed yet), or closes it. */
function LearnButton() {
  const open = useAppStore(selectLessonId) !== null;
  return (
    <button
      type="button"
      className="tool-button"
      onClick={() => void toggleLearn()}
      aria-pressed={open}
      title="Lessons on durable execution, checked on your own runs (L)"
      data-testid="open-learn"
    >
      Learn
    </button>
  );
}
