/** The studio's Export with the file's env: the bindings the code uses are declared; a secret never leaves. */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { exportProject } from './project-share';

const SOURCE = `from workers import WorkflowEntrypoint


class CacheWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        return await self.env.CACHE.get(self.env.TOKEN)
`;

describe('exportProject with an env', () => {
  it('declares the KV namespace, and no file of the zip holds the secret', () => {
    const notify = vi.fn();
    const download = vi.fn();
    const env = '{"kv_namespaces": [{"binding": "CACHE"}], "secrets": {"TOKEN": "sk_live_never"}}';
    expect(exportProject({ name: 'cache.py', source: SOURCE, env }, { notify, download })).toBe(true);
    const files = unzipSync((download.mock.calls[0] as [string, Uint8Array])[1]);
    expect(strFromU8(files['cache/wrangler.jsonc']!)).toContain('"binding": "CACHE"');
    for (const bytes of Object.values(files)) expect(strFromU8(bytes)).not.toContain('sk_live_never');
    expect(strFromU8(files['cache/README.md']!)).toContain('npx wrangler secret put TOKEN');
  });

  it('refuses an env that does not parse, naming the field, and downloads nothing', () => {
    const notify = vi.fn();
    const download = vi.fn();
    expect(exportProject({ name: 'cache.py', source: SOURCE, env: '{"vars": 1}' }, { notify, download })).toBe(false);
    expect(notify).toHaveBeenCalledWith({
      tone: 'error',
      title: 'Export failed',
      detail: "The file's env is not valid: vars must be an object of NAME: value.",
    });
    expect(download).not.toHaveBeenCalled();
  });
});
