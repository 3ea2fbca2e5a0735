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
 * Left, what acts on a run: the file, Run, the selected instance and its actions (as Cloudflare's dashboard,
 * Temporal's UI and Inngest's dev server put an instance's actions beside its status). Right, the tools of the
 * studio and the file (Samples, Learn, Env, help). On a narrow window the instance actions that do not fit
 * collapse, last first, into a "More" menu, so nothing is cut off and the page never scrolls; the brand gives
 * way first (CSS), so Run, Send event, Pause, Resume, Terminate and Restart stay on the bar at 1280 px.
 */
export function Toolbar() {
  const { legality } = useToolbarActions();
  const bar = useRef<HTMLElement>(null);
  const hidden = useToolbarOverflow(bar, INSTANCE_ACTION_COUNT, GROUP_GAP_PX);
  return (
    <header className="toolbar" ref={bar}>
      <span className="toolbar__brand">Workflow Studio</span>
      <FileSwitcher />
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
      <fieldset className="toolbar__group toolbar__tools">
        <legend className="visually-hidden">File tools</legend>
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
          title="self.env of this file: KV, D1, R2, vars and secrets, and what they hold (V)"
          data-testid="open-env"
        >
          Env
        </button>
        <button
          type="button"
          className="tool-button"
          onClick={openHelp}
          title="Keyboard shortcuts (?)"
          aria-label="Help"
        >
          ?
        </button>
      </fieldset>
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
