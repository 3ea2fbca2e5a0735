import { describe, expect, it } from 'vitest';
import { createHarness, T0, types } from './test-harness';
import type { WorkflowBody } from './types';

describe('resolveWorkflow(name, instanceId)', () => {
  it('names the instance when a run starts, so a host can pick the body of that instance’s source file', async () => {
    const asked: Array<[string, string | undefined]> = [];
    const bodies: Record<string, WorkflowBody> = {
      'inst-a': async ({ step }) => step.do('which', () => 'file A'),
      'inst-b': async ({ step }) => step.do('which', () => 'file B'),
    };
    const h = createHarness(
      {},
      {
        resolveWorkflow: (name, instanceId) => {
          asked.push([name, instanceId]);
          return instanceId === undefined ? bodies['inst-a'] : bodies[instanceId];
        },
      },
    );
    await h.engine.binding('wf').create({ id: 'inst-a' });
    await h.engine.binding('wf').create({ id: 'inst-b' });
    await h.runToIdle();
    expect((await h.view('inst-a')).output).toBe('file A');
    expect((await h.view('inst-b')).output).toBe('file B');
    // create() checks the name without an id; each run start names its instance.
    expect(asked).toEqual([
      ['wf', undefined],
      ['wf', 'inst-a'],
      ['wf', undefined],
      ['wf', 'inst-b'],
    ]);
  });

  it('leaves an instance unstarted (not errored) while its body is not available, and runs it once it is', async () => {
    let available = true;
    const body: WorkflowBody = async ({ step }) => {
      await step.sleep('nap', '1 minute');
      return step.do('after', () => 'done');
    };
    const h = createHarness({}, { resolveWorkflow: () => (available ? body : undefined) });
    await h.engine.binding('wf').create({ id: 'late' });
    await h.engine.settle();
    h.engine.dispose();

    available = false;
    const next = h.reopen();
    await next.engine.recover();
    await next.runToIdle(T0 + 120_000);
    expect((await next.view('late')).status).toBe('waiting');
    next.engine.dispose();

    available = true;
    const last = next.reopen();
    await last.engine.recover();
    await last.runToIdle();
    expect((await last.view('late')).output).toBe('done');
  });
});

describe('forget(id)', () => {
  it('stops one instance like a crash and journals nothing more for it, leaving the others running', async () => {
    const ran: string[] = [];
    const wf: WorkflowBody = async ({ step, event }) => {
      await step.sleep('nap', '1 minute');
      return step.do('after', () => ran.push(event.instanceId));
    };
    const h = createHarness({ wf });
    await h.engine.binding('wf').create({ id: 'keep' });
    await h.engine.binding('wf').create({ id: 'drop' });
    await h.engine.settle();
    const before = types(await h.journal('drop'));
    h.engine.forget('drop');
    h.engine.forget('never-existed');
    await h.runToIdle();
    expect(ran).toEqual(['keep']);
    expect(types(await h.journal('drop'))).toEqual(before);
    expect((await h.view('keep')).status).toBe('complete');
  });

  it('lets the instance be loaded again from the store afterwards', async () => {
    const wf: WorkflowBody = async ({ step }) => step.do('one', () => 1);
    const h = createHarness({ wf });
    await h.engine.binding('wf').create({ id: 'again' });
    await h.runToIdle();
    h.engine.forget('again');
    expect(await (await h.engine.binding('wf').get('again')).status()).toEqual({
      status: 'complete',
      output: 1,
      error: null,
    });
  });
});

describe('a store that fails on a wake', () => {
  it('reports the error once through onError and leaves no unhandled rejection behind', async () => {
    const errors: Array<[string, string]> = [];
    const wf: WorkflowBody = async ({ step }) => {
      await step.sleep('nap', '1 minute');
      return step.do('after', () => 1);
    };
    const h = createHarness({ wf }, { onError: (e, id) => errors.push([(e as Error).message, id]) });
    await h.engine.binding('wf').create({ id: 'full' });
    await h.engine.settle();
    const append = h.store.append.bind(h.store);
    h.store.append = () => Promise.reject(new Error('disk full'));
    await h.runToIdle();
    expect(errors).toEqual([['disk full', 'full']]);
    h.store.append = append;
  });
});

describe('hostActivity: "idle" means engine and host idle', () => {
  /** Host work the engine cannot see: `hops` macrotasks (like Python's asyncio hops), each counted. */
  function hostWork() {
    const counter = { n: 0 };
    const hops = async (hops: number) => {
      for (let i = 0; i < hops; i++) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        counter.n++;
      }
    };
    return { counter, hops };
  }

  it('settle() waits while the host works between two engine calls', async () => {
    const { counter, hops } = hostWork();
    const ran: string[] = [];
    const wf: WorkflowBody = async ({ step }) => {
      await step.do('a', () => ran.push('a'));
      await hops(20);
      return step.do('b', () => ran.push('b'));
    };
    const blind = createHarness({ wf });
    await blind.engine.binding('wf').create({ id: 'blind' });
    await blind.engine.settle();
    // Without hostActivity the engine looks idle while the body is between its two calls.
    expect(ran).toEqual(['a']);
    await blind.runToIdle();
    blind.engine.dispose();

    ran.length = 0;
    const h = createHarness({ wf }, { hostActivity: () => counter.n });
    await h.engine.binding('wf').create({ id: 'seen' });
    await h.engine.settle();
    expect(ran).toEqual(['a', 'b']);
    expect((await h.view('seen')).status).toBe('complete');
  });

  it('does not evict a run while the host is about to issue its next call', async () => {
    const { counter, hops } = hostWork();
    const runsOfLate: number[] = [];
    const wf: WorkflowBody = async ({ step, run }) => {
      await Promise.all([
        step.sleep('nap', '1 minute'),
        (async () => {
          await hops(20);
          await step.do('late', () => runsOfLate.push(run));
        })(),
      ]);
    };
    const blind = createHarness({ wf });
    await blind.engine.binding('wf').create({ id: 'blind' });
    await blind.runToIdle();
    await hops(40); // runToIdle is as blind as settle(): let the second run's host work finish
    // Evicted while only the sleep was pending: "late" had to wait for the next run, a minute later.
    expect(runsOfLate).toEqual([2]);
    blind.engine.dispose();

    runsOfLate.length = 0;
    const h = createHarness({ wf }, { hostActivity: () => counter.n });
    await h.engine.binding('wf').create({ id: 'seen' });
    await h.engine.settle();
    expect(runsOfLate).toEqual([1]);
    await h.runToIdle();
    expect((await h.view('seen')).runs.map((r) => r.end)).toEqual(['evicted', 'finished']);
  });

  it("evicts a blocked run while another instance's host work goes on, when the host counts per run", async () => {
    // Host work of instance "busy" only: e.g. Python running that instance's steps.
    const work = new Map<string, number>();
    const idleEvictedWhileBusy: boolean[] = [];
    let idleEvicted = false;
    const wfs: Record<string, WorkflowBody> = {
      idle: async ({ step }) => step.sleep('nap', '1 hour'),
      busy: async ({ step, event }) => {
        for (let i = 0; i < 30; i++) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          work.set(event.instanceId, (work.get(event.instanceId) ?? 0) + 1);
          await step.do(`s${i}`, () => i);
        }
        idleEvictedWhileBusy.push(idleEvicted);
      },
    };
    const total = () => [...work.values()].reduce((a, b) => a + b, 0);
    for (const perRun of [false, true]) {
      work.clear();
      idleEvicted = false;
      const h = createHarness(wfs, {
        hostActivity: (run) => (perRun && run ? (work.get(run.instanceId) ?? 0) : total()),
      });
      const append = h.store.append.bind(h.store);
      h.store.append = (id, events, summary) => {
        if (id === 'i' && events.some((e) => e.type === 'run-evicted')) idleEvicted = true;
        return append(id, events, summary);
      };
      await h.engine.binding('idle').create({ id: 'i' });
      await h.engine.binding('busy').create({ id: 'b' });
      await h.engine.settle();
      expect((await h.view('b')).status).toBe('complete');
      expect((await h.view('i')).runs.map((r) => r.end)).toEqual(['evicted']);
      h.engine.dispose();
    }
    // A global count keeps the idle run in memory until the busy one is done; a per-run count does not.
    expect(idleEvictedWhileBusy).toEqual([false, true]);
  });
});
