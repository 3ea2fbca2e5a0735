import { EmptyState } from '../layout/EmptyState';
import { Pane } from '../layout/Pane';

/** The workflow's instances. Nothing can be run yet, so the list is always empty. */
export function InstancesPane() {
  return (
    <Pane title="Instances">
      <EmptyState title="No instances yet — run the workflow">Each run of the workflow is listed here.</EmptyState>
    </Pane>
  );
}
