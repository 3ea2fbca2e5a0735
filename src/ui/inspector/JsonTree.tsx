import type { Json } from '../../engine';
import { describeTagged, wrappedDict } from './tagged-value';

/** Children shown per object/array before "… n more". */
const MAX_CHILDREN = 200;

interface JsonTreeProps {
  value: Json;
  /** Levels opened at first. */
  openDepth?: number;
  /** Write null and booleans as Python does (`None`, `True`, `False`), for values that came from Python. */
  python?: boolean;
}

function summary(value: Json): string {
  if (Array.isArray(value)) return `[…] ${value.length} item${value.length === 1 ? '' : 's'}`;
  const n = Object.keys(value as object).length;
  return `{…} ${n} key${n === 1 ? '' : 's'}`;
}

function Leaf({ value, python }: { value: Json; python: boolean }) {
  if (value === null) return <span className="json-null">{python ? 'None' : 'null'}</span>;
  if (typeof value === 'boolean' && python) return <span className="json-bool">{value ? 'True' : 'False'}</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  return <span className="json-bool">{String(value)}</span>;
}

function Node({
  name,
  value,
  depth,
  openDepth,
  python,
}: {
  name: string | null;
  value: Json;
  depth: number;
  openDepth: number;
  python: boolean;
}) {
  const label = name !== null && <span className="json-key">{name}: </span>;
  const unwrapped = wrappedDict(value);
  if (unwrapped) return <Node name={name} value={unwrapped} depth={depth} openDepth={openDepth} python={python} />;
  const tagged = describeTagged(value);
  if (tagged !== undefined) {
    return (
      <div className="json-row">
        {label}
        <span className="json-tagged" title="A Python value journaled as tagged JSON (copy shows the JSON)">
          {tagged}
        </span>
      </div>
    );
  }
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-row">
        {label}
        <Leaf value={value} python={python} />
      </div>
    );
  }
  const entries: [string, Json][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as { [k: string]: Json });
  if (entries.length === 0) {
    return (
      <div className="json-row">
        {label}
        <span className="json-empty">{Array.isArray(value) ? '[]' : '{}'}</span>
      </div>
    );
  }
  return (
    <details className="json-node" open={depth < openDepth}>
      <summary>
        {label}
        <span className="json-summary">{summary(value)}</span>
      </summary>
      <div className="json-children">
        {entries.slice(0, MAX_CHILDREN).map(([k, v]) => (
          <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} python={python} />
        ))}
        {entries.length > MAX_CHILDREN && (
          <div className="json-row json-more">… {entries.length - MAX_CHILDREN} more (copy the value to see all)</div>
        )}
      </div>
    </details>
  );
}

/** A JSON value as a collapsible tree. Every value is rendered as text, never as HTML. */
export function JsonTree({ value, openDepth = 2, python = false }: JsonTreeProps) {
  return (
    <div className="json-tree" data-testid="json-tree">
      <Node name={null} value={value} depth={0} openDepth={openDepth} python={python} />
    </div>
  );
}
