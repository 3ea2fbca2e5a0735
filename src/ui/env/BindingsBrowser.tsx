import { useCallback, useEffect, useState } from 'react';
import type { EnvDeclaration, ResourceBinding } from '../../engine';
import type { StudioClient } from '../../supervisor/types';
import { SECRET_MASK } from './env-text';

interface BrowserProps {
  client: StudioClient | null;
  fileId: string;
  env: EnvDeclaration;
}

type Call = (binding: string, op: string, args: unknown[]) => Promise<unknown>;

const KIND_WORD = { kv: 'KV namespace', d1: 'D1 database', r2: 'R2 bucket' } as const;

/** What a call failed with, as the binding worded it. */
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The contents of the file's KV namespaces, D1 databases and R2 buckets (what its steps stored), editable:
 * put and delete KV keys, run SQL, delete objects. Calls go through the executor, to the same bindings steps use.
 */
export function BindingsBrowser({ client, fileId, env }: BrowserProps) {
  const [picked, setPicked] = useState<string | null>(env.resources[0]?.binding ?? null);
  const resource = env.resources.find((r) => r.binding === picked) ?? env.resources[0];
  const call: Call = useCallback(
    (binding, op, args) => {
      if (!client) return Promise.reject(new Error('Python is not running yet.'));
      return client.envCall({ fileId, binding, op, args });
    },
    [client, fileId],
  );
  const values = [
    ...Object.entries(env.vars).map(([name, value]) => [name, JSON.stringify(value), 'var'] as const),
    ...Object.keys(env.secrets).map((name) => [name, SECRET_MASK, 'secret'] as const),
  ];
  return (
    <section className="bindings" data-testid="bindings-browser" aria-label="Binding contents">
      {env.resources.length > 0 && (
        <div className="bindings__tabs" role="tablist">
          {env.resources.map((r) => (
            <button
              key={r.binding}
              type="button"
              role="tab"
              aria-selected={r.binding === resource?.binding}
              className={r.binding === resource?.binding ? 'chip chip--button chip--active' : 'chip chip--button'}
              onClick={() => setPicked(r.binding)}
              data-testid={`binding-tab-${r.binding}`}
            >
              {r.binding} <span className="bindings__kind">{KIND_WORD[r.kind]}</span>
            </button>
          ))}
        </div>
      )}
      {resource && <ResourceView key={resource.binding} resource={resource} call={call} />}
      {values.length > 0 && (
        <table className="bindings__table" data-testid="env-values">
          <tbody>
            {values.map(([name, shown, kind]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="bindings__kind">{kind}</td>
                <td className="bindings__value">{shown}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ResourceView({ resource, call }: { resource: ResourceBinding; call: Call }) {
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const run = useCallback(
    async (op: string, args: unknown[]) => {
      setError(null);
      try {
        const result = await call(resource.binding, op, args);
        setNonce((n) => n + 1);
        return result;
      } catch (e) {
        setError(messageOf(e));
        return undefined;
      }
    },
    [call, resource.binding],
  );
  const props = { binding: resource.binding, call, run, nonce, setError };
  return (
    <div className="bindings__view">
      {resource.kind === 'kv' && <KvView {...props} />}
      {resource.kind === 'd1' && <D1View {...props} />}
      {resource.kind === 'r2' && <R2View {...props} />}
      {error && (
        <p className="field__error" role="alert" data-testid="binding-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface ViewProps {
  binding: string;
  call: Call;
  run(op: string, args: unknown[]): Promise<unknown>;
  nonce: number;
  setError(message: string | null): void;
}

/** Loads `load()` again whenever the view's data may have changed (`nonce`). */
function useLoaded<T>(load: () => Promise<T>, nonce: number, setError: (m: string | null) => void): T | undefined {
  const [data, setData] = useState<T>();
  useEffect(() => {
    let live = true;
    void nonce;
    load().then(
      (d) => live && setData(d),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [load, nonce, setError]);
  return data;
}

interface KvKey {
  name: string;
  expiration?: number;
  metadata?: unknown;
}

function KvView({ binding, call, run, nonce, setError }: ViewProps) {
  const load = useCallback(async () => {
    const listed = (await call(binding, 'list', [{ limit: 100 }])) as { keys: KvKey[]; list_complete: boolean };
    const values = await Promise.all(listed.keys.map((k) => call(binding, 'get', [k.name])));
    return { keys: listed.keys, values: values as (string | null)[], more: !listed.list_complete };
  }, [binding, call]);
  const data = useLoaded(load, nonce, setError);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  return (
    <>
      <table className="bindings__table" data-testid="kv-entries">
        <thead>
          <tr>
            <th>key</th>
            <th>value</th>
            <th>metadata</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data?.keys.map((k, i) => (
            <tr key={k.name} data-testid="kv-entry">
              <td className="bindings__key">{k.name}</td>
              <td className="bindings__value">{data.values[i]}</td>
              <td className="bindings__value">{k.metadata === undefined ? '' : JSON.stringify(k.metadata)}</td>
              <td>
                <button type="button" className="button" onClick={() => void run('delete', [k.name])}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.keys.length === 0 && (
        <p className="dialog__note">No keys yet: run a workflow that puts one, or put one here.</p>
      )}
      {data?.more && <p className="dialog__note">Showing the first 100 keys.</p>}
      <div className="bindings__form">
        <input
          aria-label="Key"
          placeholder="key"
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          data-testid="kv-key"
        />
        <input
          aria-label="Value"
          placeholder="value"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          data-testid="kv-value"
        />
        <button type="button" className="button" onClick={() => void run('put', [key, value])} data-testid="kv-put">
          Put
        </button>
      </div>
    </>
  );
}

interface D1Result {
  results?: Record<string, unknown>[];
  meta?: { changes?: number };
}

function D1View({ binding, call, run, nonce, setError }: ViewProps) {
  const load = useCallback(async () => (await call(binding, 'tables', [])) as { name: string }[], [binding, call]);
  const tables = useLoaded(load, nonce, setError);
  const [sql, setSql] = useState('');
  const [result, setResult] = useState<D1Result | null>(null);
  const query = async (text: string) => {
    const answer = (await run('query', [{ sql: text, params: [] }, 'all'])) as D1Result | undefined;
    setResult(answer ?? null);
  };
  const rows = result?.results ?? [];
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <>
      <div className="bindings__tabs">
        {tables?.map((t) => (
          <button
            key={t.name}
            type="button"
            className="chip chip--button"
            onClick={() => {
              const text = `SELECT * FROM "${t.name.replaceAll('"', '""')}" LIMIT 100`;
              setSql(text);
              void query(text);
            }}
          >
            {t.name}
          </button>
        ))}
        {tables && tables.length === 0 && <span className="dialog__note">No tables yet.</span>}
      </div>
      <div className="bindings__form">
        <textarea
          className="code-input"
          aria-label="SQL"
          rows={2}
          value={sql}
          placeholder="SELECT * FROM orders"
          onChange={(e) => setSql(e.currentTarget.value)}
          data-testid="d1-sql"
        />
        <button type="button" className="button" onClick={() => void query(sql)} data-testid="d1-run">
          Run SQL
        </button>
      </div>
      {result && (
        <table className="bindings__table" data-testid="d1-rows">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c} className="bindings__value">
                    {JSON.stringify(row[c] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && rows.length === 0 && <p className="dialog__note">No rows; {result.meta?.changes ?? 0} changed.</p>}
    </>
  );
}

interface R2Listed {
  objects: { key: string; size: number; uploaded?: { ms: number } }[];
  truncated: boolean;
}

function R2View({ binding, call, run, nonce, setError }: ViewProps) {
  const load = useCallback(async () => (await call(binding, 'list', [{ limit: 100 }])) as R2Listed, [binding, call]);
  const data = useLoaded(load, nonce, setError);
  return (
    <>
      <table className="bindings__table" data-testid="r2-objects">
        <thead>
          <tr>
            <th>key</th>
            <th>size</th>
            <th>uploaded</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data?.objects.map((o) => (
            <tr key={o.key} data-testid="r2-object">
              <td className="bindings__key">{o.key}</td>
              <td>{o.size} B</td>
              <td>{o.uploaded ? new Date(o.uploaded.ms).toLocaleString() : ''}</td>
              <td>
                <button type="button" className="button" onClick={() => void run('delete', [o.key])}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.objects.length === 0 && <p className="dialog__note">No objects yet.</p>}
      {data?.truncated && <p className="dialog__note">Showing the first 100 objects.</p>}
    </>
  );
}
