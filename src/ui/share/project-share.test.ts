import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { loadLastRun, saveLastRun } from '../actions/run-settings';
import { exportProject, openShareLink, openShareLinkOnce, shareLink } from './project-share';

const SOURCE = `from workers import WorkflowEntrypoint


class OrderWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def fetch_order():
            return {"id": 1}

        return await fetch_order()
`;

describe('exportProject', () => {
  it('downloads a zip whose wrangler.jsonc binds the workflow class, and says how to deploy', () => {
    const notify = vi.fn();
    const download = vi.fn();
    expect(exportProject({ name: 'order_flow.py', source: SOURCE }, { notify, download })).toBe(true);
    const [name, bytes, type] = download.mock.calls[0] as [string, Uint8Array, string];
    expect([name, type]).toEqual(['order-flow.zip', 'application/zip']);
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      'order-flow/README.md',
      'order-flow/pyproject.toml',
      'order-flow/src/entry.py',
      'order-flow/wrangler.jsonc',
    ]);
    expect(strFromU8(files['order-flow/wrangler.jsonc']!)).toContain('"class_name": "OrderWorkflow"');
    expect(notify).toHaveBeenCalledWith(
      expect.objectContaining({
        tone: 'info',
        title: 'Exported order-flow.zip',
        detail: expect.stringContaining('self.env.ORDER_WORKFLOW → OrderWorkflow'),
      }),
    );
  });

  it('shows why a file without a workflow class cannot be exported, and downloads nothing', () => {
    const notify = vi.fn();
    const download = vi.fn();
    expect(exportProject({ name: 'empty.py', source: 'x = 1\n' }, { notify, download })).toBe(false);
    expect(download).not.toHaveBeenCalled();
    expect(notify).toHaveBeenCalledWith(expect.objectContaining({ tone: 'error', title: 'Export failed' }));
    expect(notify.mock.calls[0]?.[0].detail).toMatch(/WorkflowEntrypoint/);
  });
});

describe('share links', () => {
  it('round-trips a file and its last Run params into a new file, and clears the fragment', async () => {
    await saveLastRun('f-share', { params: '{"order": 7}', id: '', workflowName: null });
    const notify = vi.fn();
    const copy = vi.fn(async () => {});
    const url = await shareLink(
      { id: 'f-share', name: 'order_flow.py', source: SOURCE },
      { notify, baseUrl: 'http://127.0.0.1:4173/', copy },
    );
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:4173\/#share=/);
    expect(copy).toHaveBeenCalledWith(url);
    expect(notify).toHaveBeenCalledWith({ tone: 'info', title: 'Share link copied', detail: url });

    const created: { name: string; source: string }[] = [];
    const clearHash = vi.fn();
    const opened = await openShareLink(new URL(url!).hash, {
      notify,
      clearHash,
      saveMocks: async () => {
        throw new Error('a link without mocks saves none');
      },
      saveEnv: async () => {
        throw new Error('a link without an env saves none');
      },
      createFile: async (name, source) => {
        created.push({ name, source });
        return { id: 'f-opened', name: 'order_flow_2.py' };
      },
    });
    expect(opened).toBe(true);
    expect(created).toEqual([{ name: 'order_flow.py', source: SOURCE }]);
    expect(JSON.parse((await loadLastRun('f-opened')).params)).toEqual({ order: 7 });
    expect(clearHash).toHaveBeenCalled();
    expect(notify).toHaveBeenLastCalledWith({
      tone: 'info',
      title: 'Opened a shared workflow as order_flow_2.py',
      detail: 'Its params are in the Run dialog.',
    });
  });

  it('carries the file’s mocks text, and opens them with the new file', async () => {
    const mocks = '{"http": [{"url": "https://api.example.com/*", "json": {"usd": 1.08}}]}';
    const url = await shareLink(
      { id: 'f-mocks', name: 'rates.py', source: SOURCE, mocks },
      { notify: vi.fn(), baseUrl: 'http://127.0.0.1/', copy: async () => {} },
    );
    const saved: [string, string][] = [];
    const notify = vi.fn();
    await openShareLink(new URL(url as string).hash, {
      notify,
      clearHash: () => {},
      createFile: async (name) => ({ id: 'f-rates', name }),
      saveMocks: async (fileId, text) => {
        saved.push([fileId, text]);
      },
      saveEnv: vi.fn(),
    });
    expect(saved).toEqual([['f-rates', mocks]]);
    expect(notify).toHaveBeenLastCalledWith(
      expect.objectContaining({ detail: 'Your other files are untouched. It came with mocks: see its Mocks panel.' }),
    );
  });

  it('never keeps the origins a link’s mocks ask to reach (allowNet): shows them, keeps the rest', async () => {
    const mocks = '{"http": [], "allowNet": ["https://evil.example"]}';
    const url = await shareLink(
      { id: 'f-net', name: 'net.py', source: SOURCE, mocks },
      { notify: vi.fn(), baseUrl: 'http://127.0.0.1/', copy: async () => {} },
    );
    const saved: string[] = [];
    const notify = vi.fn();
    await openShareLink(new URL(url as string).hash, {
      notify,
      clearHash: () => {},
      createFile: async (name) => ({ id: 'f-net-2', name }),
      saveMocks: async (_id, text) => {
        saved.push(text);
      },
      saveEnv: vi.fn(),
    });
    expect(saved.map((t) => JSON.parse(t))).toEqual([{ http: [] }]);
    expect(notify).toHaveBeenLastCalledWith({
      tone: 'warning',
      sticky: true,
      title: 'Opened a shared workflow as net.py',
      detail:
        'Your other files are untouched. It came with mocks: see its Mocks panel. Its mocks asked to reach https://evil.example ("allowNet"): not kept, as a link may not open the network. Add them in the Mocks panel if you trust this link.',
    });
  });

  it('carries the env without secret values, and tells the receiver which secrets to fill in', async () => {
    const env = '{"kv_namespaces": [{"binding": "CACHE"}], "secrets": {"TOKEN": "sk_live_never"}}';
    const url = await shareLink(
      { id: 'f-env', name: 'cache.py', source: SOURCE, env },
      { notify: vi.fn(), baseUrl: 'http://127.0.0.1/', copy: async () => {} },
    );
    const saved: [string, string][] = [];
    const notify = vi.fn();
    await openShareLink(new URL(url as string).hash, {
      notify,
      clearHash: () => {},
      createFile: async (name) => ({ id: 'f-cache', name }),
      saveMocks: vi.fn(),
      saveEnv: async (fileId, text) => {
        saved.push([fileId, text]);
      },
    });
    expect(saved).toEqual([['f-cache', '{"kv_namespaces": [{"binding": "CACHE"}], "secrets": {"TOKEN": ""}}']]);
    expect(notify).toHaveBeenLastCalledWith({
      tone: 'info',
      title: 'Opened a shared workflow as cache.py',
      detail:
        'Your other files are untouched. It came with bindings: see Env & bindings. Share links never carry secret values: fill in TOKEN in Env & bindings before you run it.',
      sticky: true,
    });
  });

  it('opens a link once when asked twice at once (React StrictMode runs the effect twice in dev)', async () => {
    const url = await shareLink(
      { id: 'f-twice', name: 'twice.py', source: SOURCE },
      { notify: vi.fn(), baseUrl: 'http://127.0.0.1/', copy: async () => {} },
    );
    const hash = new URL(url as string).hash;
    const createFile = vi.fn(async (name: string) => {
      await new Promise((r) => setTimeout(r, 10));
      return { id: 'f-once', name };
    });
    const deps = { notify: vi.fn(), createFile, clearHash: vi.fn(), saveMocks: vi.fn(), saveEnv: vi.fn() };
    expect(await Promise.all([openShareLinkOnce(hash, deps), openShareLinkOnce(hash, deps)])).toEqual([true, false]);
    expect(createFile).toHaveBeenCalledTimes(1);
    // Once it is done, the same link (pasted again) opens again.
    expect(await openShareLinkOnce(hash, deps)).toBe(true);
    expect(createFile).toHaveBeenCalledTimes(2);
  });

  it('says when the clipboard refused, and still shows the link', async () => {
    const notify = vi.fn();
    const url = await shareLink(
      { id: 'f-none', name: 'a.py', source: SOURCE },
      { notify, baseUrl: 'http://127.0.0.1/', copy: async () => Promise.reject(new Error('denied')) },
    );
    expect(notify).toHaveBeenCalledWith({
      tone: 'info',
      title: 'Share link ready (copy it from here)',
      detail: url,
      sticky: true,
    });
  });

  it('refuses a corrupt link with its message and creates no file', async () => {
    const notify = vi.fn();
    const createFile = vi.fn();
    const opened = await openShareLink('#share=%%%not-lz%%%', {
      notify,
      createFile,
      clearHash: () => {},
      saveMocks: vi.fn(),
      saveEnv: vi.fn(),
    });
    expect(opened).toBe(false);
    expect(createFile).not.toHaveBeenCalled();
    expect(notify).toHaveBeenCalledWith(
      expect.objectContaining({ tone: 'error', title: 'Could not open the share link' }),
    );
  });

  it('ignores a page URL without a share fragment', async () => {
    const notify = vi.fn();
    expect(
      await openShareLink('', {
        notify,
        createFile: vi.fn(),
        clearHash: vi.fn(),
        saveMocks: vi.fn(),
        saveEnv: vi.fn(),
      }),
    ).toBe(false);
    expect(notify).not.toHaveBeenCalled();
  });
});
