/**
 * Crash injection on the "Idempotency key in KV" sample: the engine dies while the charge step's attempt is in
 * flight, after it charged and stored its key; a new engine over the same journal and the same KV retries the
 * lost attempt, which finds the key: one charge, not two. Without the key check it would charge twice.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBindingStore, parseEnvDeclaration } from '../engine';
import { createEnvBindings } from './bindings/env-bindings';
import { nodeSql } from './bindings/node-sql';
import { createHarness } from './test-harness';
import { ofType, setupPythonRuntime } from './test-runtime';

const python = setupPythonRuntime();
const SAMPLE = readFileSync('src/ui/samples/idempotent_charge.py', 'utf8');
const ENV = '{"kv_namespaces": [{"binding": "KV"}]}'; // the sample's env (src/ui/samples/index.ts)

beforeAll(() => nodeSql());

async function crashThenRecover(source: string) {
  const parsed = parseEnvDeclaration(ENV);
  if (!parsed.ok) throw new Error(parsed.message);
  const contents = createMemoryBindingStore();
  const env = (now: () => number) =>
    createEnvBindings({ env: parsed.env, store: contents, scope: 'f', sql: nodeSql, now });
  const first = createHarness(python.runtime, source, { env });
  await first.engine.binding('charge-workflow').create({ id: 'i1', params: { order: 'A-17', amount: 42 } });
  await first.idle();
  // The attempt charged, stored its key and now waits (asyncio.sleep) before returning: the engine dies here.
  expect(ofType(await first.journal('i1'), 'attempt-started')).toHaveLength(1);
  expect(ofType(await first.journal('i1'), 'step-succeeded')).toHaveLength(0);
  first.dispose();
  const second = createHarness(python.runtime, source, { env, store: first.store, start: first.clock.now() });
  await second.engine.recover();
  const view = await second.run('i1');
  const journal = await second.journal('i1');
  second.dispose();
  return { view, journal };
}

describe('idempotency key in KV under crash injection', () => {
  it('charges once: the retried attempt finds the key the lost attempt stored', async () => {
    const { view, journal } = await crashThenRecover(SAMPLE);
    expect(view.status).toBe('complete');
    expect(view.output).toEqual({ receipt: { order: 'A-17', amount: 42, charge: 'ch_A-17_1' }, charges_made: 1 });
    const [lost] = ofType(journal, 'attempt-failed');
    expect(lost?.error.name).toBe('WorkflowInternalError');
    const charged = ofType(journal, 'step-succeeded').find((e) => e.name === 'charge');
    expect(charged?.logs.join('')).toContain('attempt 2: charged:A-17 exists, not charging again');
  });

  it('charges twice without the key check (so the test above can fail)', async () => {
    const careless = SAMPLE.replace('if receipt is not None:', 'if False:');
    expect(careless).not.toBe(SAMPLE);
    const { view } = await crashThenRecover(careless);
    expect(view.output).toMatchObject({ charges_made: 2 });
  });
});
