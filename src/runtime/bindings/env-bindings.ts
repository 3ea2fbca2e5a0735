/**
 * `self.env` beyond workflow bindings: the KV namespaces, D1 databases and R2 buckets a file declares, plus its
 * vars and secrets. One implementation for the studio (IndexedDB store) and the CLI (memory store); Python's
 * `workers/_env_bindings.py` calls {@link EnvBindings.call} with JSON arguments and reads JSON back.
 */
import type { SqlJsStatic } from 'sql.js';
import type { BindingCall, BindingKind, BindingStore, EnvDeclaration, Json } from '../../engine';
import { toPythonJson } from '../json-text';
import { createD1Database, type D1Database, type D1Query } from './d1';
import { createKvNamespace, type KvNamespace } from './kv';
import { createR2Bucket, type R2Bucket } from './r2';

export interface EnvBindingsOptions {
  env: EnvDeclaration;
  store: BindingStore;
  /** Prefix of every storage space (e.g. the file's id), so two files' `KV` are not one namespace. */
  scope: string;
  /** sql.js, loaded once by the host (D1). */
  sql: () => Promise<SqlJsStatic>;
  /** The host's clock in ms (KV expirations, R2 `uploaded`). */
  now: () => number;
}

/** What `self.env.NAME` is, for Python: a storage binding, a var or a secret (JSON), or unknown (`null`). */
export type EnvEntry = { kind: BindingKind } | { kind: 'var' | 'secret'; value: Json };

export interface EnvBindings {
  readonly env: EnvDeclaration;
  describe(name: string): EnvEntry | null;
  /** Runs `op` of binding `name` with `args`; `record` receives the call's journal entry (inside a step). */
  call(name: string, op: string, args: unknown[], record?: (call: BindingCall) => void): Promise<unknown>;
  /** Calls in flight: a host on a virtual clock waits for them before moving time (as for the network gate). */
  pending(): number;
  kv(name: string): KvNamespace;
  d1(name: string): D1Database;
  r2(name: string): R2Bucket;
}

/** The storage space of one binding. */
export const bindingSpace = (scope: string, kind: BindingKind, name: string) => `${scope}/${kind}/${name}`;

const OPS: Record<BindingKind, readonly string[]> = {
  kv: ['get', 'getWithMetadata', 'put', 'delete', 'list'],
  d1: ['query', 'batch', 'exec', 'tables'],
  r2: ['put', 'get', 'head', 'delete', 'list'],
};

const short = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** What a call touched, for the journal and the inspector (whole; the caller masks secrets, then cuts it). */
function target(kind: BindingKind, op: string, args: unknown[]): string {
  const [first, second] = args;
  if (kind === 'd1') {
    if (op === 'query') return `${(first as D1Query).sql} ${JSON.stringify((first as D1Query).params)}`;
    if (op === 'batch' && Array.isArray(first)) return (first as D1Query[]).map((q) => q.sql).join('; ');
    return String(first);
  }
  if (op === 'list') {
    const prefix = (first as { prefix?: unknown } | null)?.prefix;
    return typeof prefix === 'string' ? `prefix=${prefix}` : '(all)';
  }
  const keys = Array.isArray(first) ? first.join(', ') : String(first);
  return op === 'get' && second !== undefined && second !== null ? `${keys} (${JSON.stringify(second)})` : keys;
}

export function createEnvBindings(options: EnvBindingsOptions): EnvBindings {
  const { env, store, scope, sql, now } = options;
  const kinds = new Map(env.resources.map((r) => [r.binding, r.kind]));
  const instances = new Map<string, KvNamespace | D1Database | R2Bucket>();
  const instance = <T>(kind: BindingKind, name: string, make: (space: string) => T): T => {
    if (kinds.get(name) !== kind) throw new TypeError(`env.${name} is not a declared ${kind} binding`);
    let found = instances.get(name) as T | undefined;
    if (!found) {
      found = make(bindingSpace(scope, kind, name));
      instances.set(name, found as KvNamespace);
    }
    return found;
  };
  let inFlight = 0;
  // What a call touched is journaled and shown: a secret's value (a key made from a token, say) never is.
  const secrets = Object.values(env.secrets).filter((v) => v.length > 0);
  const masked = (text: string) => secrets.reduce((t, secret) => t.replaceAll(secret, '***'), text);
  const bindings: EnvBindings = {
    env,
    pending: () => inFlight,
    describe(name) {
      const kind = kinds.get(name);
      if (kind) return { kind };
      if (Object.hasOwn(env.secrets, name)) return { kind: 'secret', value: env.secrets[name] as string };
      if (Object.hasOwn(env.vars, name)) return { kind: 'var', value: env.vars[name] as Json };
      return null;
    },
    kv: (name) => instance('kv', name, (space) => createKvNamespace(store, space, now)),
    d1: (name) => instance('d1', name, (space) => createD1Database(store, space, sql)),
    r2: (name) => instance('r2', name, (space) => createR2Bucket(store, space, now)),
    async call(name, op, args, record) {
      const kind = kinds.get(name);
      if (!kind || !OPS[kind].includes(op)) throw new TypeError(`env.${name} has no method ${op}`);
      const entry: BindingCall = { binding: name, op, target: short(masked(target(kind, op, args))), ok: true };
      inFlight += 1;
      try {
        if (kind === 'd1') {
          const db = bindings.d1(name);
          if (op === 'query') {
            const [query, mode, opts] = args as [D1Query, 'all' | 'run' | 'first' | 'raw', unknown];
            entry.op = mode;
            return await db.query(query, mode, opts);
          }
          if (op === 'tables') return await db.tables();
          return op === 'batch' ? await db.batch(args[0] as D1Query[]) : await db.exec(args[0]);
        }
        const binding = (kind === 'kv' ? bindings.kv(name) : bindings.r2(name)) as unknown as Record<
          string,
          (...a: unknown[]) => Promise<unknown>
        >;
        return await (binding[op] as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        entry.ok = false;
        entry.error = masked(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        throw error;
      } finally {
        inFlight -= 1;
        record?.(entry);
      }
    },
  };
  return bindings;
}

/** JSON text of a binding result for Python (±Infinity kept, as every value crossing the boundary). */
export const bindingResultJson = (value: unknown): string => toPythonJson(value);
