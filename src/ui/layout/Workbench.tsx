import { lazy } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { selectLessonId, useAppStore } from '../../store';
import { EditorPane } from '../editor/EditorPane';
import { GraphPane } from '../graph/GraphPane';
import { HistoryPane } from '../history/HistoryPane';
import { InspectorPane } from '../inspector/InspectorPane';
import { LowerTabs } from '../tests/LowerTabs';
import { LazyPart } from './LazyPart';
import { Pane } from './Pane';
import { useSecondPass } from './useSecondPass';

/** Shown only with a lesson open: a chunk of its own (with the Markdown renderer), loaded when a lesson opens. */
export const loadLearnPane = () => import('../learn/LearnPane');
const LearnPane = lazy(() => loadLearnPane().then((m) => ({ default: m.LearnPane })));

/**
 * The three resizable columns: editor | graph over instances (or tests) | history over inspector; with a lesson
 * open, the Learn panel comes first, beside the editor.
 */
export function Workbench() {
  const learning = useAppStore(selectLessonId) !== null;
  // The editor first; the other panes' content right after (useSecondPass), titled empty boxes until then.
  const full = useSecondPass();
  return (
    <Group orientation="horizontal" className="workbench" id={learning ? 'workbench-learn' : 'workbench'}>
      {learning && (
        <>
          <Panel id="learn" defaultSize="26" minSize="15">
            <LazyPart what="the Learn panel">
              <LearnPane />
            </LazyPart>
          </Panel>
          <Separator className="separator separator--vertical" />
        </>
      )}
      <Panel id="editor" defaultSize={learning ? '30' : '32'} minSize="15">
        <EditorPane />
      </Panel>
      <Separator className="separator separator--vertical" />
      <Panel id="middle" defaultSize={learning ? '22' : '38'} minSize="15">
        <Group orientation="vertical" id="middle-column">
          <Panel id="graph" defaultSize="62" minSize="15">
            {full ? <GraphPane /> : <Pane title="Graph">{null}</Pane>}
          </Panel>
          <Separator className="separator separator--horizontal" />
          <Panel id="instances" defaultSize="38" minSize="10">
            {full ? <LowerTabs /> : <Pane title="Instances">{null}</Pane>}
          </Panel>
        </Group>
      </Panel>
      <Separator className="separator separator--vertical" />
      <Panel id="right" defaultSize={learning ? '22' : '30'} minSize="12">
        <Group orientation="vertical" id="right-column">
          <Panel id="history" defaultSize="55" minSize="10">
            {full ? <HistoryPane /> : <Pane title="History">{null}</Pane>}
          </Panel>
          <Separator className="separator separator--horizontal" />
          <Panel id="inspector" defaultSize="45" minSize="10">
            {full ? <InspectorPane /> : <Pane title="Inspector">{null}</Pane>}
          </Panel>
        </Group>
      </Panel>
    </Group>
  );
}
