/**
 * Whose code an interrupt is for. The supervisor raises `KeyboardInterrupt` through the shared buffer for one
 * attempt (its token: a timeout, Stop attempt, or a Terminate/Pause/Delete of its instance), for the code of
 * some instances (`INSTANCE_TOKEN`: their `run()`, a task or callback it started, while no attempt of theirs
 * is in flight), or for whatever runs (`ANY_TOKEN`: the watchdog, a worker silent for seconds). Python's
 * SIGINT handler asks {@link InterruptRouter.decide} with the site it is running (the instance whose run's
 * context it is in); the interrupt is raised only there, and recorded so the code that catches it turns it
 * into the stop the user asked for, for that instance. Anywhere else it is declined: that code carries on
 * unharmed and the buffer's token says so (`DECLINED_TOKEN`), so the supervisor restarts the executor at once.
 * A probe (`PROBE_TOKEN`) raises nothing: the site is written back for the supervisor (python-holder.ts).
 */
import { answerPythonHolder, INTERRUPT, readInterruptTargets, type StopAction, stopActionOf } from '../protocol';
import type { InterruptSite } from '../runtime';

/** An interrupt raised in user code, until the code that caught it claims it. */
export interface TakenInterrupt {
  /** The buffer's token: an attempt's, `INSTANCE_TOKEN` or `ANY_TOKEN`. */
  token: number;
  /** The user's action; `undefined` for the watchdog's (a timeout, a silent worker). */
  action: StopAction | undefined;
  site: InterruptSite;
  /** For `INSTANCE_TOKEN`: the instances it was aimed at. */
  targets?: string[];
}

/** Actions that stop a whole instance: their interrupt may land anywhere in its code. */
const INSTANCE_ACTIONS: ReadonlySet<StopAction> = new Set(['terminate', 'pause', 'delete']);

/** Whether `action` stops a whole instance (Terminate, Pause, Delete), not only an attempt. */
export const stopsInstance = (action: StopAction | undefined): boolean =>
  action !== undefined && INSTANCE_ACTIONS.has(action);

/**
 * The router of one executor. `words`: the interrupt buffer; `attemptOwner(token)`: the instance of the step
 * attempt in flight with that token (the step guard's), `undefined` once it ended.
 */
export function createInterruptRouter(words: Int32Array, attemptOwner: (token: number) => string | undefined) {
  let taken: TakenInterrupt | undefined;

  function aimedAt(token: number, action: StopAction | undefined, site: InterruptSite): boolean {
    if (token === INTERRUPT.ANY_TOKEN) return true;
    if (token === INTERRUPT.INSTANCE_TOKEN) {
      // A module's top-level code holds every instance up; stopping it fails only that import.
      if (site.where === 'import') return true;
      return site.instanceId !== undefined && readInterruptTargets(words).includes(site.instanceId);
    }
    const owner = attemptOwner(token);
    if (owner === undefined || owner !== site.instanceId) return false;
    // A timeout or Stop attempt is that attempt's; Terminate, Pause, Delete are the whole instance's.
    return site.where === 'attempt' || stopsInstance(action);
  }

  return {
    /** Python's SIGINT handler: raise `KeyboardInterrupt` in the code running now (`site`)? */
    decide(site: InterruptSite): boolean {
      const token = Atomics.load(words, INTERRUPT.token);
      // The supervisor asks whose code holds Python (python-holder.ts): answer, raise nothing.
      if (token === INTERRUPT.PROBE_TOKEN) {
        answerPythonHolder(words, site.where, site.instanceId);
        return false;
      }
      // No token: not the supervisor's (nothing to route); Python's default, raise it.
      if (token === 0 || token === INTERRUPT.DECLINED_TOKEN) {
        taken = undefined;
        return true;
      }
      const action = stopActionOf(Atomics.exchange(words, INTERRUPT.reason, 0));
      if (!aimedAt(token, action, site)) {
        taken = undefined;
        Atomics.store(words, INTERRUPT.token, INTERRUPT.DECLINED_TOKEN);
        return false;
      }
      Atomics.store(words, INTERRUPT.token, 0);
      taken = { token, action, site };
      if (token === INTERRUPT.INSTANCE_TOKEN) taken.targets = readInterruptTargets(words);
      return true;
    },
    /** The interrupt last raised, if `mine(it)`: then it is claimed (a second claim finds nothing). */
    claim(mine: (taken: TakenInterrupt) => boolean): TakenInterrupt | undefined {
      const t = taken;
      if (!t || !mine(t)) return undefined;
      taken = undefined;
      return t;
    },
  };
}

/** The handle `createInterruptRouter` returns. */
export type InterruptRouter = ReturnType<typeof createInterruptRouter>;
