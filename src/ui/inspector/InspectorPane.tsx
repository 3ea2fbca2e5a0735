import { EmptyState } from '../layout/EmptyState';
import { Pane } from '../layout/Pane';

/** Details of the selected step or event. */
export function InspectorPane() {
  return (
    <Pane title="Inspector">
      <EmptyState title="Nothing selected">
        Select a step in the graph or history to see its input, output and attempts.
      </EmptyState>
    </Pane>
  );
}
