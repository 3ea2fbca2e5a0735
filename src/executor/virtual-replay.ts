/**
 * A replay on a virtual clock, as the CLI's `replay` runs one: the journal goes into a memory store of its own,
 * with an engine of its own on a virtual clock that starts where the journal ends, and the file's module
 * imported for that engine. `run()` runs again from the top; recorded calls are served, and whatever the code
 * asks beyond them (a new step, its retry delays, a new sleep) runs with time jumping to each next timer
 * (`driveInstance`), until the instance completes, errors, or waits for an event nobody sends. The studio's
 * own journal and engine are not touched; the caller gets the events.
 */
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type JournalEvent,
  reduceJournal,
  type WorkflowBody,
  WorkflowError,
} from '../engine';
import { driveInstance, type PythonRuntime } from '../runtime';
import { importedSummary } from './import-journal';

export interface VirtualReplayDeps {
  runtime: Pick<PythonRuntime, 'loadModule'> & Partial<Pick<PythonRuntime, 'activity'>>;
  /** Wraps each body (the executor's step guard: a runaway attempt can be stopped here too). */
  wrap(body: WorkflowBody): WorkflowBody;
  defer(cb: () => void): void;
  wallNow(): number;
}

/** What to replay: a journal without its last run's end (`run()` runs again), and the code to run it with. */
export interface VirtualReplayRequest {
  events: JournalEvent[];
  source: string;
  filename: string;
}

/** Replays `events` against `source`; resolves with the whole journal after it (the given events first). */
export async function replayOnVirtualClock(
  deps: VirtualReplayDeps,
  req: VirtualReplayRequest,
): Promise<JournalEvent[]> {
  const summary = importedSummary(req.events);
  const id = summary.id;
  const store = createMemoryJournalStore();
  await store.append(id, req.events, summary);
  const clock = createVirtualClock((req.events.at(-1) as JournalEvent).at);
  const bodies = new Map<string, WorkflowBody>();
  let module: ReturnType<typeof loadFor> | undefined;
  const engine = createEngine({
    store,
    clock,
    resolveWorkflow: (name) => {
      if (!module?.ok) return undefined;
      const known = bodies.get(name);
      if (known) return known;
      const raw = module.module.body(name);
      const body = raw && deps.wrap(raw);
      if (body) bodies.set(name, body);
      return body;
    },
    wallNow: deps.wallNow,
    defer: deps.defer,
    hostActivity: deps.runtime.activity && ((run) => deps.runtime.activity?.(run) ?? 0),
  });
  function loadFor() {
    return deps.runtime.loadModule({
      source: req.source,
      filename: req.filename,
      clock,
      binding: (name) => engine.binding(name),
    });
  }
  try {
    module = loadFor();
    if (!module.ok) {
      const { name, message, line } = module.error;
      throw new WorkflowError(`${req.filename}${line === null ? '' : `:${line}`} did not load: ${name}: ${message}`);
    }
    if (!module.module.body(summary.workflowName)) {
      throw new WorkflowError(`${req.filename} defines no workflow "${summary.workflowName}" (the journal's).`);
    }
    const handle = await engine.binding(summary.workflowName).get(id);
    if (summary.status === 'paused') await handle.resume();
    await driveInstance({
      engine,
      runtime: { activity: () => deps.runtime.activity?.() ?? 0 },
      clock,
      instanceId: id,
      expireWaits: false,
      view: async () => reduceJournal(await store.read(id)),
    });
    return await store.read(id);
  } finally {
    engine.dispose();
    if (module?.ok) module.module.dispose();
  }
}
