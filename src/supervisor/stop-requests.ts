/**
 * Stop means stop: the rules for commands that must take effect while Python keeps the executor busy.
 *
 * A Terminate, Pause or Delete the worker has not answered within `interruptAfterMs` (nor anything else, its
 * ping included) finds the worker's thread blocked (those commands answer in milliseconds otherwise). Python
 * is interrupted for the targeted instances, with the user's action as the reason: for their attempt in flight
 * if they have one (journaled as `AttemptStoppedError` naming the action), else for their code wherever it
 * runs (`run()`, a callback or task it started, a module's top-level code); the worker raises it only in that
 * code (its router), and the command runs right after. If the worker declines the interrupt (another
 * instance's code holds Python), or the interrupted attempt is still in flight `graceMs` later (Python
 * swallowed the interrupt), or the worker has answered nothing `graceMs` after an interrupt aimed at the
 * instances' code (or, without room in the buffer to name them, `blockedRestartMs` after the command), the
 * executor is restarted: the attempts in flight go to the next executor to be journaled as stopped first, then
 * the command is sent again — both right behind its boot, done as soon as its journal is open, before Python
 * starts — and only once it is done and Python is ready do the other instances recover from their journals.
 */
import {
  type BusyAttempt,
  INTERRUPT,
  raiseInstanceInterrupt,
  raiseInterrupt,
  type StopAction,
  type StoppedAttempt,
  type StoppedRun,
  stoppedAttemptError,
  stopReasonCode,
  type WorkerInput,
  type WorkerOutput,
} from '../protocol';
import type { WatchedAttempt } from './watchdog';

/** Timings, in ms. */
export const STOP_TIMING = {
  /** A stopping command unanswered this long means Python holds the thread: interrupt it. */
  interruptAfterMs: 200,
  /** After an interrupt, how long the interrupted attempt may stay in flight before the executor is restarted. */
  graceMs: 500,
  /**
   * A stopping command with no attempt of its instances in flight to interrupt (the busy code is in `run()`, a
   * callback, another instance's step) restarts the executor once the worker has answered nothing this long.
   */
  blockedRestartMs: 1_000,
  /** The same, once an interrupted attempt has ended (Python did stop; the worker is working through its queue). */
  afterStopMs: 3_000,
  /**
   * The worker counts as blocked (Python holds its thread) once a ping has gone unanswered this long. Then a
   * stopping command interrupts its attempt at once, and Kill now stops the attempts in flight "as killed"
   * (journaled with the action, retried after their delay); otherwise they are lost as in any crash (journaled
   * as `WorkflowInternalError` by the next run and retried at once), since they were not holding Python.
   */
  blockedMs: 500,
} as const;

/** The user's action behind a command that stops an instance's work, and the instances it targets. */
export function stopTargets(input: WorkerInput): { action: StopAction; ids: string[] } | undefined {
  switch (input.type) {
    case 'terminate-instance':
      return { action: 'terminate', ids: [input.id] };
    case 'pause-instance':
      return { action: 'pause', ids: [input.id] };
    case 'delete-instances':
      return { action: 'delete', ids: input.ids };
    default:
      return undefined;
  }
}

export const describeAttempt = (a: WatchedAttempt): BusyAttempt | undefined =>
  a.instanceId !== undefined && a.stepName !== undefined && a.attempt !== undefined
    ? { instanceId: a.instanceId, stepName: a.stepName, attempt: a.attempt }
    : undefined;

/** The newest attempt in flight of one of `ids`. */
export function attemptOf(inFlight: WatchedAttempt[], ids: readonly string[]): WatchedAttempt | undefined {
  return inFlight.findLast((a) => a.instanceId !== undefined && ids.includes(a.instanceId));
}

/**
 * The attempts in flight when the executor is ended for `action` on instances `ids`, as the next executor
 * journals them: those of `ids` stopped by the action, the others stopped by the restart it took.
 */
export function stoppedBy(
  inFlight: WatchedAttempt[],
  now: number,
  action: StopAction,
  ids: readonly string[] = [],
): StoppedAttempt[] {
  const verb = action === 'delete' ? 'delete' : action === 'pause' ? 'pause' : 'terminate';
  const detail = `${verb} instance ${ids.join(', ')}`;
  const out: StoppedAttempt[] = [];
  for (const a of inFlight) {
    const which = describeAttempt(a);
    if (!which) continue;
    const own = action === 'kill' || action === 'reload' || ids.includes(which.instanceId);
    const error = own
      ? stoppedAttemptError(action, now - a.startedAt)
      : stoppedAttemptError('restart', now - a.startedAt, detail);
    out.push({ ...which, error });
  }
  return out;
}

/** An attempt that ran past its timeout and did not stop when interrupted, as the next executor journals it. */
export function timedOutAttempt(a: WatchedAttempt): StoppedAttempt[] {
  const which = describeAttempt(a);
  return which ? [which] : [];
}

/** The part of a connection to a worker the stopper uses. */
export interface StopConnection {
  /** The attempts in flight now (the attempt slots read first). */
  inFlight(): WatchedAttempt[];
  /** When the worker last answered anything (`now()` clock). */
  lastAnswerAt(): number;
  /** Since when the worker's thread has been blocked (a ping unanswered), if it is. */
  blockedSince(): number | undefined;
  /** Raises `KeyboardInterrupt` in Python for attempt `token` and `action`; false without an interrupt buffer. */
  interrupt(token: number, action: StopAction): boolean;
  /**
   * Raises it for the code of instances `ids`, wherever it runs; false without an interrupt buffer with room
   * to name them.
   */
  interruptInstances(ids: readonly string[], action: StopAction): boolean;
  /** The worker declined the last interrupt: the code holding Python is not the code it was aimed at. */
  declined(): boolean;
  post(input: WorkerInput): Promise<WorkerOutput>;
}

interface Watch {
  conn: StopConnection;
  action: StopAction;
  ids: readonly string[];
  /** The command to answer (absent for Stop attempt, which has no command in the worker). */
  command?: { input: WorkerInput; resolve(output: WorkerOutput): void; reject(error: Error): void };
  stage: 'posted' | 'interrupted';
  at: number;
  /** The attempt interrupted for it, or `INTERRUPT.INSTANCE_TOKEN` for the instances' code (stage `interrupted`). */
  token?: number;
}

/** The {@link StopConnection} of a worker from its parts (`interrupt`: its interrupt words, if any). */
export function stopConnection(parts: {
  watchdog: { inFlight(): WatchedAttempt[]; blockedSince(): number | undefined };
  /** The attempt slots, read before the attempts in flight are listed. */
  attempts: { sync(): void } | undefined;
  lastAnswerAt(): number;
  interrupt: Int32Array | undefined;
  post(input: WorkerInput): Promise<WorkerOutput>;
}): StopConnection {
  return {
    inFlight() {
      parts.attempts?.sync();
      return parts.watchdog.inFlight();
    },
    lastAnswerAt: parts.lastAnswerAt,
    blockedSince: () => parts.watchdog.blockedSince(),
    post: parts.post,
    interrupt(token, action) {
      if (!parts.interrupt) return false;
      raiseInterrupt(parts.interrupt, token, stopReasonCode(action));
      return true;
    },
    interruptInstances(ids, action) {
      return parts.interrupt !== undefined && raiseInstanceInterrupt(parts.interrupt, ids, stopReasonCode(action));
    },
    declined: () =>
      parts.interrupt !== undefined && Atomics.load(parts.interrupt, INTERRUPT.token) === INTERRUPT.DECLINED_TOKEN,
  };
}

const restartAfter = (w: Watch) => (w.token === undefined ? STOP_TIMING.blockedRestartMs : STOP_TIMING.afterStopMs);

/** What the stopper needs from the supervisor. */
export interface StopperHooks {
  now(): number;
  /**
   * Where the busy attempts are recorded for the next page (busy.ts): those a previous page recorded when it
   * went away (reload, closed tab) are journaled first; the record is cleared once they are.
   */
  record:
    | {
        read(): StoppedAttempt[];
        readRuns?(): StoppedRun[];
        write(attempts: StoppedAttempt[], runs?: StoppedRun[]): void;
      }
    | undefined;
  /** Python keeps the current worker busy (its attempts are being recorded again: leave the record). */
  isBusy(): boolean;
  notify(message: string): void;
  /**
   * Replace the worker of `conn` (its pending requests are rejected, except the commands `carried`, to be sent
   * again first); the next executor journals `stopped` before anything else. `targets`: the action and
   * instances the restart carries out.
   */
  restart(
    conn: StopConnection,
    reason: string,
    stopped: StoppedAttempt[],
    targets?: { action: StopAction; ids: readonly string[] },
  ): void;
}

/** Tracks the commands that must stop busy Python, and escalates as the module comment says. */
export function createStopper(hooks: StopperHooks) {
  const watches = new Set<Watch>();
  let carried: Watch[] = [];
  /** Attempts the next executor must journal as stopped before anything else. */
  let toJournal: StoppedAttempt[] = hooks.record?.read() ?? [];
  /** Instances whose run held Python when their executor was ended: the next executor journals them errored. */
  let runsToJournal: StoppedRun[] = hooks.record?.readRuns?.() ?? [];

  /** Interrupts Python for `w`: its instances' attempt in flight, else their code. False when it cannot. */
  function interrupt(conn: StopConnection, w: Watch, now: number): boolean {
    const target = attemptOf(conn.inFlight(), w.ids);
    const token = target ? target.token : INTERRUPT.INSTANCE_TOKEN;
    const raised = target ? conn.interrupt(target.token, w.action) : conn.interruptInstances(w.ids, w.action);
    if (raised) Object.assign(w, { stage: 'interrupted', at: now, token });
    return raised;
  }

  /** Posts `w`'s command (if any); settles when its answer came (or it failed). */
  function dispatch(conn: StopConnection, w: Watch): Promise<unknown> {
    const now = hooks.now();
    Object.assign(w, { conn, stage: 'posted', at: now });
    watches.add(w);
    // Python is known to hold the thread (the user sees it busy): interrupt now rather than at the next tick.
    const blockedSince = conn.blockedSince();
    if (blockedSince !== undefined && now - blockedSince >= STOP_TIMING.blockedMs) interrupt(conn, w, now);
    const command = w.command;
    if (!command) return Promise.resolve();
    const answered = conn.post(command.input).then(
      (output) => {
        if (w.conn !== conn) return;
        watches.delete(w);
        command.resolve(output);
      },
      (error: Error) => {
        if (w.conn !== conn || carried.includes(w)) return;
        watches.delete(w);
        command.reject(error);
      },
    );
    // The answer to a ping tells a slow command from a blocked thread.
    conn.post({ type: 'ping' }).catch(() => {});
    return answered;
  }

  function escalate(conn: StopConnection, w: Watch): void {
    const mine = [...watches].filter((x) => x.conn === conn);
    for (const x of mine) watches.delete(x);
    carried = [...carried, ...mine.filter((x) => x.command)];
    const verb = w.action === 'stop-attempt' ? 'stop the attempt of' : w.action;
    const inFlight = conn.inFlight();
    const why =
      w.stage === 'interrupted'
        ? conn.declined()
          ? "Python was running another instance's code"
          : 'Python did not stop when interrupted'
        : attemptOf(inFlight, w.ids)
          ? 'this page cannot interrupt Python'
          : 'Python kept it busy outside any step of that instance';
    hooks.restart(
      conn,
      `restarted to ${verb} instance ${w.ids.join(', ')}: ${why}`,
      stoppedBy(inFlight, hooks.now(), w.action, w.ids),
      { action: w.action, ids: w.ids },
    );
  }

  return {
    /** Sends a stopping command (`stopTargets(input)` defined) and watches it. */
    send(
      conn: StopConnection,
      input: WorkerInput,
      targets: { action: StopAction; ids: string[] },
    ): Promise<WorkerOutput> {
      return new Promise((resolve, reject) => {
        dispatch(conn, { conn, ...targets, command: { input, resolve, reject }, stage: 'posted', at: 0 });
      });
    },
    /** Stop attempt: interrupts the attempt of `instanceId` in flight at once. False when it has none. */
    stopAttempt(conn: StopConnection, instanceId: string): boolean {
      const target = attemptOf(conn.inFlight(), [instanceId]);
      if (!target) return false;
      const w: Watch = {
        conn,
        action: 'stop-attempt',
        ids: [instanceId],
        stage: 'interrupted',
        at: hooks.now(),
        token: target.token,
      };
      if (!conn.interrupt(target.token, 'stop-attempt')) {
        escalate(conn, w);
        return true;
      }
      watches.add(w);
      conn.post({ type: 'ping' }).catch(() => {});
      return true;
    },
    /** Each watchdog tick of a ready worker. */
    tick(conn: StopConnection): void {
      const now = hooks.now();
      for (const w of [...watches]) {
        if (w.conn !== conn) continue;
        const answered = conn.lastAnswerAt() > w.at;
        if (answered) {
          // The thread is free: a command is just slow (its answer settles it); an interrupt worked.
          if (!w.command) {
            watches.delete(w);
          } else {
            w.at = now;
            conn.post({ type: 'ping' }).catch(() => {});
          }
          continue;
        }
        if (w.stage === 'interrupted') {
          if (conn.declined()) {
            escalate(conn, w);
            return;
          }
          if (w.token === INTERRUPT.INSTANCE_TOKEN) {
            // Raised in the instances' code: the command runs once Python unwinds; no attempt ends to show it.
            if (now - w.at >= STOP_TIMING.graceMs) {
              escalate(conn, w);
              return;
            }
            continue;
          }
          if (!conn.inFlight().some((a) => a.token === w.token)) {
            // Python stopped: the attempt ended. A command now waits for its answer, as after posting it.
            if (!w.command) watches.delete(w);
            else Object.assign(w, { stage: 'posted', at: now });
          } else if (now - w.at >= STOP_TIMING.graceMs) {
            escalate(conn, w);
            return;
          }
          continue;
        }
        const target = attemptOf(conn.inFlight(), w.ids);
        // After an interrupted attempt ended, only another attempt is interrupted: the worker may be busy with
        // its queue (an import) rather than with the instance's code.
        const due = now - w.at >= STOP_TIMING.interruptAfterMs && (target || w.token === undefined);
        if (due && interrupt(conn, w, now)) continue;
        if (now - w.at >= (target ? STOP_TIMING.interruptAfterMs : restartAfter(w))) {
          escalate(conn, w);
          return;
        }
      }
    },
    /**
     * A stopping command on `conn` is being carried out (interrupted or about to be): the watchdog must not
     * raise its own interrupt meanwhile, which would land in whatever code runs next once this one stopped.
     */
    watching(conn: StopConnection): boolean {
      for (const w of watches) if (w.conn === conn) return true;
      return false;
    },
    /** The executor is being replaced: the next one journals `stopped` (then `runs`) first. */
    addStopped(stopped: StoppedAttempt[], runs: StoppedRun[] = []): void {
      toJournal = [...toJournal, ...stopped];
      runsToJournal = [...runsToJournal, ...runs];
    },
    /** How many requests `ready` will send (announced with `boot-python`, which then waits for them). */
    journalWork(): number {
      return (toJournal.length > 0 || runsToJournal.length > 0 ? 1 : 0) + carried.length;
    },
    /**
     * A new executor was sent `boot-python`: first the stopped attempts are journaled, then the commands that
     * stopped them are sent again (the executor handles nothing else until the journaling is done, and does
     * both once its journal is open, before Python starts). Settles once those commands are done, so the
     * supervisor recovers the other instances only after them: a terminated or deleted instance is never
     * resumed into the code that kept Python busy.
     */
    ready(conn: StopConnection): Promise<unknown> {
      const stopped = toJournal;
      const runs = runsToJournal;
      if (stopped.length > 0 || runs.length > 0) {
        conn.post({ type: 'fail-stopped-attempts', attempts: stopped, ...(runs.length > 0 ? { runs } : {}) }).then(
          () => {
            if (toJournal === stopped) toJournal = [];
            if (runsToJournal === runs) runsToJournal = [];
            if (!hooks.isBusy()) hooks.record?.write([]);
          },
          (error: Error) => hooks.notify(`Stopped attempts were not journaled (${error.name}: ${error.message}).`),
        );
      }
      const again = carried;
      carried = [];
      return Promise.all(again.map((w) => dispatch(conn, w)));
    },
    /** Rejects everything watched (the supervisor gave up or was disposed). */
    rejectAll(error: Error): void {
      for (const w of [...watches, ...carried]) w.command?.reject(error);
      watches.clear();
      carried = [];
    },
  };
}
