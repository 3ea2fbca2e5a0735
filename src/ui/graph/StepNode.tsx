import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { CACHED_TIP } from '../history/history-items';
import { BusyChip } from './BusyChip';
import { Countdown } from './Countdown';
import type { StepFlowNode } from './graph-model';
import { KIND_LABELS, NODE_KINDS, overlayFacts, statusWords } from './node-labels';

/** One call of the plan: kind, name, line and loop/branch marks, plus the selected instance's runtime state. */
export const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const o = data.overlay;
  const status = o?.status ?? 'plan';
  const words = o ? statusWords(o) : undefined;
  const label = `${KIND_LABELS[data.kind]} ${data.name}${words ? `, ${words.long}` : ''}`;
  return (
    <div
      className={`plan-node plan-node--${data.kind} plan-node--${status}${selected ? ' plan-node--selected' : ''}`}
      data-testid="plan-node"
      data-node-name={data.name}
      data-status={status}
      title={label}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="plan-node__head">
        <span className="plan-node__kind">{NODE_KINDS[data.kind]}</span>
        {data.control && <span className="chip chip--control">{data.control}</span>}
        {data.concurrent && <span className="chip chip--concurrent">concurrent</span>}
        {o && o.replays > 0 && (
          <span className="chip chip--replay" title={CACHED_TIP}>
            ↻ cached{o.replays > 1 ? ` ×${o.replays}` : ''}
          </span>
        )}
        {o?.status === 'running' && <BusyChip name={data.name} />}
        {o?.divergence && (
          <span
            className="chip chip--diverged"
            data-testid="node-diverged"
            title={`Run ${o.divergence.run} diverged here: the journal expected ${o.divergence.expected.name}, the code asked for ${o.divergence.got.name}`}
          >
            ⚠ diverged
          </span>
        )}
        <span className="plan-node__line">L{data.line}</span>
      </div>
      <div className={data.dynamic ? 'plan-node__name plan-node__name--dynamic' : 'plan-node__name'}>{data.name}</div>
      {o && (
        <div className="plan-node__overlay">
          <span className="plan-node__status">{words?.short}</span>
          {o.wakeAt !== null && o.wakeKind ? (
            <Countdown at={o.wakeAt} kind={o.wakeKind} />
          ) : (
            overlayFacts(o, data.kind).map((f) => <span key={f}>{f}</span>)
          )}
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
