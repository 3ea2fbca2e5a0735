import { beforeEach, describe, expect, it } from 'vitest';
import { ExecutorError } from '../../supervisor';
import { filesRepo, studioDb } from '../data/studio-db';
import { createFakeClient } from '../test-support/fake-client';
import { runProjectTests, testsStore } from './tests-store';

const REPORT = { type: 'tests-ran' as const, tests: [], unsupported: [], durationMs: 3 };

beforeEach(async () => {
  await studioDb.files.clear();
  testsStore.setState({ status: 'idle' }, true);
});

describe('runProjectTests', () => {
  it('says so when the project has no test file, without asking the executor', async () => {
    await filesRepo.create('order_workflow.py', 'x = 1\n');
    const { client, calls } = createFakeClient();
    await runProjectTests(client);
    expect(testsStore.getState()).toEqual({ status: 'no-tests' });
    expect(calls).toEqual([]);
  });

  it('sends every file (tests and what they import) and keeps the report', async () => {
    const flow = await filesRepo.create('order_workflow.py', 'x = 1\n');
    const test = await filesRepo.create('test_order.py', 'def test_x():\n    pass\n');
    const sent: { fileId: string; name: string; source: string }[][] = [];
    const { client } = createFakeClient({
      runTests: async (files) => {
        sent.push(files);
        return REPORT;
      },
    });
    await runProjectTests(client);
    expect(testsStore.getState()).toEqual({ status: 'done', report: REPORT });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual([
      { fileId: flow.id, name: 'order_workflow.py', source: 'x = 1\n' },
      { fileId: test.id, name: 'test_order.py', source: 'def test_x():\n    pass\n' },
    ]);
  });

  it('sends each file with its env declaration and its checked mocks, or the problem with them', async () => {
    const kv = await filesRepo.create('kv_flow.py', 'x = 1\n');
    await filesRepo.saveEnv(kv.id, '{"kv_namespaces": [{"binding": "KV"}]}');
    await filesRepo.saveMocks(kv.id, '{"http": [{"url": "https://api.example.com/*", "json": {"ok": true}}]}');
    const bad = await filesRepo.create('bad_flow.py', 'x = 1\n');
    await filesRepo.saveMocks(bad.id, '{"http": [{"status": 200}]}');
    await filesRepo.create('test_kv.py', 'def test_x():\n    pass\n');
    const sent: Parameters<ReturnType<typeof createFakeClient>['client']['runTests']>[0][] = [];
    const { client } = createFakeClient({
      runTests: async (files) => {
        sent.push(files);
        return REPORT;
      },
    });
    await runProjectTests(client);
    const byName = new Map(sent[0]?.map((f) => [f.name, f]));
    expect(byName.get('kv_flow.py')).toMatchObject({
      env: '{"kv_namespaces": [{"binding": "KV"}]}',
      mocks: { http: [expect.objectContaining({ url: 'https://api.example.com/*' })], steps: [], events: [] },
    });
    expect(byName.get('bad_flow.py')?.mocksProblem).toMatch(/^http\[0\]\.url: .*\nFix them in the Mocks panel/);
    expect(byName.get('test_kv.py')).toEqual({
      fileId: expect.any(String),
      name: 'test_kv.py',
      source: 'def test_x():\n    pass\n',
    });
  });

  it('shows why the run failed, keeping the last report', async () => {
    await filesRepo.create('test_order.py', 'def test_x():\n    pass\n');
    testsStore.setState({ status: 'done', report: REPORT }, true);
    const { client } = createFakeClient({
      runTests: async () => {
        throw new ExecutorError({
          type: 'error',
          name: 'WorkerCrashedError',
          message: 'the executor stopped while running the tests',
        });
      },
    });
    await runProjectTests(client);
    expect(testsStore.getState()).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('the executor stopped while running the tests'),
      last: REPORT,
    });
  });
});
