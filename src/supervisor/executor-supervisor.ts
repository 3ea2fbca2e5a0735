/**
 * The leader tab's owner of the executor worker: spawns it, boots Python, recovers unfinished instances,
 * matches responses to requests, watches it (watchdog.ts), and replaces it when it dies.
 *
 * Invariants:
 * - Every request settles exactly once: with its response; rejected with `WorkerCrashedError` when the
 *   worker dies with it in flight; rejected when the supervisor is disposed or has given up (`failed`).
 *   A request made while the worker is (re)starting waits for it to be ready.
 * - A response for an unknown request id is a bug and throws `IllegalStateError`; so is an answer of another
 *   request's type (`answerTo`: the request rejects with it).
 * - Only the current worker's messages count; a replaced worker is terminated first.
 */
import {
  answerTo,
  assertNever,
  type HostToWorker,
  hasAttemptSlots,
  INTERRUPT,
  type OutputOf,
  raiseInterrupt,
  type StoppedAttempt,
  type StoppedRun,
  type WorkerEvent,
  type WorkerInput,
  type WorkerOutput,
  type WorkerToHost,
} from '../protocol';
import { announcedAttempt, createAttemptMirror } from './attempt-mirror';
import { createBusyWatch } from './busy';
import type { Connection } from './connection';
import { createStandby } from './early-worker';
import { ExecutorError, IllegalStateError, WorkerCrashedError } from './errors';
import { armedState, selfKillReason } from './kill-arming';
import { createHolderWatch } from './python-holder';
import { waitingForSourceNotice } from './recovered-notice';
import { createRestartPolicy } from './restart-policy';
import { createStopper, STOP_TIMING, stopConnection, stoppedBy, stopTargets, timedOutAttempt } from './stop-requests';
import type { BusyState, ExecutorSupervisor, ExecutorSupervisorDeps, WorkerState } from './types';
import { createWatchdog, DEFAULT_WATCHDOG, type WatchdogConfig } from './watchdog';

type Waiting = { send(): void; reject(error: Error): void };

const TICK_MS = 250;

/** Spawns the executor worker at once and starts booting Python in it. */
export function createExecutorSupervisor(deps: ExecutorSupervisorDeps): ExecutorSupervisor {
  const config: WatchdogConfig = { ...DEFAULT_WATCHDOG, ...deps.watchdog };
  const every =
    deps.every ??
    ((ms: number, tick: () => void) => {
      const handle = setInterval(tick, ms);
      return () => clearInterval(handle);
    });
  const policy = createRestartPolicy(deps.maxFailedStarts ?? 3);
  const bootTimeoutMs = deps.bootTimeoutMs ?? 60_000;
  const stateListeners = new Set<() => void>();
  const eventListeners = new Set<(event: WorkerEvent) => void>();
  let waiting: Waiting[] = [];
  let nextRequestId = 1;
  let disposed = false;
  let state: WorkerState = { status: 'starting', since: deps.waitStartedAt ?? deps.now() };
  let conn: Connection;
  const standby = createStandby(deps.spawn, deps.standbyWorker === true);
  const stopper = createStopper({
    now: deps.now,
    record: deps.busyRecord,
    isBusy: () => conn.busy.isBusy(),
    notify: (message) => deps.notify?.({ level: 'error', name: 'AttemptStoppedError', message }),
    restart: (stop, reason, stopped, targets) => {
      if (conn.stop === stop) restart(conn, reason, stopped, conn.holder.stopped(deps.now(), 'restart', { targets }));
    },
  });

  function setState(next: WorkerState): void {
    state = next;
    for (const l of [...stateListeners]) l();
  }

  function post(c: Connection, input: WorkerInput, transfer: Transferable[] = []): Promise<WorkerOutput> {
    const requestId = nextRequestId++;
    return new Promise<WorkerOutput>((resolve, reject) => {
      c.pending.set(requestId, { resolve, reject });
      const message: HostToWorker = { type: 'request', requestId, input };
      try {
        c.worker.postMessage(message, transfer);
      } catch (error) {
        c.pending.delete(requestId);
        reject(error);
      }
    });
  }

  function onMessage(c: Connection, msg: WorkerToHost): void {
    if (!c.alive) return;
    c.lastAnswerAt = deps.now();
    switch (msg.type) {
      case 'response': {
        const p = c.pending.get(msg.requestId);
        if (!p) throw new IllegalStateError(`Response for unknown request ${msg.requestId}`);
        c.pending.delete(msg.requestId);
        if (msg.result.type === 'ok') p.resolve(msg.result.output);
        else p.reject(new ExecutorError(msg.result));
        return;
      }
      case 'event':
        onEvent(c, msg.event);
        return;
      default:
        assertNever(msg);
    }
  }

  function onEvent(c: Connection, event: WorkerEvent): void {
    switch (event.type) {
      case 'attempt-started':
        c.watchdog.attemptStarted(deps.now(), announcedAttempt(event));
        break;
      case 'attempt-ended':
        c.watchdog.attemptEnded(event.token);
        break;
      case 'boot-progress':
        c.phase = event.phase;
        // A restart's boot goes through the same phases; without them a restart (and a follower tab, which shows
        // it as `starting`) would say "starting the executor worker" until ready.
        if (state.status === 'starting' || state.status === 'restarting') {
          setState({ ...state, phase: event.phase });
        }
        break;
      case 'self-kill':
        // An attempt cut off inside is journaled by the next executor, with the calls it made.
        restart(c, selfKillReason(event.at), event.attempt ? [event.attempt] : []);
        break;
      case 'executor-halted':
        restart(c, `${event.error.name}: ${event.error.message}`);
        break;
      case 'notice':
        deps.notify?.({ level: event.level, name: event.name, message: event.message });
        break;
      case 'worker-fault':
        console.error('Executor fault:', event.error);
        break;
      case 'worker-started':
      case 'snapshot-stored':
        break;
      default:
        assertNever(event);
    }
    for (const l of [...eventListeners]) l(event);
  }

  function tick(c: Connection): void {
    if (!c.alive) return;
    if (state.status !== 'ready') {
      // A boot can hang without the worker dying (Pyodide swallowing a failure); treat it as a dead worker.
      if (state.status !== 'failed' && deps.now() - c.startedAt >= bootTimeoutMs) {
        restart(
          c,
          `Python did not start within ${Math.round(bootTimeoutMs / 1000)} s (stuck ${c.phase ?? 'loading the worker'})`,
        );
      }
      return;
    }
    c.attempts?.sync();
    stopper.tick(c.stop);
    if (!c.alive) return;
    c.holder.update(deps.now(), c.watchdog.blockedSince(), c.lastAnswerAt);
    c.busy.update(c.watchdog.inFlight(), c.watchdog.blockedSince(), c.lastAnswerAt, c.holder.holder());
    const action = c.watchdog.tick(deps.now());
    switch (action.type) {
      case 'none':
        return;
      case 'ping':
        c.watchdog.pingSent(deps.now());
        post(c, { type: 'ping' }).then(() => c.watchdog.alive(), ignore);
        return;
      case 'interrupt':
        // A stop in progress handles the blocked worker (and restarts it if need be).
        if (action.token === INTERRUPT.ANY_TOKEN && stopper.watching(c.stop)) return;
        if (c.interrupt) raiseInterrupt(c.interrupt, action.token, 0);
        deps.notify?.({ level: 'warning', name: 'Interrupted', message: `Python was interrupted: ${action.reason}.` });
        return;
      case 'kill': {
        const runs = c.holder.stopped(deps.now(), 'restart', { detail: 'stop code that ignored its interrupt' });
        restart(c, action.reason, action.timedOut ? timedOutAttempt(action.timedOut) : [], runs);
        return;
      }
      default:
        assertNever(action);
    }
  }

  /** Python keeps the ready worker busy (or no longer). */
  function showBusy(busy: BusyState | undefined): void {
    if (state.status !== 'ready') return;
    const { busy: _, ...rest } = state;
    setState(busy ? { ...rest, busy } : rest);
  }

  const ignore = () => {};

  function start(): void {
    const buffer = deps.createInterruptBuffer?.();
    const watchdog = createWatchdog(config, buffer !== undefined);
    const interrupt = buffer ? new Int32Array(buffer) : undefined;
    const attempts =
      buffer && hasAttemptSlots(buffer)
        ? createAttemptMirror(buffer, watchdog, { now: deps.now, wallNow: deps.wallNow ?? (() => Date.now()) })
        : undefined;
    const c: Connection = {
      worker: standby.take(),
      pending: new Map(),
      interrupt,
      watchdog,
      attempts,
      alive: true,
      stopTicking: () => {},
      startedAt: deps.now(),
      phase: undefined,
      lastAnswerAt: deps.now(),
      stop: stopConnection({
        watchdog,
        attempts,
        interrupt,
        lastAnswerAt: () => c.lastAnswerAt,
        post: (i) => post(c, i),
      }),
      holder: createHolderWatch(interrupt),
      busy: createBusyWatch({
        now: deps.now,
        record: deps.busyRecord,
        publish: (busy) => c === conn && showBusy(busy),
      }),
    };
    conn = c;
    c.stopTicking = every(TICK_MS, () => tick(c));
    const gone = (cause: string) => restart(c, cause);
    const mirror = deps.spawnJournalMirror?.();
    if (mirror) {
      c.mirror = mirror;
      // Without its mirror the executor's journal would stop reaching IndexedDB: replace both.
      mirror.onError((why) => gone(`the journal mirror worker crashed: ${why}`));
    }
    c.worker.addEventListener('message', (e) => onMessage(c, e.data));
    c.worker.addEventListener('error', (e) => {
      e.preventDefault();
      gone(`the worker crashed: ${e.message || 'its script failed to load or threw outside a request'}`);
    });
    c.worker.addEventListener('messageerror', () => gone('the worker sent a message that could not be read'));

    const input: WorkerInput = {
      type: 'boot-python',
      indexURL: deps.pyodideIndexURL,
      ...(buffer ? { interruptBuffer: buffer } : {}),
      ...(deps.dbName !== undefined ? { dbName: deps.dbName } : {}),
      ...(deps.snapshots !== undefined ? { snapshots: deps.snapshots } : {}),
      ...(mirror ? { journalMirror: mirror.port } : {}),
    };
    // Journal work a restart carried over goes right behind the boot, done before Python starts (stop-requests.ts).
    const journalWork = stopper.journalWork();
    const booted = post(c, journalWork > 0 ? { ...input, journalWork } : input, mirror ? [mirror.port] : []);
    c.carriedDone = stopper.ready(c.stop);
    booted.then(
      (output) => {
        if (!c.alive || output.type !== 'python-ready') return;
        policy.ready();
        standby.prepare();
        const since = state.since;
        setState({
          status: 'ready',
          since,
          coldStartMs: deps.now() - since,
          warm: output.warm === true,
          python: output,
        });
        // The commands a restart carried over are done before any other instance resumes (stop-requests.ts).
        for (const w of waiting.splice(0)) w.send();
        void c.carriedDone?.then(() => recover(c));
      },
      (error: Error) => c.alive && giveUp(c, error),
    );
  }

  /** Resumes every unfinished instance from its journal in the ready worker `c`. */
  function recover(c: Connection): void {
    if (!c.alive) return;
    post(c, { type: 'recover' }).then(
      (recovered) => {
        const notice = recovered.type === 'recovered' ? waitingForSourceNotice(recovered.waitingForSource) : undefined;
        if (notice) deps.notify?.(notice);
      },
      () => {},
    );
  }

  function close(c: Connection, error: Error): void {
    if (!c.alive) return;
    c.alive = false;
    c.stopTicking();
    c.worker.terminate();
    c.mirror?.terminate();
    const all = [...c.pending.values()];
    c.pending.clear();
    for (const p of all) p.reject(error);
  }

  function giveUp(c: Connection, error: Error): void {
    close(c, error);
    fail(error);
  }

  /** Failed for good: say why, and reject what waits for a worker. */
  function fail(error: Error): void {
    standby.dispose();
    setState({ status: 'failed', since: state.since, error: { name: error.name, message: error.message } });
    for (const w of waiting.splice(0)) w.reject(new WorkerCrashedError(error.message));
    stopper.rejectAll(new WorkerCrashedError(error.message));
  }

  function restart(c: Connection, reason: string, stopped: StoppedAttempt[] = [], runs: StoppedRun[] = []): void {
    if (!c.alive || disposed) return;
    stopper.addStopped(stopped, runs);
    const wasReady = state.status === 'ready';
    close(c, new WorkerCrashedError(`The Python executor stopped (${reason}) while handling this request.`));
    if (policy.giveUp(deps.now(), wasReady)) {
      fail(new WorkerCrashedError(`The Python executor kept stopping (${reason}).`));
      return;
    }
    deps.notify?.({
      level: 'warning',
      name: 'ExecutorRestarted',
      message: `The Python executor stopped (${reason}) and is restarting; unfinished instances resume from the journal.`,
    });
    setState({ status: 'restarting', since: deps.now(), reason });
    start();
  }

  /** Posts to the current worker; an answered crash injection marks the ready state armed or not (kill-arming.ts). */
  function sendTracked(input: WorkerInput): Promise<WorkerOutput> {
    const c = conn;
    const targets = stopTargets(input);
    if (targets) return stopper.send(c.stop, input, targets);
    const sent = post(c, input);
    sent.then(
      () => {
        if (!(c === conn && c.alive && state.status === 'ready')) return;
        const next = armedState(input, state);
        if (next) setState(next);
      },
      () => {},
    );
    return sent;
  }

  start();

  return {
    getState: () => state,
    subscribe(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    request<T extends WorkerInput>(input: T): Promise<OutputOf[T['type']]> {
      if (disposed) return Promise.reject(new IllegalStateError('The supervisor was disposed'));
      if (state.status === 'failed') return Promise.reject(new WorkerCrashedError(state.error.message));
      const answered = () => sendTracked(input).then((output) => answerTo(input.type as T['type'], output));
      if (state.status === 'ready') return answered();
      return new Promise<OutputOf[T['type']]>((resolve, reject) => {
        waiting.push({ send: () => answered().then(resolve, reject), reject });
      });
    },
    kill(reason, action) {
      const now = deps.now();
      const blocked = action !== undefined && now - (conn.watchdog.blockedSince() ?? now) >= STOP_TIMING.blockedMs;
      // Python held by an attempt (journaled failed, retried per config) or by an instance's run (errored).
      if (!blocked) restart(conn, reason);
      else restart(conn, reason, stoppedBy(conn.stop.inFlight(), now, action), conn.holder.stopped(now, action));
    },
    async stopAttempt(instanceId) {
      if (state.status !== 'ready' || !stopper.stopAttempt(conn.stop, instanceId)) {
        throw new IllegalStateError(`No step attempt of instance ${instanceId} is running now.`);
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      const error = new IllegalStateError('The supervisor was disposed');
      close(conn, error);
      standby.dispose();
      for (const w of waiting.splice(0)) w.reject(error);
      stopper.rejectAll(error);
      waiting = [];
      stateListeners.clear();
      eventListeners.clear();
    },
  };
}
