/**
 * The Tests panel's `self.env` and mocks: a test file's tests get the env declaration and the mocks of the
 * studio files it imports (and those files import in turn), as `workers.testing` reuses the outside-world work.
 * Storage is fresh for each test (an in-memory store, as `workflow-studio test --env`), so tests never see each
 * other's keys, rows or objects, nor the files' own stored contents.
 */
import type { SqlJsStatic } from 'sql.js';
import {
  createMemoryBindingStore,
  type EnvDeclaration,
  type Mocks,
  parseEnvDeclaration,
  type ResourceBinding,
} from '../engine';
import type { RunTests } from '../protocol';
import { createEnvBindings, type TestFileEnv } from '../runtime';

type StudioFile = RunTests['files'][number];

/** A test file's env and mocks, or why its tests cannot run (a bad declaration or mocks in a file it imports). */
export type TestFileSetup = { ok: true; setup: TestFileEnv | undefined } | { ok: false; message: string };

/** The top-level module names `source` imports (`import a, b.c as d`, `from a.b import c`). */
export function importedModules(source: string): string[] {
  const names = new Set<string>();
  for (const line of source.split('\n')) {
    const from = /^\s*from\s+([A-Za-z_]\w*)[\w.]*\s+import\b/.exec(line);
    if (from?.[1]) names.add(from[1]);
    const plain = /^\s*import\s+(.+)$/.exec(line);
    if (!plain?.[1]) continue;
    for (const part of plain[1].split('#')[0]?.split(',') ?? []) {
      const name = /^\s*([A-Za-z_]\w*)/.exec(part)?.[1];
      if (name) names.add(name);
    }
  }
  return [...names];
}

/** The studio files `file` imports, directly or through each other (not itself), in the order found. */
function importedFiles(file: StudioFile, byName: ReadonlyMap<string, StudioFile>): StudioFile[] {
  const seen = new Set<string>([file.name]);
  const out: StudioFile[] = [];
  const queue = [file];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const name of importedModules(next.source)) {
      const found = byName.get(`${name}.py`);
      if (!found || seen.has(found.name)) continue;
      seen.add(found.name);
      out.push(found);
      queue.push(found);
    }
  }
  return out;
}

/**
 * The setup of `testFile` (its conftest.py's imports count too): the imported files' declarations merged (a name
 * two files declare differently is refused, naming both), their mocks appended in import order.
 */
export function testFileSetup(
  testFile: StudioFile,
  conftest: StudioFile | undefined,
  byName: ReadonlyMap<string, StudioFile>,
  sql: (() => Promise<SqlJsStatic>) | undefined,
): TestFileSetup {
  const files = [testFile, ...(conftest ? [conftest] : [])].flatMap((f) => [f, ...importedFiles(f, byName)]);
  const used = [...new Map(files.filter((f) => f !== testFile).map((f) => [f.name, f])).values()];
  const env: EnvDeclaration = { resources: [], vars: {}, secrets: {} };
  const owner = new Map<string, { file: string; entry: string }>();
  const mocks: Mocks = { http: [], steps: [], events: [] };
  for (const f of used) {
    if (f.mocksProblem !== undefined) return { ok: false, message: `The mocks of ${f.name}: ${f.mocksProblem}` };
    if (f.mocks) {
      mocks.http.push(...f.mocks.http);
      mocks.steps.push(...f.mocks.steps);
      mocks.events.push(...f.mocks.events);
    }
    const parsed = parseEnvDeclaration(f.env ?? '');
    if (!parsed.ok)
      return { ok: false, message: `The env of ${f.name} is not valid: ${parsed.message}. Fix it in Env & bindings.` };
    const named: [string, string, () => void][] = [
      ...parsed.env.resources.map((r): [string, string, () => void] => [
        r.binding,
        key(r),
        () => env.resources.push(r),
      ]),
      ...Object.entries(parsed.env.vars).map(([n, v]): [string, string, () => void] => [
        n,
        `var ${JSON.stringify(v)}`,
        () => {
          env.vars[n] = v;
        },
      ]),
      ...Object.entries(parsed.env.secrets).map(([n, v]): [string, string, () => void] => [
        n,
        `secret ${JSON.stringify(v)}`,
        () => {
          env.secrets[n] = v;
        },
      ]),
    ];
    for (const [name, entry, add] of named) {
      const before = owner.get(name);
      if (before && before.entry !== entry) {
        return {
          ok: false,
          message: `${testFile.name} imports ${before.file} and ${f.name}, which declare self.env.${name} differently; the tests of one file run with one env: make the two declarations of ${name} the same.`,
        };
      }
      if (before) continue;
      owner.set(name, { file: f.name, entry });
      add();
    }
  }
  const hasEnv = env.resources.length > 0 || Object.keys(env.vars).length > 0 || Object.keys(env.secrets).length > 0;
  const hasMocks = mocks.http.length + mocks.steps.length + mocks.events.length > 0;
  if (!hasEnv && !hasMocks) return { ok: true, setup: undefined };
  return {
    ok: true,
    setup: {
      ...(hasMocks ? { mocks } : {}),
      ...(hasEnv && sql
        ? {
            env: (now: () => number) =>
              createEnvBindings({ env, store: createMemoryBindingStore(), scope: 'test', sql, now }),
          }
        : {}),
    },
  };
}

const key = (r: ResourceBinding) => `${r.kind} ${r.id ?? ''} ${r.name ?? ''}`;
