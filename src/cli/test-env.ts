/**
 * The `env` of a test: the bindings a `wrangler.jsonc` (or `wrangler.json`) beside the test file declares — in
 * its folder or the closest folder above it, up to the folder given on the command line — as Cloudflare's own
 * pytest suites have it. KV namespaces, D1 databases, R2 buckets, vars and secrets become fresh memory storage
 * for each test; `workflows` entries name the class behind each workflow binding. Sections the studio does not
 * provide (queues, Durable Objects, …) are named once in the report instead of failing the run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  checkEnvDeclaration,
  createMemoryBindingStore,
  type EnvDeclaration,
  stripJsonComments,
  withoutTrailingCommas,
} from '../engine';
import { createEnvBindings, type EnvBindings } from '../runtime/bindings/env-bindings';
import { nodeSql } from '../runtime/bindings/node-sql';
import type { DeclaredWorkflow } from '../runtime/test-host';
import { BadInput } from './bad-input';
import { readProblem } from './command-args';

/** A workflow binding a config declares: `env.<binding>` creates instances of `className`. */
export interface TestWorkflowBinding {
  binding: string;
  className: string;
}

export interface TestEnvConfig {
  file: string;
  declaration: EnvDeclaration;
  workflows: TestWorkflowBinding[];
  /** Binding sections present in the file that tests here do not get, e.g. `queues`. */
  ignored: string[];
}

const CONFIG_NAMES = ['wrangler.jsonc', 'wrangler.json'];
const TAKEN = ['kv_namespaces', 'd1_databases', 'r2_buckets', 'vars', 'secrets'];
/** Fields of a Wrangler config that declare no binding (nothing to provide, nothing to warn about). */
const NOT_BINDINGS = new Set([
  '$schema',
  'name',
  'main',
  'compatibility_date',
  'compatibility_flags',
  'migrations',
  'account_id',
  'workers_dev',
  'route',
  'routes',
  'observability',
  'build',
  'rules',
  'placement',
  'limits',
  'triggers',
  'env',
]);

/** The config that serves `testFile`: the closest `wrangler.jsonc`/`.json` at or above its folder, within `root`. */
export function findTestConfig(testFile: string, paths: readonly string[]): string | undefined {
  const roots = (paths.length === 0 ? ['.'] : paths).map((p) => resolve(p));
  const start = resolve(dirname(testFile));
  const root = roots.filter((r) => start === r || start.startsWith(`${r}/`)).sort((a, b) => a.length - b.length)[0];
  for (let dir = start; ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    if (root === undefined || dir === root || dirname(dir) === dir) return undefined;
  }
}

/** Reads a Wrangler config for tests; bad input names the file and what is wrong. */
export function readTestConfig(file: string): TestEnvConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(withoutTrailingCommas(stripJsonComments(readFileSync(file, 'utf8'))));
  } catch (e) {
    throw new BadInput(`${file}: cannot read the bindings for the tests here: ${readProblem(e)}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BadInput(`${file}: a Wrangler config is a JSON object like {"kv_namespaces": […]}`);
  }
  const fields = raw as Record<string, unknown>;
  const picked = Object.fromEntries(TAKEN.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]]));
  const checked = checkEnvDeclaration(picked);
  if (!checked.ok) throw new BadInput(`${file}: ${checked.message}`);
  const workflows: TestWorkflowBinding[] = [];
  const list = fields.workflows;
  if (list !== undefined) {
    if (!Array.isArray(list)) throw new BadInput(`${file}: workflows must be a list of {"binding", "class_name"}`);
    for (const [i, item] of list.entries()) {
      const { binding, class_name: className } = (item ?? {}) as Record<string, unknown>;
      if (typeof binding !== 'string' || typeof className !== 'string') {
        throw new BadInput(`${file}: workflows[${i}] needs "binding" and "class_name" strings`);
      }
      workflows.push({ binding, className });
    }
  }
  const ignored = Object.keys(fields).filter((k) => !TAKEN.includes(k) && k !== 'workflows' && !NOT_BINDINGS.has(k));
  return { file, declaration: checked.env, workflows, ignored };
}

/** Fresh storage for one test: the declared bindings over an empty memory store. */
export function freshTestEnv(config: TestEnvConfig, now: () => number): EnvBindings {
  return createEnvBindings({
    env: config.declaration,
    store: createMemoryBindingStore(),
    scope: 'test',
    sql: nodeSql,
    now,
  });
}

/**
 * The declared workflow bindings for `testFile`, each with the module beside it that defines its class (`class
 * TestWorkflow(` in `worker_workflow.py` → `worker_workflow`); null when the test file defines it or none does
 * (loading then names what is missing).
 */
export function declaredWorkflows(config: TestEnvConfig, testFile: string): DeclaredWorkflow[] {
  const dir = dirname(testFile);
  const siblings = readdirSync(dir)
    .filter((n) => n.endsWith('.py') && n !== basename(testFile) && /^[A-Za-z_][A-Za-z0-9_]*\.py$/.test(n))
    .sort();
  return config.workflows.map(({ binding, className }) => {
    const defines = new RegExp(`^class\\s+${className}\\b`, 'm');
    const own = defines.test(readFileSync(testFile, 'utf8'));
    const file = own ? undefined : siblings.find((n) => defines.test(readFileSync(join(dir, n), 'utf8')));
    return { binding, className, module: file === undefined ? null : file.slice(0, -3) };
  });
}
