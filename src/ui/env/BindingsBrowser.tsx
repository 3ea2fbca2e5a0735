import { type ReactNode, useCallback, useEffect, useState } from 'react';
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
      <Table
        testIds={['kv-entries', 'kv-entry']}
        headers={['value', 'metadata']}
        cellClass="bindings__value"
        rows={data?.keys.map((k, i) => ({
          key: k.name,
          cells: [data.values[i], k.metadata === undefined ? '' : JSON.stringify(k.metadata)],
        }))}
        run={run}
      />
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
        <Table
          testIds={['d1-rows']}
          headers={columns}
          cellClass="bindings__value"
          rows={rows.map((row, i) => ({ key: String(i), cells: columns.map((c) => JSON.stringify(row[c] ?? null)) }))}
        />
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
      <Table
        testIds={['r2-objects', 'r2-object']}
        headers={['size', 'uploaded']}
        rows={data?.objects.map((o) => ({
          key: o.key,
          cells: [`${o.size} B`, o.uploaded ? new Date(o.uploaded.ms).toLocaleString() : ''],
        }))}
        run={run}
      />
      {data && data.objects.length === 0 && <p className="dialog__note">No objects yet.</p>}
      {data?.truncated && <p className="dialog__note">Showing the first 100 objects.</p>}
    </>
  );
}

interface TableProps {
  testIds: [table: string, row?: string];
  headers: string[];
  cellClass?: string;
  /** Undefined while loading; a row's `key` is React's, and what Delete deletes. */
  rows?: { key: string; cells: ReactNode[] }[];
  /** Makes it a table of entries: each row's key first, then its cells, then Delete (the binding's `delete`). */
  run?: ViewProps['run'];
}

/** A binding's contents as a table: KV keys, R2 objects, D1 rows. */
function Table({ testIds, headers, cellClass, rows, run }: TableProps) {
  return (
    <table className="bindings__table" data-testid={testIds[0]}>
      <thead>
        <tr>
          {(run ? ['key', ...headers, ''] : headers).map((header) => (
            <th key={header}>{header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows?.map(({ key, cells }) => (
          <tr key={key} data-testid={testIds[1]}>
            {run && <td className="bindings__key">{key}</td>}
            {cells.map((cell, i) => (
              <td key={headers[i]} className={cellClass}>
                {cell}
              </td>
            ))}
            {run && (
              <td>
                <button type="button" className="button" onClick={() => void run('delete', [key])}>
                  Delete
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
