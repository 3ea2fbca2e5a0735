/**
 * `workflow-studio run --env FILE`: the studio's env declaration gives the workflow KV, D1, R2, vars and secrets;
 * contents live in memory, or beside `--journal PATH` in `PATH.env.json`; a bad file is bad input (exit 2).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-command';
import { filePython, inProcess, tempFolder, writeIn } from './test-io';

const cli = inProcess(runCli, filePython().deps);
const dir = tempFolder();

const ENV = `{
  // the same JSON as the studio's Env panel
  "kv_namespaces": [{ "binding": "KV" }],
  "d1_databases": [{ "binding": "DB", "database_name": "orders" }],
  "vars": { "CURRENCY": "EUR" },
  "secrets": { "TOKEN": "s3cret" },
}`;

const FLOW = `from workers import WorkflowEntrypoint

class Orders(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("save")
        async def save():
            await self.env.DB.exec("CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, total REAL)")
            await self.env.DB.prepare("INSERT INTO orders VALUES (?, ?)").bind(event["payload"]["id"], 42.5).run()
            runs = int(await self.env.KV.get("runs") or "0") + 1
            await self.env.KV.put("runs", str(runs))
            return runs

        runs = await save()
        await step.sleep("a day", "1 day")

        @step.do("read back")
        async def read_back():
            row = await self.env.DB.prepare("SELECT total FROM orders WHERE id = ?").bind(event["payload"]["id"]).first()
            return [row["total"], self.env.CURRENCY, len(self.env.TOKEN)]

        return {"runs": runs, "row": await read_back()}
`;

describe('run --env', () => {
  it('gives the workflow its KV, D1, vars and secrets; a D1 row written before a sleep is read after it', async () => {
    const flow = writeIn(dir, 'orders.py', FLOW);
    const env = writeIn(dir, 'env.jsonc', ENV);
    const out = await cli('run', flow, '--env', env, '--params', '{"id": "A-1"}', '--json');
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('"status":"complete"');
    expect(out.exit).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.output).toEqual({ runs: 1, row: [42.5, 'EUR', 6] });
  });

  it('keeps the contents beside --journal, so the next run sees what the last one stored', async () => {
    const flow = writeIn(dir, 'orders2.py', FLOW);
    const env = writeIn(dir, 'env2.jsonc', ENV);
    const journal = join(dir, 'orders.journal.json');
    const first = await cli(
      'run',
      flow,
      '--env',
      env,
      '--journal',
      journal,
      '--id',
      'A-1',
      '--params',
      '{"id": "A-1"}',
      '--json',
    );
    expect(first.exit).toBe(0);
    expect(existsSync(`${journal}.env.json`)).toBe(true);
    expect(JSON.parse(readFileSync(`${journal}.env.json`, 'utf8'))).toMatchObject({
      format: 'workflow-studio-bindings',
    });
    const second = await cli(
      'run',
      flow,
      '--env',
      env,
      '--journal',
      journal,
      '--id',
      'B-2',
      '--params',
      '{"id": "B-2"}',
      '--json',
    );
    expect(second.exit).toBe(0);
    expect(JSON.parse(second.stdout).output).toEqual({ runs: 2, row: [42.5, 'EUR', 6] });
  });

  it('refuses a bad --env file with one line and exit 2', async () => {
    const flow = writeIn(dir, 'orders3.py', FLOW);
    const cases: [string, string][] = [
      [join(dir, 'missing.jsonc'), `error: --env: cannot read ${join(dir, 'missing.jsonc')}:`],
      [
        writeIn(dir, 'bad.json', '{"kv_namespaces": [{"binding": "my-kv"}]}'),
        'kv_namespaces[0].binding must be a name like "KV"',
      ],
      [
        writeIn(dir, 'unknown.json', '{"services": []}'),
        'unknown field "services" (known: kv_namespaces, d1_databases',
      ],
      [writeIn(dir, 'notjson.json', '{'), ': not JSON: '],
    ];
    for (const [file, message] of cases) {
      const out = await cli('run', flow, '--env', file);
      expect(out.exit).toBe(2);
      expect(out.stderr).toContain(message);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
    }
    writeFileSync(join(dir, 'fresh.journal.json.env.json'), '{"hello": 1}');
    const refused = await cli(
      'run',
      flow,
      '--env',
      writeIn(dir, 'ok.json', ENV),
      '--journal',
      join(dir, 'fresh.journal.json'),
    );
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toContain('is not a bindings file of workflow-studio (format "workflow-studio-bindings")');
  });
});
