/** `workflow-studio export --env FILE`: the declared bindings the code uses go into wrangler.jsonc; bad file exit 2. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExportCommand } from './export-command';
import { capture } from './test-io';

const exportCli = (...argv: string[]) => capture((io) => runExportCommand(argv, io));

const FLOW = `from workers import WorkflowEntrypoint


class Cache(WorkflowEntrypoint):
    async def run(self, event, step):
        return await self.env.KV.get(self.env.TOKEN)
`;

describe('workflow-studio export --env', () => {
  it('declares the KV namespace and keeps the secret out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-export-env-'));
    const file = join(dir, 'cache.py');
    writeFileSync(file, FLOW);
    const env = join(dir, 'env.jsonc');
    writeFileSync(env, '{"kv_namespaces": [{"binding": "KV"}], "secrets": {"TOKEN": "hunter2"}}');
    const out = join(dir, 'out');
    const result = await exportCli(file, '--out', out, '--env', env);
    expect(result.exit).toBe(0);
    const wrangler = readFileSync(join(out, 'wrangler.jsonc'), 'utf8');
    expect(wrangler).toContain('{ "binding": "KV", "id": "<KV namespace id>" }');
    for (const name of ['wrangler.jsonc', 'README.md', 'src/entry.py']) {
      expect(readFileSync(join(out, name), 'utf8')).not.toContain('hunter2');
    }
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('npx wrangler secret put TOKEN');
  });

  it('refuses an env file it cannot use, with one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-export-env-'));
    const file = join(dir, 'cache.py');
    writeFileSync(file, FLOW);
    const env = join(dir, 'env.json');
    writeFileSync(env, '{"vars": {"bad-name": 1}}');
    expect(await exportCli(file, '--out', join(dir, 'out'), '--env', env)).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: --env ${env}: vars.bad-name must be a name like "KV" (letters, digits, _)\n`,
    });
  });
});
