import {
  createMemoryBindingStore,
  createMemoryJournalStore,
  createRealClock,
  createVirtualClock,
  type InstanceHandle,
  instanceIdProblem,
  type JournalStore,
  reduceJournal,
  type VirtualClock,
} from '../engine';
import { createEnvBindings, driveInstance, type EnvBindings, type WorkflowInfo } from '../runtime';
import { nodeSql } from '../runtime/bindings/node-sql';
import type { NodePython } from '../runtime/node';
import { parseArgs, type RunOptions, USAGE } from './args';
import { BadInput, readUtf8File, readWorkflowSource } from './bad-input';
import { type BindingFile, bindingFilePath, openBindingFile } from './binding-file';
import { type FileJournalStore, JournalWriteError, openFileJournalStore } from './file-store';
import { hostModule } from './host-module';
import { exitCodeFor, formatReadable, toReport } from './report';

/** Where the CLI writes (the process streams, or buffers in tests). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * What the CLI needs from its host: a Python runtime (shared across calls in tests) and wall time. `allowNet` is
 * the origins its network gate lets through (`--allow-net`); a host that shares one runtime across calls keeps
 * the gate it was made with.
 */
export interface CliDeps {
  python(options?: { allowNet?: readonly string[] }): Promise<NodePython>;
  now(): number;
}

/** Runs `workflow-studio <argv>`; returns the exit code. Never throws for bad input. */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const parsed = parseArgs(argv, readUtf8File);
  if (!parsed.ok) {
    io.stderr(`${parsed.message}\n`);
    return 2;
  }
  if (parsed.command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    return await run(parsed.options, io, deps);
  } catch (e) {
    if (e instanceof BadInput || e instanceof JournalWriteError) {
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function pickWorkflow(file: string, workflows: readonly WorkflowInfo[], className: string | undefined): WorkflowInfo {
  const names = workflows.map((w) => w.className).join(', ');
  if (className !== undefined) {
    const found = workflows.find((w) => w.className === className);
    if (found) return found;
    throw new BadInput(
      workflows.length === 0
        ? `--class ${className}: ${file} defines no WorkflowEntrypoint subclass`
        : `--class ${className} is not a WorkflowEntrypoint subclass in ${file}; choose one of: ${names}`,
    );
  }
  if (workflows.length === 0) {
    throw new BadInput(
      `${file} defines no WorkflowEntrypoint subclass; add one, e.g. class MyWorkflow(WorkflowEntrypoint) with async def run(self, event, step)`,
    );
  }
  if (workflows.length > 1) {
    throw new BadInput(`${file} defines ${workflows.length} workflows (${names}); choose one with --class NAME`);
  }
  return workflows[0] as WorkflowInfo;
}

async function run(opts: RunOptions, io: CliIo, deps: CliDeps): Promise<number> {
  const source = readWorkflowSource(opts.file);
  if (opts.id !== undefined) {
    const problem = instanceIdProblem(opts.id);
    if (problem !== undefined) throw new BadInput(`--id is not a valid instance id: ${problem}`);
  }
  let fileStore: FileJournalStore | undefined;
  if (opts.journal !== undefined) {
    const opened = await openFileJournalStore(opts.journal);
    if (!opened.ok) throw new BadInput(opened.message);
    fileStore = opened.store;
  }
  try {
    return await runOn(fileStore ?? createMemoryJournalStore(), fileStore, source, opts, io, deps);
  } finally {
    fileStore?.close();
  }
}

/** Runs (or resumes) the instance on `store`, the `--journal` file's (held locked by this process) or memory. */
async function runOn(
  store: JournalStore,
  fileStore: FileJournalStore | undefined,
  source: string,
  opts: RunOptions,
  io: CliIo,
  deps: CliDeps,
): Promise<number> {
  const existing = await findExisting(store, opts);

  const { runtime, gate } = await deps.python({ allowNet: opts.allowNet });
  const wallStart = deps.now();
  const lastAt = existing ? ((await store.read(existing)).at(-1)?.at ?? wallStart) : wallStart;
  const virtualClock: VirtualClock | undefined =
    opts.clock === 'virtual' ? createVirtualClock(Math.max(wallStart, lastAt)) : undefined;
  const clock = virtualClock ?? createRealClock({ setTimeout, clearTimeout, now: Date.now });

  const bindings = openBindings(opts, () => clock.now());
  const { engine, module, dispose } = hostModule({
    runtime,
    store,
    clock,
    source,
    filename: opts.file,
    now: deps.now,
    io,
    again: 'run',
    env: bindings?.env,
    mocks: opts.mocks,
  });
  try {
    const workflow = pickWorkflow(opts.file, module.workflows, opts.className);
    const binding = engine.binding(workflow.workflowName);

    let handle: InstanceHandle;
    if (existing !== undefined) {
      if (opts.params !== undefined) {
        throw new BadInput(
          `instance "${existing}" already exists in ${opts.journal}; drop --params to resume it, or pass a new --id`,
        );
      }
      const summary = await store.getInstance(existing);
      if (summary && summary.workflowName !== workflow.workflowName) {
        throw new BadInput(
          `instance "${existing}" in ${opts.journal} is a ${summary.workflowName} workflow, not ${workflow.workflowName}; pick its class with --class or pass a new --id`,
        );
      }
      await engine.recover();
      handle = await binding.get(existing);
    } else {
      try {
        handle = await binding.create({ id: opts.id, params: opts.params });
      } catch (e) {
        throw new BadInput((e as Error).message);
      }
    }
    for (const event of opts.events) {
      try {
        await handle.sendEvent(event);
      } catch (e) {
        throw new BadInput(`cannot send --event ${JSON.stringify(event.type)}: ${(e as Error).message}`);
      }
    }
    const view = await driveInstance({
      engine,
      clock: virtualClock,
      instanceId: handle.id,
      expireWaits: opts.expireWaits,
      runtime,
      view: async () => reduceJournal(await store.read(handle.id)),
      onIdle: async () => {
        await fileStore?.flush();
        await bindings?.file?.flush();
      },
      // Binding calls await storage and sql.js, which the engine cannot see either.
      pendingRequests: () => gate.pending() + (bindings?.env.pending() ?? 0),
    });
    await fileStore?.flush();
    await bindings?.file?.flush();
    io.stdout(opts.json ? `${JSON.stringify(toReport(view))}\n` : `${formatReadable(view)}\n`);
    return exitCodeFor(view.status);
  } finally {
    dispose();
  }
}

/**
 * `--env`: the declared bindings over memory, or over `PATH.env.json` beside `--journal PATH` (so a resumed
 * instance finds what its steps stored).
 */
function openBindings(opts: RunOptions, now: () => number): { env: EnvBindings; file?: BindingFile } | undefined {
  if (opts.env === undefined) return undefined;
  let file: BindingFile | undefined;
  if (opts.journal !== undefined) {
    const opened = openBindingFile(bindingFilePath(opts.journal));
    if (!opened.ok) throw new BadInput(opened.message);
    file = opened.file;
  }
  const store = file?.store ?? createMemoryBindingStore();
  return { env: createEnvBindings({ env: opts.env.declaration, store, scope: 'cli', sql: nodeSql, now }), file };
}

/** The instance to resume from the journal: `--id` when it is there, else the only instance of the file. */
async function findExisting(store: JournalStore, opts: RunOptions): Promise<string | undefined> {
  if (opts.journal === undefined) return undefined;
  if (opts.id !== undefined) return (await store.getInstance(opts.id)) ? opts.id : undefined;
  const all = await store.listInstances();
  if (all.length === 0 || opts.params !== undefined) return undefined;
  if (all.length > 1) {
    throw new BadInput(
      `--journal ${opts.journal} holds ${all.length} instances (${all.map((s) => s.id).join(', ')}); choose one with --id`,
    );
  }
  return all[0]?.id;
}
