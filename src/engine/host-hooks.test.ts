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
