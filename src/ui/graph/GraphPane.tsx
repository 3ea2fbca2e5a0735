import { Background, Controls, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { EmptyState } from '../layout/EmptyState';
import { Pane } from '../layout/Pane';
import { type PlanGraph, toFlow } from './to-flow';

/** No plan yet: the static analysis of the editor's code is not wired in. */
const NO_PLAN: PlanGraph = { nodes: [], edges: [] };

/** The workflow's steps as a left-to-right graph on a React Flow canvas. */
export function GraphPane() {
  const { nodes, edges } = useMemo(() => toFlow(NO_PLAN), []);
  return (
    <Pane title="Graph" flush>
      <div className="graph">
        <ReactFlow nodes={nodes} edges={edges} colorMode="system" fitView nodesConnectable={false}>
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
        {nodes.length === 0 && (
          <div className="graph__overlay">
            <EmptyState title="No step graph yet">
              Steps, sleeps and waits of the workflow will be drawn here, with their dependencies.
            </EmptyState>
          </div>
        )}
      </div>
    </Pane>
  );
}
