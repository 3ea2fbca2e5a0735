/**
 * The engine soak's driver: many instances on one journal store and one virtual clock, and an engine that is
 * killed (`dispose()`) and replaced by a new one on the same store (`recover()`) again and again — in the middle
 * of a journal append (the append throws, is dropped, or is written and then the engine dies), while a step
 * function runs, or between two operations. Everything it sees that breaks a guarantee becomes a violation;
 * `checkFinal` (soak-checks.ts) then inspects the journals.
 */
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type Engine,
  type JournalEvent,
  type JournalStore,
} from '../../src/engine';
import { createRng, type Plan, payloadFor, planBody, type Rng, randomPlan } from './soak-workload';

/** Knobs of one soak; `seed` makes it reproducible. */
export interface SoakOptions {
  seed: number;
  instances: number;
  /** Engine kills (each followed by a restart from the store). */
  kills: number;
}

/** Kinds of kills, counted so the soak cannot pass without exercising each. */
export type KillKind = 'append-throws' | 'append-dropped' | 'append-written' | 'in-step' | 'between-ops';

/** What one soak did and saw. */
export interface SoakRun {
  store: JournalStore;
  plans: Map<string, Plan>;
  /** Events whose `sendEvent` resolved (acknowledged to the client): `instanceId → event types`. */
  acked: Map<string, Set<string>>;
  /** Executions of each step function: `instanceId → "name#count" → n`. */
  executions: Map<string, Map<string, number>>;
  violations: string[];
  kills: Record<KillKind, number>;
  stats: {
    rounds: number;
    restarts: number;
    appends: number;
    executions: number;
    virtualDays: number;
    /** Kills made when nothing was left to do (the workload was too short for the kills asked for). */
    idleKills: number;
  };
}

const T0 = 1_700_000_000_000;
const DAY = 86_400_000;
/** The driver never moves the clock past this: long waits (200 days) must end by their event, not a timeout. */
const HORIZON = T0 + 30 * DAY;
const SIMULATED = 'simulated store failure';
const NEVER = new Promise<never>(() => {});

interface Generation {
  engine: Engine;
  dead: boolean;
  /** Appends handed to the store and not answered yet. */
  inFlight: Set<{ land(): void }>;
  /** Resolves when this engine is killed. */
  killed: Promise<'killed'>;
  kill(kind: KillKind): void;
}

type Armed =
  | { kind: 'append'; after: number; mode: 'throws' | 'dropped' | 'written' }
  | { kind: 'step'; after: number };

/** Runs a whole soak: create, send, advance, kill and restart until `kills` is reached and everything is done. */
export async function runSoak(options: SoakOptions): Promise<SoakRun> {
  const rng = createRng(options.seed);
  const inner = createMemoryJournalStore();
  const clock = createVirtualClock(T0);
  const violations: string[] = [];
  const kills: Record<KillKind, number> = {
    'append-throws': 0,
    'append-dropped': 0,
    'append-written': 0,
    'in-step': 0,
    'between-ops': 0,
  };
  const stats = { rounds: 0, restarts: 0, appends: 0, executions: 0, virtualDays: 0, idleKills: 0 };
  const plans = new Map<string, Plan>();
  const acked = new Map<string, Set<string>>();
  const executions = new Map<string, Map<string, number>>();
  /** Step successes that are durable in the store: `instanceId:name#count`. */
  const succeeded = new Set<string>();
  let armed: Armed | undefined;
  let gen = undefined as unknown as Generation;

  const noteWritten = (events: readonly JournalEvent[]) => {
    for (const e of events) if (e.type === 'step-succeeded') succeeded.add(`${e.instanceId}:${e.name}#${e.count}`);
  };

  const storeOf = (g: Generation): JournalStore => ({
    read: (id) => inner.read(id),
    getInstance: (id) => inner.getInstance(id),
    listInstances: () => inner.listInstances(),
    deleteInstance: (id) => inner.deleteInstance(id),
    async append(id, events, summary) {
      if (g.dead) {
        violations.push(`a killed engine appended ${events.map((e) => e.type).join('+')} to ${id}`);
        return NEVER;
      }
      stats.appends += 1;
      const crash = armed?.kind === 'append' && --armed.after <= 0 ? armed.mode : undefined;
      if (crash) armed = undefined;
      // A real store (IndexedDB) answers a macrotask or two later; callers must not act before it has. An append
      // still in flight when the engine is killed lands or not, as the kill decides (see `kill`).
      const inFlight = { land: () => void inner.append(id, events, summary).then(() => noteWritten(events)) };
      g.inFlight.add(inFlight);
      for (let turns = rng.int(0, 2); turns > 0; turns--) await new Promise<void>((resolve) => setImmediate(resolve));
      g.inFlight.delete(inFlight);
      if (g.dead) return NEVER;
      if (crash) {
        const mode = crash;
        if (mode === 'throws') {
          // The engine reports it through onError (the instance is dropped); the soak then kills the engine.
          throw new Error(SIMULATED);
        }
        if (mode === 'written') {
          await inner.append(id, events, summary);
          noteWritten(events);
        }
        g.kill(mode === 'written' ? 'append-written' : 'append-dropped');
        return NEVER;
      }
      await inner.append(id, events, summary);
      noteWritten(events);
    },
  });

  const body = planBody(clock, {
    onExecute(instanceId, key) {
      stats.executions += 1;
      const perInstance = executions.get(instanceId) ?? new Map<string, number>();
      executions.set(instanceId, perInstance);
      perInstance.set(key, (perInstance.get(key) ?? 0) + 1);
      if (succeeded.has(`${instanceId}:${key}`)) {
        violations.push(`${instanceId} ${key} ran again after its success was journaled`);
      }
      if (armed?.kind === 'step' && --armed.after <= 0) {
        armed = undefined;
        gen.kill('in-step');
        return true;
      }
      return false;
    },
  });

  const start = async (): Promise<void> => {
    let resolveKilled!: (v: 'killed') => void;
    const g: Generation = {
      engine: undefined as unknown as Engine,
      dead: false,
      inFlight: new Set(),
      killed: new Promise((resolve) => {
        resolveKilled = resolve;
      }),
      kill(kind) {
        if (g.dead) return;
        g.dead = true;
        kills[kind] += 1;
        g.engine.dispose();
        // Like a process dying with writes in flight: each lands or is lost, before anything restarts.
        for (const append of g.inFlight) if (rng.chance(0.5)) append.land();
        g.inFlight.clear();
        resolveKilled('killed');
      },
    };
    g.engine = createEngine({
      store: storeOf(g),
      clock,
      resolveWorkflow: (name) => (name === 'soak' ? body : undefined),
      defer: (cb) => setImmediate(cb),
      onError(error) {
        if ((error as Error).message !== SIMULATED) violations.push(`the store rejected an append: ${String(error)}`);
        g.kill('append-throws');
      },
    });
    gen = g;
    await race(
      g,
      g.engine.recover().catch(() => undefined),
    );
  };

  /** `promise`, or `'killed'` as soon as the engine of `g` dies. */
  const race = <T>(g: Generation, promise: Promise<T>): Promise<T | 'killed'> =>
    Promise.race([promise.catch((e: unknown) => (g.dead ? ('killed' as const) : Promise.reject(e))), g.killed]);

  // ── the client: instances to create, events to send ──────────────────────────────────────────────────────
  const ids = Array.from({ length: options.instances }, (_, i) => `soak-${i}`);
  for (const id of ids) plans.set(id, randomPlan(rng));
  const toCreate = [...ids];
  const waitsOf = (id: string) => plans.get(id)?.ops.filter((op) => op.k === 'wait').length ?? 0;
  const totalEvents = ids.reduce((n, id) => n + waitsOf(id), 0);
  /** Events of created instances not yet known to be journaled: `[instanceId, type]`. */
  const unsent: Array<[string, string]> = [];
  const created = (id: string) => {
    for (const op of plans.get(id)?.ops ?? []) if (op.k === 'wait') unsent.push([id, op.type]);
  };
  /** Client calls cut short by a kill: whether they took effect is read from the store after the restart. */
  let uncertain: { creates: string[]; sends: Array<[string, string]> } = { creates: [], sends: [] };

  const create = async (id: string): Promise<void> => {
    const g = gen;
    const result = await race(
      g,
      g.engine
        .binding('soak')
        .create({ id, params: plans.get(id) })
        .then(() => 'ok'),
    );
    if (result === 'ok') created(id);
    else uncertain.creates.push(id);
  };

  const send = async (id: string, type: string): Promise<void> => {
    const g = gen;
    const sent = race(
      g,
      g.engine
        .binding('soak')
        .get(id)
        .then((h) => h.sendEvent({ type, payload: payloadFor(id, type) }))
        .then(() => 'ok'),
    );
    const result = await sent.catch((e: unknown) => {
      violations.push(`sendEvent ${id} ${type} failed: ${(e as Error).message}`);
      return 'failed';
    });
    if (result === 'ok') {
      const types = acked.get(id) ?? new Set<string>();
      types.add(type);
      acked.set(id, types);
    } else if (result === 'killed') uncertain.sends.push([id, type]);
  };

  /** After a restart: a cut-short create or send took effect iff the store has it; otherwise try again later. */
  const resolveUncertain = async (): Promise<void> => {
    for (const id of uncertain.creates) {
      if (await inner.getInstance(id)) created(id);
      else toCreate.push(id);
    }
    for (const [id, type] of uncertain.sends) {
      const journaled = (await inner.read(id)).some((e) => e.type === 'event-buffered' && e.eventType === type);
      if (!journaled) unsent.push([id, type]);
    }
    uncertain = { creates: [], sends: [] };
  };

  const arm = (): Armed | 'between' => {
    const r = rng.next();
    if (r < 0.55) return { kind: 'append', after: rng.int(1, 12), mode: rng.pick(['throws', 'dropped', 'written']) };
    if (r < 0.8) return { kind: 'step', after: rng.int(1, 4) };
    return 'between';
  };

  const takeRandom = <T>(list: T[]): T | undefined => list.splice(rng.int(0, list.length - 1), 1)[0];

  await start();
  let between = false;
  const maxRounds = 40 * (options.kills + options.instances) + 10_000;
  for (;;) {
    stats.rounds += 1;
    if (stats.rounds > maxRounds) throw new Error(`soak did not finish within ${maxRounds} rounds`);
    const killing = sum(kills) < options.kills;
    if (killing && armed === undefined && !between) {
      const next = arm();
      if (next === 'between') between = true;
      else armed = next;
    }
    if (!killing) {
      armed = undefined;
      between = false;
    }
    const g = gen;
    const appendsBefore = stats.appends;
    // The client paces its work by the kills, so that there is work in progress at every kill: it creates the
    // instances during the first fifth of the kills and sends the events over all of them (instances waiting
    // for an event stay alive until it comes); once the kills are done it sends whatever is left.
    const progress = (sum(kills) + 1) / options.kills;
    const createQuota = Math.ceil(ids.length * Math.min(1, progress * 5)) - (ids.length - toCreate.length);
    for (let n = createQuota; n > 0 && toCreate.length > 0 && !g.dead; n--) await create(takeRandom(toCreate) ?? '');
    const pendingEvents = unsent.length + toCreate.reduce((n, id) => n + waitsOf(id), 0);
    const sendQuota = Math.ceil(totalEvents * Math.min(1, progress)) - (totalEvents - pendingEvents);
    const sends = killing ? Math.min(sendQuota, rng.int(0, 3)) : unsent.length;
    for (let n = sends; n > 0 && unsent.length > 0 && !g.dead; n--) {
      const [id, type] = takeRandom(unsent) ?? ['', ''];
      await send(id, type);
    }
    // Time: at least the next timer, then timer by timer (settling in between, as a host does) through a random
    // window of up to five minutes, so the kills are spread over the instances' virtual lifetime.
    const windowEnd = clock.now() + rng.int(0, 300) * 1000;
    for (let advances = 0; !g.dead; advances++) {
      await race(g, g.engine.settle());
      const next = clock.nextTimerAt();
      if (g.dead || next === undefined || next > HORIZON || (advances > 0 && next > windowEnd)) break;
      clock.advanceTo(next);
    }
    const next = clock.nextTimerAt();
    const due = next !== undefined && next <= HORIZON;
    const idle = !due && toCreate.length === 0 && unsent.length === 0;
    if (!g.dead && killing && !between && (idle || stats.appends === appendsBefore)) {
      // A quiet round cannot trip an armed append or step kill: kill between operations instead.
      if (idle) stats.idleKills += 1;
      armed = undefined;
      between = true;
    }
    if (!g.dead && between) {
      between = false;
      g.kill('between-ops');
    }
    if (g.dead) {
      stats.restarts += 1;
      await start();
      await resolveUncertain();
      continue;
    }
    if (!killing && idle) break;
  }
  gen.engine.dispose();
  stats.virtualDays = Math.round(((clock.now() - T0) / DAY) * 10) / 10;
  return { store: inner, plans, acked, executions, violations, kills, stats };
}

function sum(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}

export type { Rng };
