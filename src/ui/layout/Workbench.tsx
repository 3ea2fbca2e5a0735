import { Group, Panel, Separator } from 'react-resizable-panels';
import { EditorPane } from '../editor/EditorPane';
import { GraphPane } from '../graph/GraphPane';
import { HistoryPane } from '../history/HistoryPane';
import { InspectorPane } from '../inspector/InspectorPane';
import { LowerTabs } from '../tests/LowerTabs';

/** The three resizable columns: editor | graph over instances (or tests) | history over inspector. */
export function Workbench() {
  return (
    <Group orientation="horizontal" className="workbench" id="workbench">
      <Panel id="editor" defaultSize="32" minSize="15">
        <EditorPane />
      </Panel>
      <Separator className="separator separator--vertical" />
      <Panel id="middle" defaultSize="38" minSize="15">
        <Group orientation="vertical" id="middle-column">
          <Panel id="graph" defaultSize="62" minSize="15">
            <GraphPane />
          </Panel>
          <Separator className="separator separator--horizontal" />
          <Panel id="instances" defaultSize="38" minSize="10">
            <LowerTabs />
          </Panel>
        </Group>
      </Panel>
      <Separator className="separator separator--vertical" />
      <Panel id="right" defaultSize="30" minSize="12">
        <Group orientation="vertical" id="right-column">
          <Panel id="history" defaultSize="55" minSize="10">
            <HistoryPane />
          </Panel>
          <Separator className="separator separator--horizontal" />
          <Panel id="inspector" defaultSize="45" minSize="10">
            <InspectorPane />
          </Panel>
        </Group>
      </Panel>
    </Group>
  );
}
