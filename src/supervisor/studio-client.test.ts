import { describe, expect, it } from 'vitest';
import type { TabMessage, WorkerInput, WorkerOutput } from '../protocol';
import { ExecutorError, IllegalStateError, WorkerCrashedError } from './errors';
import { createStudioClient } from './studio-client';
import { createChannelHub, createFakeLocks, readyOutput, until } from './test-fakes';
import type { ExecutorSupervisor, NoticeInput, StudioNotice, WorkerState } from './types';

/** An executor supervisor double: the test sets its state and decides how requests are answered. */
function fakeExecutor(tab: string, log: string[]) {
  let state: WorkerState = { status: 'starting', since: 0 };
  const listeners = new Set<() => void>();
  let notify: (n: NoticeInput) => void = () => {};
  const executor: ExecutorSupervisor & { setState(s: WorkerState): void; hold: boolean } = {
    hold: false,
    getState: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async request<T extends WorkerInput>(input: T) {
      log.push(`${tab} runs ${input.type}`);
      if (executor.hold) return new Promise(() => {});
      if (input.type === 'create-instance' && input.id === 'dup') {
        throw new ExecutorError({ type: 'error', name: 'WorkflowError', message: 'already exists' });
      }
      const out: WorkerOutput =
        input.type === 'create-instance'
          ? { type: 'instances-created', ids: [input.id ?? `from-${tab}`] }
          : { type: 'done' };
      return out as never;
    },
    onEvent: () => () => {},
    kill: (reason) => log.push(`${tab} kills: ${reason}`),
    stopAttempt: async (id) => {
      log.push(`${tab} stops the attempt of ${id}`);
    },
    dispose: () => log.push(`${tab} disposes`),
    setState(s) {
      state = s;
      for (const l of [...listeners]) l();
    },
  };
  return { executor, notify: (n: NoticeInput) => notify(n), bindNotify: (n: typeof notify) => (notify = n) };
}

function world() {
  const locks = createFakeLocks();
  const hub = createChannelHub<TabMessage>();
  const log: string[] = [];
  const followers: string[] = [];
  let clock = 10_000;
  const executors = new Map<string, ReturnType<typeof fakeExecutor>>();
  /** The `waitStartedAt` each tab's executor was started with. */
  const waits = new Map<string, number | undefined>();
  const open = (tabId: string) =>
    createStudioClient({
      tabId,
      onFollower: () => followers.push(tabId),
      now: () => clock,
      waitStartedAt: 9_000,
      locks,
      channel: hub.channel(),
      startExecutor: (notify, waitStartedAt) => {
        const fake = fakeExecutor(tabId, log);
        fake.bindNotify(notify);
        executors.set(tabId, fake);
        waits.set(tabId, waitStartedAt);
        log.push(`${tabId} starts the executor`);
        return fake.executor;
      },
    });
  return { open, log, followers, executors, waits, advance: (ms: number) => (clock += ms) };
}

/** Opens tab a, waits until it leads, then opens tab b and waits until it follows. */
async function twoTabs(w: ReturnType<typeof world>) {
  const a = w.open('a');
  await until(() => w.log.includes('a starts the executor'));
  const b = w.open('b');
  await until(() => w.followers.includes('b'));
  return { a, b };
}

const ready: WorkerState = { status: 'ready', since: 0, coldStartMs: 700, warm: true, python: readyOutput(true) };

describe('createStudioClient()', () => {
  it('lets exactly one tab run the executor; the other shows the leader’s state as a follower', async () => {
    const w = world();
    // Before the election answers, a tab is starting since the user began to wait (navigation).
    const early = world().open('early');
    expect(early.getState()).toEqual({ status: 'starting', since: 9_000, role: 'follower' });
    early.dispose();
    const { a, b } = await twoTabs(w);
    expect(w.log).toEqual(['a starts the executor']);
    expect(w.followers).toEqual(['b']);
    expect(a.getState()).toEqual({ status: 'starting', since: 0, role: 'leader' });
    w.executors.get('a')?.executor.setState(ready);
    expect(a.getState()).toMatchObject({ status: 'ready', role: 'leader', warm: true });
    await until(() => expect(b.getState()).toEqual({ ...ready, since: 0, role: 'follower' }));
  });

  it('shows a follower each state of the leader at the same age on its own clock; a restart as starting', async () => {
    const w = world();
    const { a, b } = await twoTabs(w);
    const leader = w.executors.get('a')?.executor;
    w.advance(500);
    leader?.setState({ status: 'starting', since: 10_200, phase: 'loading-python' });
    await until(() =>
      expect(b.getState()).toEqual({ status: 'starting', since: 10_200, role: 'follower', phase: 'loading-python' }),
    );
    leader?.setState({ status: 'restarting', since: 10_300, reason: 'the worker crashed: boom' });
    await until(() => expect(b.getState()).toEqual({ status: 'starting', since: 10_300, role: 'follower' }));
    // The restart's boot phases reach the follower too, instead of "starting the executor worker" until ready.
    leader?.setState({
      status: 'restarting',
      since: 10_300,
      reason: 'the worker crashed: boom',
      phase: 'loading-python',
    });
    await until(() =>
      expect(b.getState()).toEqual({ status: 'starting', since: 10_300, role: 'follower', phase: 'loading-python' }),
    );
    leader?.setState({ status: 'restarting', since: 10_300, reason: 'the worker crashed: boom' });
    expect(a.getState()).toEqual({
      status: 'restarting',
      since: 10_300,
      reason: 'the worker crashed: boom',
      role: 'leader',
    });
    leader?.setState({
      status: 'failed',
      since: 10_400,
      error: { name: 'WorkerCrashedError', message: 'kept stopping' },
    });
    await until(() =>
      expect(b.getState()).toEqual({
        status: 'failed',
        since: 10_400,
        error: { name: 'WorkerCrashedError', message: 'kept stopping' },
        role: 'follower',
      }),
    );
  });

  it('shows an armed kill-at-next-step in every tab, and its end', async () => {
    const w = world();
    const { a, b } = await twoTabs(w);
    const leader = w.executors.get('a')?.executor;
    leader?.setState({ ...ready, killArmed: true });
    expect(a.getState()).toMatchObject({ status: 'ready', role: 'leader', killArmed: true });
    await until(() => expect(b.getState()).toMatchObject({ status: 'ready', role: 'follower', killArmed: true }));
    await b.disarmKill();
    expect(w.log).toContain('a runs disarm-kill');
    leader?.setState({ ...ready, killArmed: false });
    expect(a.getState()).toMatchObject({ status: 'ready', role: 'leader', killArmed: false });
    await until(() => expect(b.getState()).toMatchObject({ status: 'ready', role: 'follower', killArmed: false }));
  });

  it('shows the leader’s busy Python in every tab, and forwards a follower’s Stop attempt to the leader', async () => {
    const w = world();
    const a = w.open('a');
    await until(() => expect(a.getState()).toMatchObject({ role: 'leader' }));
    const b = w.open('b');
    await until(() => expect(b.getState()).toMatchObject({ role: 'follower' }));
    const attempt = { instanceId: 'spin-1', stepName: 'charge_card', attempt: 1 };
    w.advance(5000);
    w.executors.get('a')?.executor.setState({ ...ready, busy: { since: 2000, attempt } });
    await until(() => expect(a.getState()).toMatchObject({ busy: { since: 2000, attempt } }));
    // The follower gets the busy time as an age, on its own clock (the fake tabs share one).
    await until(() => expect(b.getState()).toMatchObject({ role: 'follower', busy: { since: 2000, attempt } }));
    await b.stopAttempt('spin-1');
    expect(w.log).toContain('a stops the attempt of spin-1');
    // The run holding Python, when no attempt does, reaches the follower too (its busy line offers Terminate).
    w.executors.get('a')?.executor.setState({ ...ready, busy: { since: 3000, run: { instanceId: 'loop-1' } } });
    await until(() => expect(b.getState()).toMatchObject({ busy: { since: 3000, run: { instanceId: 'loop-1' } } }));
    w.executors.get('a')?.executor.setState(ready);
    await until(() => expect(b.getState()).not.toHaveProperty('busy'));
  });

  it('forwards a follower’s commands to the leader and returns the leader’s answers and errors', async () => {
    const w = world();
    const { b } = await twoTabs(w);
    await expect(b.create({ fileId: 'f', workflowName: 'wf', id: 'x1' })).resolves.toEqual({ id: 'x1' });
    await expect(b.pause('x1')).resolves.toBeUndefined();
    const error = await b.create({ fileId: 'f', workflowName: 'wf', id: 'dup' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutorError);
    expect(error).toMatchObject({ name: 'WorkflowError', message: 'already exists' });
    await b.killExecutor();
    expect(w.log).toEqual([
      'a starts the executor',
      'a runs create-instance',
      'a runs pause-instance',
      'a runs create-instance',
      'a kills: killed from the studio',
    ]);
  });

  it('checks a forwarded answer against its command: the leader answering load-source with done is refused', async () => {
    const w = world();
    const { b } = await twoTabs(w);
    const error = await b.loadSource({ fileId: 'f', version: 1, name: 'f.py', source: 'x' }).catch((e: unknown) => e);
    expect(error).toEqual(new IllegalStateError('Expected a source-loaded answer to load-source, got done'));
    expect(w.log).toContain('a runs load-source');
  });

  it('holds commands until the tab knows its role, then runs them where they belong', async () => {
    const w = world();
    const a = w.open('a');
    const early = a.create({ fileId: 'f', workflowName: 'wf' });
    await expect(early).resolves.toEqual({ id: 'from-a' });
  });

  it('hands over when the leader tab closes: the follower starts its own executor and rejects what was in flight', async () => {
    const w = world();
    const { a, b } = await twoTabs(w);
    const executorA = w.executors.get('a')?.executor;
    if (executorA) executorA.hold = true;
    const lost = b.resume('x').catch((e: unknown) => e);
    await until(() => w.log.includes('a runs resume-instance'));
    a.dispose();
    expect(await lost).toEqual(
      new WorkerCrashedError(
        'The command was lost because the leader tab closed and this tab took over; check the instance and try again.',
      ),
    );
    expect(w.log.slice(-3)).toEqual(['a runs resume-instance', 'a disposes', 'b starts the executor']);
    expect(b.getState()).toMatchObject({ status: 'starting', role: 'leader' });
    // a's user waited from a's navigation; b's took over later, and its executor's wait starts now.
    expect([...w.waits]).toEqual([
      ['a', 9_000],
      ['b', undefined],
    ]);
    await expect(b.create({ fileId: 'f', workflowName: 'wf' })).resolves.toEqual({ id: 'from-b' });
  });

  it('shows the leader’s notices in every tab, and keeps notices raised before anyone listens', async () => {
    const w = world();
    const { a, b } = await twoTabs(w);
    w.executors.get('a')?.notify({ level: 'error', name: 'StorageFullError', message: 'full' });
    const seenA: StudioNotice[] = [];
    const seenB: StudioNotice[] = [];
    a.onNotice((n) => seenA.push(n));
    expect(seenA).toEqual([{ id: 1, level: 'error', name: 'StorageFullError', message: 'full', at: 10_000 }]);
    // b gets it over the channel; raised before b listened, it is kept for b's first listener.
    const stop = b.onNotice((n) => seenB.push(n));
    await until(() => expect(seenB).toMatchObject([{ level: 'error', name: 'StorageFullError', message: 'full' }]));
    stop();
    // A third tab, listening, shows when the next notice has crossed the channel; b, no longer listening, gets none.
    const c = w.open('c');
    const seenC: StudioNotice[] = [];
    c.onNotice((n) => seenC.push(n));
    await until(() => w.followers.includes('c'));
    w.executors.get('a')?.notify({ level: 'info', name: 'X', message: 'y' });
    await until(() => expect(seenC).toMatchObject([{ name: 'X', message: 'y' }]));
    expect(seenB).toHaveLength(1);
    expect(seenA).toHaveLength(2);
  });

  it('without Web Locks or a channel (one tab, old browser) leads at once', () => {
    const log: string[] = [];
    const client = createStudioClient({
      now: () => 0,
      startExecutor: () => fakeExecutor('solo', log).executor,
    });
    expect(client.getState()).toMatchObject({ role: 'leader' });
    client.dispose();
    client.dispose();
    expect(log).toEqual(['solo disposes']);
  });
});
