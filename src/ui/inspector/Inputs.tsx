import type { InputDependency } from './inspect';
import { JsonTree } from './JsonTree';
import { Section } from './Section';

/** The dependency parameters of a step and the results injected into them. */
export function Inputs({ inputs }: { inputs: InputDependency[] }) {
  return (
    <Section title="Input dependencies">
      <ul className="inputs">
        {inputs.map((i) => (
          <li key={i.param}>
            <code>{i.param}</code>
            {i.nodeName !== null && i.nodeName !== i.param && <span className="muted"> ← step {i.nodeName}</span>}
            {i.value.present ? (
              <JsonTree value={i.value.json} openDepth={1} />
            ) : (
              <span className="muted"> — {i.value.why}</span>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
