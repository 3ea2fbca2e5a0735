import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { GroupFrameNode } from './graph-model';

/** A frame behind steps that run concurrently (concurrent=True dependencies, gather, wait). */
export const GroupFrame = memo(function GroupFrame({ data }: NodeProps<GroupFrameNode>) {
  return (
    <div className="group-frame" data-testid="group-frame">
      <span className="group-frame__label">{data.label}</span>
    </div>
  );
});
