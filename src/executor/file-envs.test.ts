/**
 * The executor's per-file `self.env`: the declaration is read from the file's record, contents live in IndexedDB
 * per file, steps and the bindings browser (`envCall`) see the same data; a bad declaration refuses the run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRealClock } from '../engine';
import { StudioDB } from '../persistence';
import { nodeSql } from '../runtime/bindings/node-sql';
import { loadNodePython, type NodePython } from '../runtime/node';
import { createTestCore } from './test-core';

let python: NodePython;
beforeAll(async () => {
  python = await loadNodePython({ stdout: () => {} });
});

const SOURCE = `from workers import WorkflowEntrypoint

class Counter(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("count")
        async def count():
            n = int(await self.env.KV.get("n") or "0") + 1
            await self.env.KV.put("n", str(n), metadata={"by": self.env.WHO})
            return n
        return await count()
`;

async function setUp(env: string) {
  const dbName = `file-envs-${Math.random().toString(36).slice(2)}`;
  const db = new StudioDB(dbName);
  await db.files.add({ id: 'f1', name: 'counter.py', source: SOURCE, version: 1, createdAt: 0, updatedAt: 0, env });
  await db.files.add({ id: 'f2', name: 'other.py', source: SOURCE, version: 1, createdAt: 0, updatedAt: 0, env });
  const core = createTestCore({
    runtime: python.runtime,
    db,
    clock: createRealClock({ now: Date.now, setTimeout, clearTimeout }),
    sql: nodeSql,
  });
  for (const fileId of ['f1', 'f2']) {
    const loaded = await core.loadSource({ fileId, version: 1, name: `${fileId}.py`, source: SOURCE });
    expect(loaded.ok).toBe(true);
  }
  const finish = async (id: string) => {
    for (let i = 0; i < 500; i++) {
      const row = await db.instances.get(id);
      if (row?.status === 'complete' || row?.status === 'errored') return row;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`instance ${id} did not finish`);
  };
  return { db, core, finish };
}

describe('executor file envs', () => {
  it("runs steps against the file's KV, kept per file, and the browser sees and edits the same contents", async () => {
    const { core, finish } = await setUp('{"kv_namespaces": [{"binding": "KV"}], "vars": {"WHO": "ada"}}');
    const [a] = await core.create({ fileId: 'f1', workflowName: 'counter' });
    expect(await finish(a as string)).toMatchObject({ status: 'complete' });
    const [b] = await core.create({ fileId: 'f1', workflowName: 'counter' });
    await finish(b as string);
    const [c] = await core.create({ fileId: 'f2', workflowName: 'counter' });
    await finish(c as string);
    const listed = (await core.envCall('f1', 'KV', 'list', [null])) as { keys: unknown[] };
    expect(listed.keys).toEqual([{ name: 'n', metadata: { by: 'ada' } }]);
    expect(await core.envCall('f1', 'KV', 'get', ['n'])).toBe('2');
    expect(await core.envCall('f2', 'KV', 'get', ['n'])).toBe('1');
    await core.envCall('f1', 'KV', 'put', ['n', '41']);
    const [d] = await core.create({ fileId: 'f1', workflowName: 'counter' });
    expect(await finish(d as string)).toMatchObject({ status: 'complete' });
    expect(await core.envCall('f1', 'KV', 'get', ['n'])).toBe('42');
    await expect(core.envCall('f1', 'KV', 'put', ['', 'x'])).rejects.toThrow(
      'KV PUT failed: 400 Key names must not be empty',
    );
  });

  it('refuses to run a file whose env does not parse, naming the field', async () => {
    const { core } = await setUp('{"kv_namespaces": [{"binding": "my kv"}]}');
    await expect(core.create({ fileId: 'f1', workflowName: 'counter' })).rejects.toThrow(
      'The env of counter.py is not valid: kv_namespaces[0].binding must be a name like "KV" (letters, digits, _). Fix it in Env & bindings.',
    );
    await expect(core.envCall('f1', 'KV', 'list', [])).rejects.toThrow('The env of counter.py is not valid');
  });
});
