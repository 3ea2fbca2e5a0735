import { Background, Controls, type NodeMouseHandler, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef } from 'react';
import { selectSelectedNodeId, useAppStore } from '../../store';
import { useSelectedInstance } from '../data/SelectedInstanceProvider';
import { useSaveState } from '../files/useSaveState';
import { EmptyState } from '../layout/EmptyState';
import { Pane } from '../layout/Pane';
import { GRAPH_SHOWN_MARK, markOnce } from '../layout/start-marks';
import { usePlan } from '../plan/usePlan';
import { FitView } from './FitView';
import { GraphNotes } from './GraphNotes';
import { GraphScroll } from './GraphScroll';
import { GroupFrame } from './GroupFrame';
import type { FlowNode } from './graph-model';
import { pickWorkflow } from './pick-workflow';
import { StepNode } from './StepNode';
import { selectPlanNode } from './select-node';
import { DAGRE_MAX_NODES } from './stable-layout';
import { useGraphModel } from './useGraphModel';

const NODE_TYPES = { step: StepNode, 'group-frame': GroupFrame };

const onNodeClick: NodeMouseHandler<FlowNode> = (_event, node) => {
  if (node.type === 'step') selectPlanNode(node.id, node.data.range);
};

/** The workflow's plan as a left-to-right graph, with the selected instance's progress drawn over it. */
export function GraphPane() {
  const { plan, fileId, analysisMs } = usePlan();
  const instance = useSelectedInstance();
  const travel = instance.status === 'ready' ? instance.travel : null;
  const live = instance.status === 'ready' ? instance.view : null;
  // While time travelling, a pending wake of the past has no countdown: the nodes show their facts instead.
  const view = useMemo(() => (live && travel ? { ...live, pendingWake: undefined } : live), [live, travel]);
  const selectedNodeId = useAppStore(selectSelectedNodeId);
  const { analysis, instanceMatches } = pickWorkflow(plan, view?.workflowName ?? null);
  const model = useGraphModel(analysis, instanceMatches ? view : null, selectedNodeId);
  const big = model.nodes.length > DAGRE_MAX_NODES;
  const paneRef = useRef<HTMLDivElement>(null);
  // Once the plan of the open file is drawn (or of a first visit's starter, shown while it is being created), not
  // the starter's while the files are still being read.
  const save = useSaveState();
  const planShown = fileId !== null || (save.status === 'loading' && save.starter === true);
  useEffect(() => {
    if (planShown) markOnce(GRAPH_SHOWN_MARK);
  }, [planShown]);
  return (
    <Pane title={analysis ? `Graph · ${analysis.className}` : 'Graph'} flush>
      <div
        className="graph"
        id="graph-canvas"
        ref={paneRef}
        data-testid="graph"
        data-analysis-ms={analysisMs.toFixed(1)}
      >
        <ReactFlowProvider>
          <ReactFlow
            nodes={model.nodes}
            edges={model.edges}
            nodeTypes={NODE_TYPES}
            onNodeClick={onNodeClick}
            colorMode="system"
            minZoom={0.05}
            nodesConnectable={false}
            nodesDraggable={false}
            onlyRenderVisibleElements={big}
            // React Flow listens for these keys on the whole document and calls preventDefault; Monaco types
            // through EditContext (no textarea), which React Flow does not recognise as an input, so Space and
            // Backspace would never reach the editor. The graph needs none of them.
            panActivationKeyCode={null}
            deleteKeyCode={null}
            selectionKeyCode={null}
            multiSelectionKeyCode={null}
            zoomActivationKeyCode={null}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
            <FitView
              watch={`${fileId}|${analysis?.className ?? ''}|${model.nodes.length === 0}`}
              bounds={model.bounds}
              pane={paneRef}
            />
            <GraphScroll bounds={model.bounds} pane={paneRef} />
          </ReactFlow>
        </ReactFlowProvider>
        <GraphNotes
          plan={plan}
          view={view}
          instanceMatches={instanceMatches}
          unmatched={model.unmatched}
          analysisMs={analysisMs}
        />
        {model.nodes.length === 0 && (
          <div className="graph__overlay">
            <EmptyState title={analysis ? 'No steps yet' : 'No workflow class'}>
              {analysis
                ? 'Add a @step.do() function, step.sleep() or step.wait_for_event() to run(); it appears here as you type.'
                : 'Write a class that extends WorkflowEntrypoint with async def run(self, event, step): its steps are drawn here.'}
            </EmptyState>
          </div>
        )}
      </div>
    </Pane>
  );
}
