/**
 * The tab-level `StudioClient` (docs/studio-client.md): which tab executes, and how every tab's commands get
 * to that tab's executor.
 *
 * - Leadership: a Web Lock (leader-election.ts). The leader creates the executor supervisor (worker, watchdog,
 *   restarts); a follower never spawns a worker, shows the leader's state, and forwards commands over a
 *   BroadcastChannel (request/response with ids). When the leader tab closes, a follower gets the lock, starts
 *   its own executor and recovers every unfinished instance from the journal.
 * - A command forwarded to a leader that goes away is rejected with `WorkerCrashedError` (it may or may not
 *   have run: the journal says). Commands issued before the tab knows its role, or before a follower has
 *   heard from the leader, wait.
 * - Instance data is never sent between tabs: every tab reads the journal from IndexedDB (`liveQuery`).
 */
import {
  answerTo,
  assertNever,
  type ForwardedCommand,
  type OutputOf,
  type SharedExecutorState,
  type StudioCommand,
  serializeError,
  type TabMessage,
  type WorkerOutput,
  type WorkerResult,
} from '../protocol';
import { ExecutorError, IllegalStateError, WorkerCrashedError } from './errors';
import { electLeader } from './leader-election';
import type {
  BusyAttempt,
  ChannelLike,
  ExecutorState,
  ExecutorSupervisor,
  LocksLike,
  NoticeInput,
  StudioClient,
  StudioNotice,
  Unsubscribe,
  WorkerState,
} from './types';

/** What the client needs from its host; injected so tests use fake locks, channels and executors. */
export interface StudioClientDeps {
  /** Milliseconds, monotonic (`performance.now`). */
  now(): number;
  /** When the user's wait began on the `now()` clock (`0` in a page: navigation); see `ExecutorSupervisorDeps`. */
  waitStartedAt?: number;
  /** `navigator.locks`; without it this tab always leads. */
  locks?: LocksLike;
  /** A BroadcastChannel shared by the studio's tabs; without it the tab is alone. */
  channel?: ChannelLike<TabMessage>;
  /**
   * Starts this tab's executor when it becomes the leader. `waitStartedAt`: `deps.waitStartedAt` when the tab
   * leads from its start (the user waited from then); undefined when a follower takes over (it waited for nothing).
   */
  startExecutor(notify: (notice: NoticeInput) => void, waitStartedAt?: number): ExecutorSupervisor;
  /** Another tab leads: this one follows (until that tab closes). Called once, when the election says so. */
  onFollower?(): void;
  /** This tab's id on the channel. Default: a random UUID. */
  tabId?: string;
}

/** The client plus `dispose()` (releases leadership, stops the worker). */
export interface StudioClientHandle extends StudioClient {
  dispose(): void;
}

type Forwarded = { to: string; resolve(output: WorkerOutput): void; reject(error: Error): void };
type Queued = { command: ForwardedCommand; resolve(output: WorkerOutput): void; reject(error: Error): void };

/** The busy attempt (or run) of a busy state, when it names one. */
const pick = (busy: { attempt?: BusyAttempt; run?: { instanceId: string } }) => ({
  ...(busy.attempt ? { attempt: busy.attempt } : {}),
  ...(busy.run ? { run: busy.run } : {}),
});

/** Creates the client and starts the election at once. */
export function createStudioClient(deps: StudioClientDeps): StudioClientHandle {
  const tabId = deps.tabId ?? crypto.randomUUID();
  const listeners = new Set<() => void>();
  const noticeListeners = new Set<(notice: StudioNotice) => void>();
  const unseenNotices: StudioNotice[] = [];
  const forwarded = new Map<number, Forwarded>();
  let queued: Queued[] = [];
  let role: 'undecided' | 'leader' | 'follower' = 'undecided';
  let executor: ExecutorSupervisor | undefined;
  let leaderId: string | undefined;
  let nextRequestId = 1;
  let nextNoticeId = 1;
  let disposed = false;
  let state: ExecutorState = { status: 'starting', since: deps.waitStartedAt ?? deps.now(), role: 'follower' };

  function setState(next: ExecutorState): void {
    state = next;
    for (const l of [...listeners]) l();
  }

  function notify(input: NoticeInput, broadcast = role === 'leader'): void {
    const notice: StudioNotice = { ...input, id: nextNoticeId++, at: deps.now() };
    if (noticeListeners.size === 0) unseenNotices.push(notice);
    for (const l of [...noticeListeners]) l(notice);
    if (broadcast) deps.channel?.postMessage({ type: 'tab-notice', leaderId: tabId, notice: input });
  }

  // ── leader ──────────────────────────────────────────────────────────────────────────────────────────────

  /** The worker's state for other tabs: its age instead of this tab's clock time. */
  function shared(s: WorkerState): SharedExecutorState {
    const { since, ...rest } = s;
    const elapsedMs = deps.now() - since;
    // Destructuring a union loses the variants; `rest` is exactly one variant of s without `since`.
    const out = { ...rest, elapsedMs } as SharedExecutorState;
    if (s.status === 'ready' && s.busy && out.status === 'ready') {
      out.busy = { ...pick(s.busy), elapsedMs: deps.now() - s.busy.since };
    }
    return out;
  }

  function announce(): void {
    if (executor)
      deps.channel?.postMessage({ type: 'leader-state', leaderId: tabId, state: shared(executor.getState()) });
  }

  function becomeLeader(): void {
    if (disposed || role === 'leader') return;
    const fromTheStart = role === 'undecided';
    role = 'leader';
    leaderId = tabId;
    rejectForwarded(() => true, 'the leader tab closed and this tab took over');
    executor = deps.startExecutor((notice) => notify(notice), fromTheStart ? deps.waitStartedAt : undefined);
    const follow = () => {
      if (!executor) return;
      setState({ ...executor.getState(), role: 'leader' } as ExecutorState);
      announce();
    };
    executor.subscribe(follow);
    follow();
    flushQueued();
  }

  async function runLocally(command: ForwardedCommand): Promise<WorkerOutput> {
    if (!executor) throw new IllegalStateError('This tab does not run the executor');
    if (command.type === 'kill-executor') {
      executor.kill('killed from the studio', 'kill');
      return { type: 'done' };
    }
    if (command.type === 'stop-attempt') {
      await executor.stopAttempt(command.id);
      return { type: 'done' };
    }
    return executor.request(command);
  }

  // ── follower ────────────────────────────────────────────────────────────────────────────────────────────

  function becomeFollower(): void {
    if (disposed || role !== 'undecided') return;
    role = 'follower';
    deps.onFollower?.();
    deps.channel?.postMessage({ type: 'tab-hello', tabId });
  }

  /** The leader's state on this tab's clock; a leader restarting its worker is `starting` here, in its phase. */
  function fromLeader(s: SharedExecutorState): ExecutorState {
    const since = deps.now() - s.elapsedMs;
    if (s.status === 'restarting') {
      return { status: 'starting', since, role: 'follower', ...(s.phase ? { phase: s.phase } : {}) };
    }
    const { elapsedMs: _age, ...rest } = s;
    // As in shared(): `rest` is exactly one (non-restarting) variant of s without `elapsedMs`.
    const out = { ...rest, since, role: 'follower' } as ExecutorState;
    if (s.status === 'ready' && s.busy && out.status === 'ready') {
      out.busy = { ...pick(s.busy), since: deps.now() - s.busy.elapsedMs };
    }
    return out;
  }

  function rejectForwarded(which: (f: Forwarded) => boolean, why: string): void {
    for (const [id, f] of [...forwarded]) {
      if (!which(f)) continue;
      forwarded.delete(id);
      f.reject(new WorkerCrashedError(`The command was lost because ${why}; check the instance and try again.`));
    }
  }

  function forward(command: ForwardedCommand, to: string): Promise<WorkerOutput> {
    const requestId = nextRequestId++;
    return new Promise((resolve, reject) => {
      forwarded.set(requestId, { to, resolve, reject });
      deps.channel?.postMessage({ type: 'tab-command', from: tabId, to, requestId, command });
    });
  }

  // ── both ────────────────────────────────────────────────────────────────────────────────────────────────

  function call(command: ForwardedCommand): Promise<WorkerOutput> {
    if (disposed) return Promise.reject(new IllegalStateError('The studio client was disposed'));
    if (role === 'leader') return runLocally(command);
    if (role === 'follower' && leaderId !== undefined) return forward(command, leaderId);
    return new Promise((resolve, reject) => queued.push({ command, resolve, reject }));
  }

  function flushQueued(): void {
    const now = queued;
    queued = [];
    for (const q of now) call(q.command).then(q.resolve, q.reject);
  }

  function settle(result: WorkerResult, f: { resolve(o: WorkerOutput): void; reject(e: Error): void }): void {
    if (result.type === 'ok') f.resolve(result.output);
    else f.reject(new ExecutorError(result));
  }

  function onTabMessage(msg: TabMessage): void {
    switch (msg.type) {
      case 'tab-hello':
        if (role === 'leader') announce();
        return;
      case 'leader-state':
        if (role === 'leader' || msg.leaderId === tabId) return;
        if (leaderId !== msg.leaderId) {
          rejectForwarded((f) => f.to !== msg.leaderId, 'the leader tab closed');
          leaderId = msg.leaderId;
        }
        setState(fromLeader(msg.state));
        if (role === 'follower') flushQueued();
        return;
      case 'tab-command': {
        if (role !== 'leader' || msg.to !== tabId) return;
        const reply = (result: WorkerResult) =>
          deps.channel?.postMessage({ type: 'tab-result', to: msg.from, requestId: msg.requestId, result });
        runLocally(msg.command).then(
          (output) => reply({ type: 'ok', output }),
          (error: unknown) => reply(serializeError(error)),
        );
        return;
      }
      case 'tab-result': {
        if (msg.to !== tabId) return;
        const f = forwarded.get(msg.requestId);
        if (!f) return;
        forwarded.delete(msg.requestId);
        settle(msg.result, f);
        return;
      }
      case 'tab-notice':
        if (role !== 'leader' && msg.leaderId !== tabId) notify(msg.notice, false);
        return;
      default:
        assertNever(msg);
    }
  }

  deps.channel?.addEventListener('message', (e) => {
    if (!disposed) onTabMessage(e.data);
  });
  const election = deps.locks
    ? electLeader({ locks: deps.locks, onLeader: becomeLeader, onFollower: becomeFollower })
    : undefined;
  if (!deps.locks) becomeLeader();

  /** Runs a command here or at the leader; its answer checked against the command (protocol `answerTo`). */
  const answer = async <C extends StudioCommand>(command: C): Promise<OutputOf[C['type']]> =>
    answerTo(command.type as C['type'], await call(command));
  const done = async (command: ForwardedCommand): Promise<void> => {
    if (command.type === 'kill-executor' || command.type === 'stop-attempt') await call(command);
    else await answer(command);
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onNotice(listener): Unsubscribe {
      noticeListeners.add(listener);
      for (const notice of unseenNotices.splice(0)) listener(notice);
      return () => noticeListeners.delete(listener);
    },
    loadSource: async (file) => (await answer({ type: 'load-source', ...file })).result,
    async create(req) {
      const { ids } = await answer({ type: 'create-instance', ...req });
      return { id: ids[0] as string };
    },
    async createBatch(req) {
      const { ids } = await answer({ type: 'create-batch', ...req });
      return { ids };
    },
    pause: (id) => done({ type: 'pause-instance', id }),
    resume: (id) => done({ type: 'resume-instance', id }),
    terminate: (id) => done({ type: 'terminate-instance', id }),
    restart: (id, from) => done(from ? { type: 'restart-instance', id, from } : { type: 'restart-instance', id }),
    sendEvent: (id, event) => done({ type: 'send-event', id, event }),
    skipWait: (id) => done({ type: 'skip-wait', id }),
    deleteInstances: (ids) => done({ type: 'delete-instances', ids }),
    linkInstanceFile: (id, fileId) => done({ type: 'link-instance-file', id, fileId }),
    replayNotes: async (id) => (await answer({ type: 'replay-notes', id })).notes,
    replayOnVirtualClock: async (req) => (await answer({ type: 'replay-virtual', ...req })).events,
    envCall: async (req) => (await answer({ type: 'env-call', ...req })).result,
    runTests: (files) => answer({ type: 'run-tests', files }),
    async importJournal(req) {
      const { ids } = await answer(
        req.fileId === undefined
          ? { type: 'import-journal', events: req.events }
          : { type: 'import-journal', events: req.events, fileId: req.fileId },
      );
      return { id: ids[0] as string };
    },
    killExecutor: () => done({ type: 'kill-executor' }),
    killAtNextStep: () => done({ type: 'kill-at-next-step' }),
    killAfterNextCall: () => done({ type: 'kill-at-next-step', at: 'after-call' }),
    disarmKill: () => done({ type: 'disarm-kill' }),
    stopAttempt: (id) => done({ type: 'stop-attempt', id }),
    dispose() {
      if (disposed) return;
      disposed = true;
      election?.dispose();
      executor?.dispose();
      deps.channel?.close();
      rejectForwarded(() => true, 'this tab was closed');
      for (const q of queued.splice(0)) q.reject(new IllegalStateError('The studio client was disposed'));
      listeners.clear();
      noticeListeners.clear();
    },
  };
}
