import type { PlanNode } from '../../analysis';
import type { CallView } from '../../engine';
import { appStore } from '../../store';
import { KIND_LABELS } from '../graph/node-labels';
import { selectPlanNode } from '../graph/select-node';
import { CallDetails } from './CallDetails';
import { Inputs } from './Inputs';
import type { InputDependency } from './inspect';
import { Facts, Section } from './Section';

interface NodeInspectorProps {
  node: PlanNode;
  calls: CallView[];
  call: CallView | null;
  inputs: InputDependency[];
  instanceId: string | null;
  /** The selected instance's workflow when the open file does not define it. */
  otherWorkflow?: string | undefined;
}

function staticFacts(node: PlanNode): [string, string][] {
  switch (node.kind) {
    case 'do':
      return [
        ['config', node.config?.text ?? 'default (5 retries, 10 s apart, exponential; 10-minute timeout)'],
        ['concurrent', node.concurrent ? 'yes: dependencies resolve together' : 'no'],
      ];
    case 'sleep':
      return [['duration', node.duration?.text ?? '—']];
    case 'sleep_until':
      return [['until', node.timestamp?.text ?? '—']];
    case 'wait_for_event':
      return [
        ['event type', node.eventType?.text ?? '—'],
        ['timeout', node.timeout?.text ?? '"24 hours" (default)'],
      ];
  }
}

const chooseCall = (nodeId: string, c: CallView) =>
  appStore.getState().select({ type: 'node', nodeId, call: { kind: c.kind, name: c.name, count: c.count } });

/** A plan node: what the code says, and what the selected instance did with it. */
export function NodeInspector({ node, calls, call, inputs, instanceId, otherWorkflow }: NodeInspectorProps) {
  const where = node.control.length > 0 ? ` · inside ${node.control.join(' › ')}` : '';
  return (
    <div className="inspector" data-testid="inspector-details" data-node-name={node.name}>
      <header className="inspector__head">
        <span className="inspector__kind">{KIND_LABELS[node.kind]}</span>
        <h2 className="inspector__name">{node.name}</h2>
        <button type="button" className="link-button" onClick={() => selectPlanNode(node.id, node.range)}>
          line {node.line}
        </button>
      </header>
      <Section title={`In the code${where}`}>
        <Facts rows={staticFacts(node)} />
      </Section>
      {inputs.length > 0 && <Inputs inputs={inputs} />}
      {otherWorkflow !== undefined ? (
        <p className="inspector__hint">
          The selected instance runs {otherWorkflow}, which this file does not define: open its file to see its calls.
        </p>
      ) : instanceId === null ? (
        <p className="inspector__hint">Select an instance to see this step’s attempts, output and timing.</p>
      ) : calls.length === 0 ? (
        <p className="inspector__hint">Instance {instanceId} has not reached this call yet.</p>
      ) : (
        <>
          {calls.length > 1 && (
            <fieldset className="chips">
              <legend className="visually-hidden">Calls of this node</legend>
              {calls.map((c) => (
                <button
                  key={`${c.name}#${c.count}`}
                  type="button"
                  className={c === call ? 'chip chip--button chip--active' : 'chip chip--button'}
                  onClick={() => chooseCall(node.id, c)}
                >
                  {c.name === node.name ? `#${c.count}` : c.name}
                </button>
              ))}
            </fieldset>
          )}
          {call && <CallDetails call={call} />}
        </>
      )}
    </div>
  );
}
