import { appStore, selectInspectorTab, selectSelection, useAppStore } from '../../store';
import { useSelectedInstance } from '../data/SelectedInstanceProvider';
import { EmptyState } from '../layout/EmptyState';
import { Loading } from '../layout/Loading';
import { Pane } from '../layout/Pane';
import { usePlan } from '../plan/usePlan';
import { InstanceSummary } from '../summary/InstanceSummary';
import { CallDetails } from './CallDetails';
import { EventInspector } from './EventInspector';
import { inspect } from './inspect';
import { NodeInspector } from './NodeInspector';

const TABS = [
  { tab: 'instance', label: 'Instance' },
  { tab: 'selection', label: 'Step' },
] as const;

/** Instance | Step: which face of the inspector is shown (selecting an instance or a step switches). */
function InspectorTabs() {
  const current = useAppStore(selectInspectorTab);
  return (
    <span className="inspector-tabs" role="tablist" aria-label="Inspector shows">
      {TABS.map(({ tab, label }) => (
        <button
          key={tab}
          type="button"
          role="tab"
          aria-selected={current === tab}
          className={current === tab ? 'pane-button pane-button--active' : 'pane-button'}
          onClick={() => appStore.getState().showInspectorTab(tab)}
          data-testid={`inspector-tab-${tab}`}
        >
          {label}
        </button>
      ))}
    </span>
  );
}

/** The selected instance's summary, or the selected step, call or event in detail. */
export function InspectorPane() {
  const tab = useAppStore(selectInspectorTab);
  return (
    <Pane title="Inspector" actions={<InspectorTabs />}>
      {tab === 'instance' ? <InstancePanel /> : <SelectionPanel />}
    </Pane>
  );
}

function InstancePanel() {
  const instance = useSelectedInstance();
  if (instance.status === 'none')
    return (
      <EmptyState title="No instance selected">
        Select an instance in the list to see its params, output or error, and how its status changed.
      </EmptyState>
    );
  if (instance.status === 'loading') return <Loading what="Reading the instance’s journal" />;
  if (instance.status === 'missing')
    return <EmptyState title={`Instance ${instance.id} has no journal`}>It was deleted, or never written.</EmptyState>;
  return <InstanceSummary view={instance.view} events={instance.events} travel={instance.travel} />;
}

function SelectionPanel() {
  const selection = useAppStore(selectSelection);
  const instance = useSelectedInstance();
  const { plan } = usePlan();
  const i = inspect(selection, plan, instance.status === 'ready' ? instance.view : null);
  return (
    <>
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
    </>
  );
}
