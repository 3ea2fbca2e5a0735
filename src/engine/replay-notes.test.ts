/**
 * Replays after an edit, judged by Cloudflare's cache keys (workers-sdk `context.ts`): a sleep's key holds its
 * duration, so a changed duration is a divergence; a wait's key is its name and count only, so a changed event
 * type or timeout is tolerated, with a note; reordered and inserted steps are served by key, with a note.
 */
import { describe, expect, it } from 'vitest';
import { createHarness, T0 } from './test-harness';
import type { WorkflowBody } from './types';

describe('replay after an edit', () => {
  it('sleeps a sleep whose duration changed anew for its whole new duration, as Cloudflare does, after a divergence', async () => {
    let duration = '1 hour';
    const wf: WorkflowBody = async ({ step }) => {
      await step.do('a', () => 'a');
      await step.sleep('nap', duration);
      return step.do('b', () => 'b');
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    duration = '2 hours';
    await h.runToIdle();
    const view = await h.view(inst.id);
    const nap = { kind: 'sleep', name: 'nap', count: 1 };
    expect(view.divergences.map(({ expected, got, missing }) => ({ expected, got, missing }))).toEqual([
      { expected: nap, got: nap, missing: [nap] },
    ]);
    // The journaled 1-hour sleep ended at T0 + 1 h and woke run 2, which started a new 2-hour sleep there: "b"
    // runs at T0 + 3 h (serving the journaled sleep ran it at T0 + 1 h).
    const HOUR = 3_600_000;
    const sleeps = view.calls.filter((c) => c.kind === 'sleep');
    expect(sleeps.map((c) => c.kind === 'sleep' && [c.durationMs, c.until - T0, c.orphaned, c.run])).toEqual([
      [HOUR, HOUR, true, 1],
      [2 * HOUR, 3 * HOUR, false, 2],
    ]);
    expect(view.calls.find((c) => c.name === 'b')?.startedAt).toBe(T0 + 3 * HOUR);
    expect(view.status).toBe('complete');
    expect(h.engine.replayNotes(inst.id)).toEqual([
      {
        run: 2,
        kind: 'changed-argument',
        call: nap,
        message:
          'sleep "nap" now sleeps 7200000 ms; the journal holds 3600000 ms. Cloudflare keys a sleep by its name and duration, so this is a new sleep there: the journaled one is skipped and the new one sleeps the whole 7200000 ms.',
      },
    ]);
  });

  it('tolerates a wait whose event type or timeout changed (not in its key), with notes', async () => {
    let version = 1;
    const wf: WorkflowBody = async ({ step }) => {
      const evt = await step.waitForEvent('approval', {
        type: version === 1 ? 'approve' : 'approved',
        timeout: version === 1 ? '1 hour' : '2 hours',
      });
      await step.sleep('nap', '1 minute');
      return evt.payload;
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    await inst.sendEvent({ type: 'approve', payload: 'yes' });
    await h.engine.settle();
    version = 2;
    await h.runToIdle();
    expect(await inst.status()).toEqual({ status: 'complete', output: 'yes', error: null });
    expect((await h.view(inst.id)).divergences).toEqual([]);
    const notes = h.engine.replayNotes(inst.id).filter((n) => n.run === 3);
    expect(notes.map((n) => n.message)).toEqual([
      'wait "approval" now waits for "approved"; the journal holds "approve". Cloudflare keys a wait by name and count only, so the journaled event is served, as here.',
      'wait "approval" now has timeout 7200000 ms; the journal holds 3600000 ms. Cloudflare keys a wait by name and count only, so the journaled outcome stands, as here.',
    ]);
  });

  it('notes reordered and inserted steps (served by key, as on Cloudflare) without a divergence', async () => {
    let version = 1;
    const ran: string[] = [];
    const wf: WorkflowBody = async ({ step }) => {
      const names = version === 1 ? ['a', 'b'] : ['b', 'new', 'a'];
      for (const name of names) await step.do(name, () => ran.push(name));
      await step.sleep('nap', '1 minute');
      return names;
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    version = 2;
    await h.runToIdle();
    expect(ran).toEqual(['a', 'b', 'new']);
    expect((await h.view(inst.id)).divergences).toEqual([]);
    const notes = h.engine.replayNotes(inst.id).filter((n) => n.run === 2);
    expect(notes.map(({ kind, call }) => [kind, call.name])).toEqual([
      ['inserted', 'new'],
      ['reordered', 'a'],
    ]);
    expect(notes[1]?.message).toBe(
      'do "a" was called after do "b", but the journal holds it before; both are served by key (on Cloudflare too), so their results are the journaled ones while the code between them runs in the new order.',
    );
  });

  it('notes nothing when the code makes the journaled calls again in their order', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      await step.do('a', () => 1);
      await step.sleep('nap', '1 minute');
      await step.waitForEvent('w', { type: 'go', timeout: '1 second' }).catch(() => null);
      return step.do('b', () => 2);
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(h.engine.replayNotes(inst.id)).toEqual([]);
    expect(h.engine.replayNotes('nobody')).toEqual([]);
  });
});
