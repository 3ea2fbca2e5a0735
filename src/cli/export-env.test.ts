/** `workflow-studio export --env FILE`: the declared bindings the code uses go into wrangler.jsonc; bad file exit 2. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExportCommand } from './export-command';
import { inProcess, tempFolder } from './test-io';

const exportCli = inProcess(runExportCommand);

const FLOW = `from workers import WorkflowEntrypoint


class Cache(WorkflowEntrypoint):
    async def run(self, event, step):
        return await self.env.KV.get(self.env.TOKEN)
`;

describe('workflow-studio export --env', () => {
  it('declares the KV namespace and keeps the secret out', async () => {
    const dir = tempFolder({
      'cache.py': FLOW,
      'env.jsonc': '{"kv_namespaces": [{"binding": "KV"}], "secrets": {"TOKEN": "hunter2"}}',
    });
    const [file, env] = [join(dir, 'cache.py'), join(dir, 'env.jsonc')];
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
    const dir = tempFolder({ 'cache.py': FLOW, 'env.json': '{"vars": {"bad-name": 1}}' });
    const [file, env] = [join(dir, 'cache.py'), join(dir, 'env.json')];
    expect(await exportCli(file, '--out', join(dir, 'out'), '--env', env)).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: --env ${env}: vars.bad-name must be a name like "KV" (letters, digits, _)\n`,
    });
  });
});
