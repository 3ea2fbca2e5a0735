/**
 * `createEngine`: the instance registry around {@link InstanceMachine}s — bindings and handles (Cloudflare's
 * instance API), lazy loading of journals from the store, `recover()`, `settle()` and `dispose()`.
 */
import { afterTurns } from './async-utils';
import { IllegalStateError, WorkflowError } from './errors';
import { InstanceMachine, type MachineEnv } from './instance-machine';
import { FINITE_STATUSES } from './instance-view';
import { MAX_VALUE_BYTES, toJson } from './json';
import { Ledger } from './ledger';
import { messages } from './messages';
import type { CreateOptions, Engine, EngineDeps, InstanceHandle, WorkflowBinding } from './types';
import { DEFAULT_STEP_LIMIT, instanceIdProblem } from './validation';
import { workflowNameProblem } from './workflow-name';

const MAX_BATCH = 100;

/** Creates an engine over a journal store and a clock. Call `recover()` to resume unfinished instances. */
export function createEngine(deps: EngineDeps): Engine {
  const { store, clock } = deps;
  const defer = deps.defer ?? ((cb: () => void) => void Promise.resolve().then(cb));
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const machines = new Map<string, InstanceMachine>();
  const loading = new Map<string, Promise<InstanceMachine | undefined>>();
  const reserved = new Set<string>();
  let disposed = false;
  const env: MachineEnv = {
    store,
    clock,
    defer,
    wallNow: deps.wallNow ?? (() => clock.now()),
    resolveWorkflow: (name, instanceId, meta) => deps.resolveWorkflow(name, instanceId, meta),
    stepLimit: deps.stepLimit ?? DEFAULT_STEP_LIMIT,
    evictionTurns: deps.evictionTurns ?? 3,
    hostActivity: deps.hostActivity ?? (() => 0),
    activity: { busy: 0, version: 0 },
    onDead(machine, error) {
      if (machines.get(machine.id) === machine) machines.delete(machine.id);
      deps.onError?.(error, machine.id);
    },
  };

  const live = () => {
    if (disposed) throw new IllegalStateError('The engine is disposed');
  };

  const load = (id: string): Promise<InstanceMachine | undefined> => {
    const known = machines.get(id);
    if (known) return Promise.resolve(known);
    let pending = loading.get(id);
    if (!pending) {
      env.activity.busy += 1;
      pending = store
        .read(id)
        .then((events) => {
          if (disposed || events.length === 0) return undefined;
          const existing = machines.get(id);
          if (existing) return existing;
          const ledger = new Ledger();
          for (const event of events) ledger.apply(event);
          const machine = new InstanceMachine(id, env, ledger);
          machines.set(id, machine);
          machine.resumeAfterLoad();
          return machine;
        })
        .finally(() => {
          env.activity.busy -= 1;
          loading.delete(id);
        });
      loading.set(id, pending);
    }
    return pending;
  };

  const mustLoad = async (id: string, workflowName?: string): Promise<InstanceMachine> => {
    live();
    const machine = await load(id);
    if (!machine || (workflowName !== undefined && machine.ledger.view.workflowName !== workflowName)) {
      throw new WorkflowError(messages.instanceNotFound(id));
    }
    return machine;
  };

  const handle = (id: string): InstanceHandle => ({
    id,
    status: async () => (await mustLoad(id)).status(),
    pause: async () => (await mustLoad(id)).pause(),
    resume: async () => (await mustLoad(id)).resume(),
    terminate: async () => (await mustLoad(id)).terminate(),
    restart: async (opts) => (await mustLoad(id)).restart(opts?.from),
    sendEvent: async (e) => (await mustLoad(id)).sendEvent(e?.type, e?.payload ?? null, e?.scripted),
  });

  const createMany = async (workflowName: string, list: CreateOptions[]): Promise<InstanceHandle[]> => {
    live();
    const planned = list.map((opts) => {
      if (!deps.resolveWorkflow(workflowName, undefined, opts?.meta)) {
        throw new WorkflowError(messages.unknownWorkflow(workflowName));
      }
      const nameProblem = workflowNameProblem(workflowName);
      if (nameProblem !== undefined) throw new WorkflowError(messages.invalidWorkflowName(workflowName, nameProblem));
      const id = opts?.id ?? newId();
      const problem = instanceIdProblem(id);
      if (problem !== undefined) throw new WorkflowError(messages.invalidInstanceId(problem));
      const params = toJson(opts?.params === undefined ? {} : opts.params);
      if (!params.ok) throw new WorkflowError(messages.invalidParams(params.reason));
      if (params.bytes > MAX_VALUE_BYTES) {
        throw new WorkflowError(messages.invalidParams(`${params.bytes} bytes; the maximum is 1 MiB`));
      }
      return { id, params: params.value, meta: opts?.meta };
    });
    const taken = new Set<string>();
    for (const { id } of planned) {
      if (taken.has(id) || reserved.has(id) || machines.has(id)) throw new WorkflowError(messages.instanceExists(id));
      taken.add(id);
    }
    for (const id of taken) reserved.add(id);
    try {
      for (const { id } of planned) {
        if (await store.getInstance(id)) throw new WorkflowError(messages.instanceExists(id));
      }
      for (const { id, params, meta } of planned) {
        live();
        const machine = new InstanceMachine(id, env, new Ledger(), meta);
        machines.set(id, machine);
        await machine.commit([{ type: 'instance-created', workflowName, params }]);
        machine.startRun('create');
      }
    } finally {
      for (const id of taken) reserved.delete(id);
    }
    return planned.map(({ id }) => handle(id));
  };

  const binding = (workflowName: string): WorkflowBinding => ({
    create: async (opts) => (await createMany(workflowName, [opts ?? {}]))[0] as InstanceHandle,
    createBatch: async (list) => {
      if (!Array.isArray(list) || list.length === 0) throw new WorkflowError(messages.batchEmpty());
      if (list.length > MAX_BATCH) throw new WorkflowError(messages.batchTooLarge(list.length));
      return createMany(workflowName, list);
    },
    get: async (id) => {
      await mustLoad(id, workflowName);
      return handle(id);
    },
  });

  return {
    binding,
    async recover() {
      live();
      const summaries = await store.listInstances();
      const unfinished = summaries.filter((s) => !FINITE_STATUSES.includes(s.status));
      await Promise.all(unfinished.map((s) => load(s.id)));
    },
    async settle() {
      for (;;) {
        if (disposed) return;
        const seen = env.activity.version;
        const hostSeen = env.hostActivity();
        await new Promise<void>((resolve) => afterTurns(defer, 2, resolve));
        if (env.activity.busy === 0 && env.activity.version === seen && env.hostActivity() === hostSeen) return;
      }
    },
    pendingWake(id) {
      const wake = machines.get(id)?.nextWake();
      return wake ? { at: wake.at, kind: wake.kind } : undefined;
    },
    replayNotes(id) {
      return [...(machines.get(id)?.replayLog.notes ?? [])];
    },
    async skipWait(id) {
      await (await mustLoad(id)).skipWait();
    },
    forget(id) {
      const machine = machines.get(id);
      if (!machine) return;
      machines.delete(id);
      machine.kill();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const machine of machines.values()) machine.kill();
      machines.clear();
    },
  };
}
