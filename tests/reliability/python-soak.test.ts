/**
 * A small soak through the Python runtime (one Pyodide): a handful of instances of one Python workflow —
 * retried steps, sleeps, a wait for an event — with the engine killed at random points (in an append that
 * throws, is dropped or is written before the engine dies, under a running Python step, between operations)
 * and a new engine recovering from the same store with the same imported module. Afterwards: the same
 * guarantees as the engine soak (soak-checks.ts), with executions counted from inside the Python steps.
 *
 * `SOAK_SEED` picks the seed; `PY_SOAK_KILLS` the number of kills.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type Engine,
  type JournalEvent,
  type JournalStore,
} from '../../src/engine';
import type { PythonRuntime, WorkflowModule } from '../../src/runtime';
import { loadNodePython } from '../../src/runtime/node';
import { journalProblems } from './soak-checks';
import { createRng } from './soak-workload';

process.env.TZ = 'UTC';

const SEED = Number(process.env.SOAK_SEED ?? 7);
const KILLS = Number(process.env.PY_SOAK_KILLS ?? 15);
const INSTANCES = 6;
const STEPS = 5;
const T0 = 1_700_000_000_000;
const NEVER = new Promise<never>(() => {});

const SOURCE = `
import asyncio
import js
from workers import WorkflowEntrypoint


class PySoak(WorkflowEntrypoint):
    async def run(self, event, step):
        me = event["instanceId"]
        out = []
        for i in range(event["payload"]["steps"]):

            @step.do(f"s{i}", config={"retries": {"limit": 30, "delay": "2 seconds", "backoff": "constant"}})
            async def work(ctx):
                if js.pySoakExecuted(me, f"{ctx['step']['name']}#{ctx['step']['count']}"):
                    await asyncio.sleep(3600)  # the engine was killed under this step: it never returns
                await asyncio.sleep(0)
                if ctx["attempt"] == 1 and i % 3 == 0:
                    raise ValueError("the first attempt of every third step fails")
                return i * i

            out.append(await work())
            if i % 2 == 0:
                await step.sleep(f"nap{i}", f"{i + 1} minutes")
        approval = await step.wait_for_event("approval", "approve", timeout="30 days")
        out.append(approval["payload"])
        return out
`;

let runtime: PythonRuntime;
/** What `js.pySoakExecuted` calls: set by the test (workflow code sees only what the runtime's scope holds). */
let soakHook: (instanceId: string, key: string) => boolean = () => false;
beforeAll(async () => {
  ({ runtime } = await loadNodePython({
    stdout: () => {},
    globals: { pySoakExecuted: (instanceId: string, key: string) => soakHook(instanceId, key) },
  }));
});

describe('Python soak: kills and restarts under the Python runtime', () => {
  it(`${INSTANCES} instances, ${KILLS} kills: nothing lost, nothing run twice (seed ${SEED})`, async () => {
    const rng = createRng(SEED);
    const inner = createMemoryJournalStore();
    const clock = createVirtualClock(T0);
    const violations: string[] = [];
    const kills: Record<string, number> = {};
    const succeeded = new Set<string>();
    const executed = new Map<string, Map<string, number>>();
    const acked = new Set<string>();
    let armed: { kind: 'append'; after: number; mode: string } | { kind: 'step'; after: number } | undefined;
    let between = false;

    interface Generation {
      engine: Engine;
      dead: boolean;
      killed: Promise<'killed'>;
      kill(kind: string): void;
    }
    let gen = undefined as unknown as Generation;
    let engineOf: () => Engine = () => gen.engine;

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
          violations.push(`a killed engine appended ${events.map((e) => e.type).join('+')}`);
          return NEVER;
        }
        if (armed?.kind === 'append' && --armed.after <= 0) {
          const { mode } = armed;
          armed = undefined;
          if (mode === 'throws') throw new Error('simulated store failure');
          if (mode === 'written') {
            await inner.append(id, events, summary);
            noteWritten(events);
          }
          g.kill(`append-${mode}`);
          return NEVER;
        }
        await inner.append(id, events, summary);
        noteWritten(events);
      },
    });

    soakHook = (instanceId: string, key: string): boolean => {
      const perInstance = executed.get(instanceId) ?? new Map<string, number>();
      executed.set(instanceId, perInstance);
      perInstance.set(key, (perInstance.get(key) ?? 0) + 1);
      if (succeeded.has(`${instanceId}:${key}`)) violations.push(`${instanceId} ${key} ran again after its success`);
      if (armed?.kind === 'step' && --armed.after <= 0) {
        armed = undefined;
        gen.kill('in-step');
        return true;
      }
      return false;
    };

    let module: WorkflowModule | undefined;
    const loaded = runtime.loadModule({ source: SOURCE, clock, binding: (name) => engineOf().binding(name) });
    if (!loaded.ok) throw new Error(loaded.error.message);
    module = loaded.module;

    const start = async () => {
      let resolveKilled!: (v: 'killed') => void;
      const g: Generation = {
        engine: undefined as unknown as Engine,
        dead: false,
        killed: new Promise((resolve) => {
          resolveKilled = resolve;
        }),
        kill(kind) {
          if (g.dead) return;
          g.dead = true;
          kills[kind] = (kills[kind] ?? 0) + 1;
          g.engine.dispose();
          resolveKilled('killed');
        },
      };
      g.engine = createEngine({
        store: storeOf(g),
        clock,
        resolveWorkflow: (name) => module?.body(name),
        defer: (cb) => setImmediate(cb),
        hostActivity: () => runtime.activity(),
        onError: (error) => {
          if ((error as Error).message !== 'simulated store failure') violations.push(String(error));
          g.kill('append-throws');
        },
      });
      gen = g;
      await race(g, g.engine.recover());
    };
    const race = <T>(g: Generation, p: Promise<T>) =>
      Promise.race([p.catch((e: unknown) => (g.dead ? ('killed' as const) : Promise.reject(e))), g.killed]);
    engineOf = () => gen.engine;

    const ids = Array.from({ length: INSTANCES }, (_, i) => `py-${i}`);
    const toCreate = [...ids];
    const toApprove: string[] = [];
    await start();
    const total = () => Object.values(kills).reduce((a, b) => a + b, 0);
    for (let round = 0; ; round++) {
      if (round > 2000) throw new Error(`seed ${SEED}: did not finish`);
      const killing = total() < KILLS;
      if (killing && armed === undefined && !between) {
        const r = rng.next();
        if (r < 0.5)
          armed = { kind: 'append', after: rng.int(1, 15), mode: rng.pick(['throws', 'dropped', 'written']) };
        else if (r < 0.75) armed = { kind: 'step', after: rng.int(1, 3) };
        else between = true;
      }
      const g = gen;
      const id = toCreate.shift();
      if (id !== undefined) {
        const created = await race(
          g,
          engineOf()
            .binding('py-soak')
            .create({ id, params: { steps: STEPS } }),
        );
        if (created === 'killed' && !(await inner.getInstance(id))) toCreate.push(id);
        else toApprove.push(id);
      }
      // Approvals come in the second half of the kills (and all at once after them).
      const approve = toApprove.length > 0 && !g.dead && (!killing || (total() > KILLS / 2 && rng.chance(0.3)));
      if (approve) {
        const target = toApprove.shift() ?? '';
        const sent = await race(
          g,
          engineOf()
            .binding('py-soak')
            .get(target)
            .then((h) => h.sendEvent({ type: 'approve', payload: { by: target } })),
        );
        const journaled = (await inner.read(target)).some((e) => e.type === 'event-buffered');
        if (sent !== 'killed') acked.add(target);
        else if (!journaled) toApprove.push(target);
      }
      if (!g.dead) await race(g, g.engine.settle());
      const next = clock.nextTimerAt();
      const due = next !== undefined && next <= T0 + 7 * 86_400_000;
      if (!g.dead && due) {
        clock.advanceTo(next);
        await race(g, g.engine.settle());
      }
      if (!g.dead && killing && (between || (!due && toCreate.length === 0))) {
        between = false;
        armed = undefined;
        g.kill('between-ops');
      }
      if (g.dead) {
        await start();
        continue;
      }
      if (!killing && !due && toCreate.length === 0 && toApprove.length === 0) break;
    }
    gen.engine.dispose();

    const problems = [...violations];
    for (const id of ids) {
      const summary = await inner.getInstance(id);
      const events = await inner.read(id);
      if (!summary) {
        problems.push(`${id}: never created`);
        continue;
      }
      const record = { executed: executed.get(id) ?? new Map(), acked: acked.has(id) ? ['approve'] : [] };
      const { problems: found, view } = journalProblems(summary, events, record);
      problems.push(...found);
      if (view.status !== 'complete' || JSON.stringify(view.output) !== JSON.stringify([0, 1, 4, 9, 16, { by: id }])) {
        problems.push(`${id}: ended ${view.status} with ${JSON.stringify(view.output ?? view.error)}`);
      }
    }
    module.dispose();
    const summary = `seed ${SEED}, kills ${JSON.stringify(kills)}`;
    if (process.env.SOAK_VERBOSE) console.log(summary);
    expect(problems, `rerun with SOAK_SEED=${SEED}; ${summary}`).toEqual([]);
    expect(total()).toBeGreaterThanOrEqual(KILLS);
    expect(Object.keys(kills).length, summary).toBeGreaterThanOrEqual(4);
    expect(runtime.stats(), 'no Python run or attempt left behind').toMatchObject({ runs: 0, attempts: 0 });
  }, 300_000);
});
