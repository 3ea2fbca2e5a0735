import { selectSelection, useAppStore } from '../../store';
import { useSelectedInstance } from '../data/SelectedInstanceProvider';
import { EmptyState } from '../layout/EmptyState';
import { Pane } from '../layout/Pane';
import { usePlan } from '../plan/usePlan';
import { CallDetails } from './CallDetails';
import { EventInspector } from './EventInspector';
import { inspect } from './inspect';
import { NodeInspector } from './NodeInspector';

/** Details of the selected step, call or event. */
export function InspectorPane() {
  const selection = useAppStore(selectSelection);
  const instance = useSelectedInstance();
  const { plan } = usePlan();
  const i = inspect(selection, plan, instance.status === 'ready' ? instance.view : null);
  return (
    <Pane title="Inspector">
      {i.type === 'none' && (
        <EmptyState title="Nothing selected">
          Click a step in the graph (or an entry in the history) to see its config, attempts, inputs and output.
        </EmptyState>
      )}
      {i.type === 'node' && (
        <NodeInspector node={i.node} calls={i.calls} call={i.call} inputs={i.inputs} instanceId={i.instanceId} />
      )}
      {i.type === 'call' && (
        <div className="inspector" data-testid="inspector-details">
          <header className="inspector__head">
            <span className="inspector__kind">{i.call.kind}</span>
            <h2 className="inspector__name">{i.call.name}</h2>
          </header>
          <p className="inspector__hint">
            {i.why === 'earlier-generation'
              ? `From generation ${i.call.generation}, before a restart: the instance has run it again since.`
              : 'This call is not in the code of the open file.'}
          </p>
          <CallDetails call={i.call} />
        </div>
      )}
      {i.type === 'event' && <EventInspector event={i.event} consumer={i.consumer} />}
    </Pane>
  );
}
